import type { LoginResult } from "../../vendor-api/driver.ts";
import { ConfigurationError } from "../failure.ts";
import type { StepEnv } from "./env.ts";
import type { StepHandler, StepOf } from "./handler.ts";

/** Logs a session in as the step's user (or the scenario's credentials) and records it in the ledger. */
export async function runLogin(env: StepEnv, step: StepOf<"login">, name: string): Promise<LoginResult> {
  const args = step.login ?? {};
  const base = args.user ? env.target.users[args.user] : env.credentials;
  if (!base)
    throw new ConfigurationError(
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

export const login: StepHandler<"login"> = {
  verb: "login",
  run: (step, context) => runLogin(context, step, context.sessionName),
};
