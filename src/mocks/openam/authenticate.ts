import type { Context } from "hono";
import { AUTHENTICATE_VERSIONS, negotiate } from "./api-version.ts";
import { crestError, readBody } from "./crest.ts";
import type { AmPath } from "./paths.ts";
import type { OpenamState } from "./state.ts";
import { newAuthId } from "./tokens.ts";
import { type AmUser, findUser } from "./users.ts";

/** How long a callback login may stay unfinished (AM's authentication session timeout, 5 minutes). */
const LOGIN_STEP_MS = 5 * 60_000;

/** The 401 of a failed login; whether real AM adds `detail: {failureUrl}` is UNCERTAIN (wire notes §2.1), so it is a variant. */
function failed(c: Context, state: OpenamState): Response {
  const extra = state.settings.authFailureBody === "detail" ? { detail: { failureUrl: "" } } : {};
  return c.json({ code: 401, reason: "Unauthorized", message: "Authentication Failed", ...extra }, 401);
}

/**
 * `POST …/authenticate` (AM-01). Two ways in, as AM offers them:
 * - zero-page login: `X-OpenAM-Username` / `X-OpenAM-Password` headers and an empty body (`{}`);
 * - callbacks, as the JS SDK's FRAuth.next() does: an empty body starts a step that asks for
 *   NameCallback + PasswordCallback, and the filled step (with its `authId`) finishes it.
 * A body that carries an `authId` is always a step, as in AM (wire notes §2.1).
 */
export async function authenticate(c: Context, state: OpenamState, path: AmPath): Promise<Response> {
  if (c.req.method !== "POST") return crestError(c, 405, `Method ${c.req.method} not allowed on authenticate`);
  const version = negotiate(c, AUTHENTICATE_VERSIONS, state.context.defect("no-api-version-header"));
  if (version instanceof Response) return version;
  const body = await readBody(c);
  if (body instanceof Response) return body;
  if (typeof body.authId === "string") return finishStep(c, state, path.realm, body);
  const username = c.req.header("x-openam-username");
  if (username !== undefined) return checkPassword(c, state, path.realm, username, c.req.header("x-openam-password") ?? "");
  return startStep(c, state, path.realm);
}

function checkPassword(c: Context, state: OpenamState, realm: string, username: string, password: string): Response {
  const user = findUser(realm, username);
  if (!user || (password !== user.password && !state.context.defect("wrong-password-accepted"))) return failed(c, state);
  return succeed(c, state, user);
}

function succeed(c: Context, state: OpenamState, user: AmUser): Response {
  const session = state.login(user);
  // As captured from AM 8.0.1 on plain http: the SSO cookie and the load-balancer cookie, both HttpOnly.
  // Secure is expected on https deployments but no capture shows it (UNCERTAIN): a variant sets it.
  const secure = state.settings.secureCookie ? "; Secure" : "";
  c.header("Set-Cookie", `${state.settings.cookieName}=${session.id}; Path=/${secure}; HttpOnly`, { append: true });
  c.header("Set-Cookie", "amlbcookie=01; Path=/; HttpOnly", { append: true });
  c.header("Cache-Control", "private");
  return c.json({ tokenId: session.id, successUrl: `${state.settings.contextPath}/console`, realm: user.realm });
}

function startStep(c: Context, state: OpenamState, realm: string): Response {
  // The tree's name travels inside the authId, which the mock keeps while the login is pending:
  // at most 256 characters of it (the mock's bound), so 10,000 abandoned logins with 16 KB URLs stay small.
  const authId = newAuthId(realm, (c.req.query("authIndexValue") ?? "ldapService").slice(0, 256));
  // It continues a login: a credential while it is pending.
  state.context.issued(authId, "auth-id");
  state.pendingLogins.set(authId, { realm, startedAt: state.context.clock.now() });
  // Abandoned logins must not grow without bound under a flood.
  if (state.pendingLogins.size > 10_000) {
    const oldest = state.pendingLogins.keys().next().value;
    if (oldest !== undefined) state.pendingLogins.delete(oldest);
  }
  return c.json({
    authId,
    callbacks: [
      { type: "NameCallback", output: [{ name: "prompt", value: "User Name" }], input: [{ name: "IDToken1", value: "" }], _id: 0 },
      { type: "PasswordCallback", output: [{ name: "prompt", value: "Password" }], input: [{ name: "IDToken2", value: "" }], _id: 1 },
    ],
    header: "Sign in",
    description: "",
  });
}

function finishStep(c: Context, state: OpenamState, realm: string, body: Record<string, unknown>): Response {
  const authId = body.authId as string;
  const pending = state.pendingLogins.get(authId);
  state.pendingLogins.delete(authId);
  if (!pending || pending.realm !== realm || state.context.clock.now() - pending.startedAt >= LOGIN_STEP_MS) return failed(c, state);
  const username = callbackValue(body.callbacks, "NameCallback");
  const password = callbackValue(body.callbacks, "PasswordCallback");
  if (username === undefined || password === undefined) return failed(c, state);
  return checkPassword(c, state, realm, username, password);
}

/** The first input value of the callback of this type, if the step filled it with a string. */
function callbackValue(callbacks: unknown, type: string): string | undefined {
  if (!Array.isArray(callbacks)) return undefined;
  const callback = callbacks.find(
    (cb): cb is { input?: unknown } => typeof cb === "object" && cb !== null && (cb as { type?: unknown }).type === type,
  );
  const input = Array.isArray(callback?.input) ? (callback.input[0] as { value?: unknown } | undefined) : undefined;
  return typeof input?.value === "string" ? input.value : undefined;
}
