import { bodyField, type Exchange, type HttpRequest } from "../../../http/exchange.ts";
import type { Credentials, DriverContext, Session } from "../../../vendor-api/driver.ts";
import { realmPath, settings, versionHeader } from "./wire.ts";

/**
 * The two ways into AM that clients use (wire notes §2.1), chosen by the login step's
 * `with: { flow }`:
 * - `zero-page` (default): `X-OpenAM-Username` / `X-OpenAM-Password` and an empty body;
 * - `callbacks`: as the JS SDK's FRAuth.next() does it: an empty body starts the realm's
 *   default tree, whose step asks for NameCallback + PasswordCallback; the filled step (with
 *   its `authId`) is sent back. `with: { authId }` sends the filled step under another
 *   authId (one AM never issued). A first answer that is no such step ends the login there.
 * Other `with:` arguments: `realm`, `apiVersion` (the Accept-API-Version), `method` (an HTTP
 * method other than POST) and `body` (a raw body instead of `{}`), for the negative cases.
 */
export async function authenticate(
  ctx: DriverContext,
  session: Session,
  credentials: Credentials,
  args: Record<string, unknown>,
): Promise<{ exchange: Exchange; related?: Exchange[] }> {
  const realm = realmOf(ctx, credentials, args);
  if (args.flow === "callbacks") return callbackLogin(ctx, session, credentials, args, realm);
  const request = authenticateRequest(ctx, realm, args);
  request.headers["x-openam-username"] = credentials.username ?? "";
  request.headers["x-openam-password"] = credentials.password ?? "";
  return { exchange: await ctx.send(request, { label: "authenticate", session }) };
}

export function realmOf(ctx: DriverContext, credentials: Credentials, args: Record<string, unknown>): string {
  return typeof args.realm === "string" ? args.realm : (credentials.realm ?? settings(ctx).realm);
}

function authenticateRequest(ctx: DriverContext, realm: string, args: Record<string, unknown>): HttpRequest {
  const s = settings(ctx);
  return {
    method: typeof args.method === "string" ? args.method : "POST",
    url: ctx.url(`${s.contextPath}${realmPath(realm)}/authenticate`),
    headers: {
      accept: "application/json",
      "content-type": "application/json",
      "accept-api-version": typeof args.apiVersion === "string" ? versionHeader(args.apiVersion) : s.authApiVersion,
    },
    // Must be empty: AM reads any other body as the next step of a callback login.
    body: typeof args.body === "string" ? args.body : "{}",
  };
}

interface CallbackStep {
  authId: string;
  callbacks: { type?: unknown; input?: { value?: unknown }[] }[];
}

async function callbackLogin(
  ctx: DriverContext,
  session: Session,
  credentials: Credentials,
  args: Record<string, unknown>,
  realm: string,
): Promise<{ exchange: Exchange; related?: Exchange[] }> {
  const start = await ctx.send(authenticateRequest(ctx, realm, {}), { label: "authenticate (start the tree)", session });
  const step = asStep(start);
  if (!step) return { exchange: start };
  ctx.secret(step.authId, "auth-id");
  const name = inputOf(step, "NameCallback");
  const password = inputOf(step, "PasswordCallback");
  if (!name || !password) return { exchange: start };
  name.value = credentials.username ?? "";
  password.value = credentials.password ?? "";
  ctx.secret(credentials.password, "password");
  if (typeof args.authId === "string") step.authId = args.authId;
  const finish = authenticateRequest(ctx, realm, { body: JSON.stringify(step) });
  return { exchange: await ctx.send(finish, { label: "authenticate (the filled step)", session }), related: [start] };
}

/** A callback step: a 200 with an authId and a list of callbacks. */
function asStep(exchange: Exchange): CallbackStep | undefined {
  const authId = bodyField(exchange, "authId");
  const callbacks = bodyField(exchange, "callbacks");
  if (exchange.response.status !== 200 || typeof authId !== "string" || authId === "" || !Array.isArray(callbacks)) return undefined;
  // A copy: the answer as recorded must not show the credentials filled in below.
  return structuredClone(exchange.response.parsed) as CallbackStep;
}

/** The first input of the step's callback of this type, where the answer goes. */
function inputOf(step: CallbackStep, type: string): { value?: unknown } | undefined {
  const input = step.callbacks.find((cb) => cb && typeof cb === "object" && cb.type === type)?.input?.[0];
  return input && typeof input === "object" ? input : undefined;
}
