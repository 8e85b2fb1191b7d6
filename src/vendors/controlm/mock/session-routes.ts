import type { Context, Hono } from "hono";
import { errorList, readJsonObject } from "./errors.ts";
import { type ControlmState, SEEDED_API_TOKEN } from "./state.ts";
import { jacksonJson } from "./jackson.ts";

export interface Principal {
  username: string;
  /** The session token, when the caller came with one (not an API token). */
  sessionToken?: string;
}

type ApiKeyUser = (key: string | undefined) => string | undefined;

/** A live session token, as Bearer or (where `sessionTokenAsApiKey=accepted`) as x-api-key. */
function sessionPrincipal(state: ControlmState, token: string | undefined): Principal | undefined {
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: a use that does not renew the 30 minutes is the from-issue reading of CTM-S-06 (OPEN: variants validity-from-issue and validity-from-last-use).
  const session = state.sessions.find(token, { touch: true });
  return session ? { username: session.user, sessionToken: session.id } : undefined;
}

/** A live API token's owner. */
function apiTokenPrincipal(value: string | undefined, apiKeyUser: ApiKeyUser): Principal | undefined {
  const username = apiKeyUser(value);
  return username ? { username } : undefined;
}

/**
 * `Authorization: Bearer`: a session token; an API token too where `apiTokenAsBearer=accepted`
 * (the wire notes leave both headers open to both kinds). Nothing under `bearer-not-accepted`.
 */
function bearerPrincipal(state: ControlmState, value: string, apiKeyUser: ApiKeyUser): Principal | undefined {
  if (state.context.defect("bearer-not-accepted")) return undefined;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: an API token as Bearer accepted or refused are both legal (variants api-token-as-bearer-accepted and -refused).
  const asApiToken = state.settings.apiTokenAsBearer === "accepted" ? apiTokenPrincipal(value, apiKeyUser) : undefined;
  return sessionPrincipal(state, value) ?? asApiToken;
}

/** `x-api-key`: an API token; a live session token too where `sessionTokenAsApiKey=accepted`. */
function apiKeyPrincipal(state: ControlmState, value: string | undefined, apiKeyUser: ApiKeyUser): Principal | undefined {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: a session token as x-api-key accepted or refused are both legal (variants session-token-as-api-key-accepted and -refused).
  const asSession = state.settings.sessionTokenAsApiKey === "accepted" ? sessionPrincipal(state, value) : undefined;
  return apiTokenPrincipal(value, apiKeyUser) ?? asSession;
}

/** Whom `bearer-not-required` and `unknown-api-key-accepted` serve: the seeded default user. */
const DEFAULT_USER = SEEDED_API_TOKEN.user;

// Stryker disable all: only the bearer-not-required, logout-keeps-api-key-carrier and unknown-api-key-accepted defects answer here.
/** Whom a defect lets in where the server must refuse: no credential, or an x-api-key no live token holds. */
function defectivePrincipal(state: ControlmState, bearer: string | undefined, apiKey: string | undefined): Principal | undefined {
  const { context } = state;
  if (bearer) return undefined;
  if (!apiKey) return context.defect("bearer-not-required") ? { username: DEFAULT_USER } : undefined;
  // `logout-keeps-api-key-carrier` (CTM-S-07): the x-api-key path reads a token cache that logout does not clear.
  const loggedOut = context.defect("logout-keeps-api-key-carrier") ? state.loggedOutUser(apiKey) : undefined;
  if (loggedOut) return { username: loggedOut };
  // `unknown-api-key-accepted` (CTM-S-04, CTM-A-01): only the header's presence is checked.
  return context.defect("unknown-api-key-accepted") ? { username: DEFAULT_USER } : undefined;
}
// Stryker restore all

/**
 * Who is calling: a session token as `Authorization: Bearer`, or (without one) an API token as
 * `x-api-key` (resolved by `apiKeyUser`, which the Authentication service provides).
 */
