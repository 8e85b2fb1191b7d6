import type { Credentials, DriverContext, LoginResult, Session, StepResult, VendorDriver, Verdict } from "../drivers/types.ts";
import type { HttpRequest } from "../http/exchange.ts";
import type { RequestArgs, Step } from "../scenario/schema.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { ScenarioSetupError } from "./failure.ts";
import { probeSession } from "./probe.ts";
import type { SessionLedger } from "./session-ledger.ts";

export interface StepEnv {
  driver: VendorDriver;
  target: ResolvedTarget;
  ctx: DriverContext;
  ledger: SessionLedger;
  where: string;
  onServerVersion(version: string): void;
  /** The scenario's own credentials: the target's, or its disposable account's for wrong-password scenarios. */
  credentials: Credentials;
}

export function sessionNamed(env: StepEnv, name: string): Session {
  const session = env.ledger.get(name);
  if (!session)
    throw new ScenarioSetupError(env.where, `session "${name}" was never logged in: add a login step with as: ${name} before this one`);
  return session;
}

export async function runLogin(env: StepEnv, step: Extract<Step, { login: unknown }>, name: string): Promise<LoginResult> {
  const args = step.login ?? {};
  const base = args.user ? env.target.users[args.user] : env.credentials;
  if (!base)
    throw new ScenarioSetupError(
      env.where,
      `target ${env.target.name} has no user "${args.user}"; known: ${Object.keys(env.target.users).join(", ") || "none"}`,
    );
  const credentials = { ...base };
  if (args.username !== undefined) credentials.username = args.username;
  if (args.password !== undefined) credentials.password = args.password;
  env.ctx.secret(credentials.password, "credential");
  const session = env.ledger.create(name);
  const result = await env.driver.login(env.ctx, session, { credentials, with: step.with ?? {} });
  session.open = result.ok;
  session.openedAt = env.ctx.now();
  if (credentials.username) session.username = credentials.username;
  if (result.serverVersion) env.onServerVersion(result.serverVersion);
  return result;
}

export async function runUse(env: StepEnv, call: string, args: Record<string, unknown>, session: Session): Promise<StepResult> {
  const spec = env.driver.calls[call];
  if (!spec) throw new ScenarioSetupError(env.where, `unknown call ${call}`);
  const request = env.driver.authorize(env.ctx, session, spec.build(env.ctx, args));
  return { exchange: await env.ctx.send(request, { label: `use ${call}`, session }) };
}

export async function runRequest(env: StepEnv, args: RequestArgs, name: string): Promise<StepResult> {
  const request: HttpRequest = { method: args.method, url: env.ctx.url(args.path, args.query), headers: { ...args.headers } };
  if (args.json !== undefined) {
    request.body = JSON.stringify(args.json);
    request.headers["content-type"] ??= "application/json";
  } else if (args.form) {
    request.body = new URLSearchParams(args.form).toString();
    request.headers["content-type"] ??= "application/x-www-form-urlencoded";
  } else if (args.body !== undefined) {
    request.body = args.body;
  }
  if (args.followRedirects) request.followRedirects = true;
  if (args.auth === "session") {
    const session = sessionNamed(env, name);
    return {
      exchange: await env.ctx.send(env.driver.authorize(env.ctx, session, request), {
        label: `request ${args.method} ${args.path}`,
        session,
      }),
    };
  }
  return { exchange: await env.ctx.send(request, { label: `request ${args.method} ${args.path}` }) };
}

/** Asks the server whether the session is alive, the vendor's way. */
export async function probe(env: StepEnv, session: Session): Promise<{ verdict: Verdict; result: StepResult }> {
  const { verdict, exchange } = await probeSession(env.driver, env.ctx, session);
  return { verdict, result: { exchange } };
}