export function authenticate(c: Context, state: ControlmState, apiKeyUser: ApiKeyUser): Principal | undefined {
  // Stryker disable next-line Regex: how loosely the Bearer scheme is read (anchored or not, one blank or several) is documented nowhere and no client sends it otherwise: either answer is legal.
  const bearer = c.req.header("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  const apiKey = c.req.header("x-api-key");
  const principal = bearer ? bearerPrincipal(state, bearer, apiKeyUser) : apiKeyPrincipal(state, apiKey, apiKeyUser);
  return principal ?? defectivePrincipal(state, bearer, apiKey);
}

export function unauthorized(c: Context, state: ControlmState) {
  return errorList(c, 401, state.texts.unauthorized);
}

export function sessionRoutes(app: Hono, state: ControlmState, apiKeyUser: ApiKeyUser): void {
  const { context, settings, texts } = state;
  // Stryker disable next-line StringLiteral: only the version-not-a-release defect answers "unknown".
  const version = () => (context.defect("version-not-a-release") ? "unknown" : settings.version);

  app.post("/session/login", async (c) => {
    const read = await readJsonObject(c, state);
    if ("refusal" in read) return read.refusal;
    const fields = [read.body.username, read.body.password];
    // Both are required (LoginCredentials): unchecked, a body with neither would log in, its absent password equal to an absent user's.
    // Stryker disable next-line MethodExpression: a login that lacks one field is refused either way, 400 as malformed or 401 as a failed login (the spec lists only 401 for login).
    if (!fields.every((field) => typeof field === "string")) return errorList(c, 400, texts.loginFieldsRequired);
    const [username, password] = fields as [string, string];
    let accepted = password === state.passwords.get(username);
    // `wrong-password-accepted` (CTM-S-02): any password logs a known user in.
    if (context.defect("wrong-password-accepted")) accepted = state.passwords.has(username);
    if (!accepted) return errorList(c, 401, texts.loginFailed);
    // Stryker disable all: only the login-ends-earlier-sessions and validity-clock-per-user defects reach the user's earlier sessions.
    const earlier = state.liveSessions((s) => s.user === username);
    // `login-ends-earlier-sessions` (CTM-S-01): one session per user, so a login ends the user's earlier tokens.
    if (context.defect("login-ends-earlier-sessions")) for (const s of earlier) state.sessions.close(s.id);
    // `validity-clock-per-user` (CTM-S-05): the 30 minutes are kept per user, so a login restarts the earlier tokens' too.
    if (context.defect("validity-clock-per-user")) {
      const now = context.clock.now();
      for (const s of earlier) Object.assign(s, { createdAt: now, lastUsedAt: now });
    }
    // Stryker restore all
    const session = state.sessions.open(username, {});
    // Stryker disable next-line StringLiteral: the kind only labels the secret for the leak proof; the host records the value alone.
    context.issued(session.id, "session-token");
    const result = { username, token: session.id, version: version() };
    // Stryker disable next-line ObjectLiteral: only the login-username-missing defect answers this.
    if (context.defect("login-username-missing")) return jacksonJson(c, { token: result.token, version: result.version });
    return jacksonJson(c, result);
  });

  app.post("/session/logout", (c) => {
    // The old Postman style, `?token=` with no header, only where `logoutQueryToken=accepted` (UNVERIFIED).
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral,BooleanLiteral: each mutant accepts or refuses ?token= (only ever the session it names), the two legal answers (variants logout-query-token-accepted and -refused).
    const fromQuery = settings.logoutQueryToken === "accepted" && !c.req.header("authorization") ? c.req.query("token") : undefined;
    const principal = fromQuery ? sessionPrincipal(state, fromQuery) : authenticate(c, state, apiKeyUser);
    if (!principal?.sessionToken) return unauthorized(c, state);
    const { username, sessionToken } = principal;
    if (!context.defect("logout-keeps-token")) state.logOut(sessionToken, username);
    // `logout-ends-all-user-sessions` (CTM-S-07): the user is logged out, not the session the token names.
    // Stryker disable next-line BlockStatement: only the logout-ends-all-user-sessions defect enters.
    if (context.defect("logout-ends-all-user-sessions")) {
      // Stryker disable next-line all: only that defect reaches the user's other sessions.
      for (const s of state.liveSessions((s) => s.user === username)) state.logOut(s.id, username);
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: with the token or without it, both are legal logout messages (variants logout-message-echoes-token and -plain).
    const plain = settings.logoutMessage === "plain";
    // Stryker disable next-line ConditionalExpression: as above.
    const message = plain ? "Successfully logged out" : `Successfully logged out from session ${sessionToken}`;
    return jacksonJson(c, { message });
  });

  app.post("/session/user/password/update", async (c) => {
    const principal = authenticate(c, state, apiKeyUser);
    if (!principal) return unauthorized(c, state);
    const read = await readJsonObject(c, state);
    if ("refusal" in read) return read.refusal;
    const { currentPassword, newPassword } = read.body;
    if (typeof currentPassword !== "string" || typeof newPassword !== "string" || newPassword === "")
      return errorList(c, 400, texts.passwordFieldsRequired);
    // undefined: a Secret:<key> no store holds, so it is a wrong current password.
    const current = state.resolveSecret(currentPassword);
    const next = state.resolveSecret(newPassword);
    if (next === undefined) return errorList(c, 400, texts.unknownSecret(newPassword.slice("Secret:".length)));
    if (current !== state.passwords.get(principal.username) && !context.defect("password-update-skips-current-check")) {
      // `refused-password-update-applied` (CTM-S-09): refused on the wire, changed all the same.
      if (context.defect("refused-password-update-applied")) state.passwords.set(principal.username, next);
      return errorList(c, 400, texts.wrongCurrentPassword);
    }
    // Stryker disable next-line ObjectLiteral: only the password-update-ignored defect answers here.
    if (context.defect("password-update-ignored")) return jacksonJson(c, { message: texts.passwordChanged });
    let stored = next;
    // `secret-update-sets-wrong-password` (CTM-S-10): a secret in the body corrupts what is stored.
    // Stryker disable next-line BlockStatement: only the secret-update-sets-wrong-password defect enters.
    if (context.defect("secret-update-sets-wrong-password")) {
      // Stryker disable next-line all: only that defect stores this.
      if (/^Secret:/.test(`${currentPassword}${newPassword}`)) stored = `${stored}-corrupted`;
    }
    state.passwords.set(principal.username, stored);
    // `password-update-ends-every-session` (CTM-S-08): a session-cache flush meant for the user's own sessions ends everyone's.
    // Stryker disable next-line BlockStatement: only the password-update-ends-every-session defect enters.
    if (context.defect("password-update-ends-every-session")) {
      // Stryker disable next-line all: only that defect reaches the other sessions.
      for (const s of state.liveSessions((s) => s.id !== principal.sessionToken)) state.sessions.close(s.id);
    }
    return jacksonJson(c, { message: texts.passwordChanged });
  });

  app.get("/config/servers", (c) => {
    if (!authenticate(c, state, apiKeyUser)) return unauthorized(c, state);
    // Stryker disable next-line ObjectLiteral,StringLiteral: the rest of a server's entry stands in for what a real one holds: the suites read whether the call is served, and that it names a server.
    const details = { host: "ctm-server.example.test", state: "Up", message: "Connected" };
    return jacksonJson(c, [{ name: "ctm-server", ...details, version: version() }]);
  });
}
