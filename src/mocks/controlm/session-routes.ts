import type { Context, Hono } from "hono";
import { errorList, readJsonObject } from "./errors.ts";
import { type ControlmState, SEEDED_API_TOKEN } from "./state.ts";

export interface Principal {
  username: string;
  /** The session token, when the caller came with one (not an API token). */
  sessionToken?: string;
}

/** A live session token, as Bearer or (where `sessionTokenAsApiKey=accepted`) as x-api-key. */
function sessionPrincipal(state: ControlmState, token: string): Principal | undefined {
  const session = state.sessions.find(token, { touch: true });
  return session ? { username: session.user, sessionToken: session.id } : undefined;
}

/**
 * `Authorization: Bearer`: a session token; an API token too where `apiTokenAsBearer=accepted`
 * (the wire notes leave both headers open to both kinds). Nothing under `bearer-not-accepted`.
 */
function bearerPrincipal(state: ControlmState, value: string, apiKeyUser: ApiKeyUser): Principal | undefined {
  if (state.context.defect("bearer-not-accepted")) return undefined;
  const session = sessionPrincipal(state, value);
  if (session || state.settings.apiTokenAsBearer !== "accepted") return session;
  const username = apiKeyUser(value);
  return username ? { username } : undefined;
}

/** `x-api-key`: an API token; a live session token too where `sessionTokenAsApiKey=accepted`. */
function apiKeyPrincipal(state: ControlmState, value: string, apiKeyUser: ApiKeyUser): Principal | undefined {
  const { context, settings } = state;
  const owner = apiKeyUser(value);
  if (owner) return { username: owner };
  const session = settings.sessionTokenAsApiKey === "accepted" ? sessionPrincipal(state, value) : undefined;
  if (session) return session;
  // `logout-keeps-api-key-carrier` (CTM-S-07): the x-api-key path reads a token cache that logout does not clear.
  const loggedOut = context.defect("logout-keeps-api-key-carrier") ? state.loggedOutUser(value) : undefined;
  if (loggedOut) return { username: loggedOut };
  // `unknown-api-key-accepted` (CTM-S-04, CTM-A-01): only the header's presence is checked.
  return context.defect("unknown-api-key-accepted") ? { username: DEFAULT_USER } : undefined;
}

type ApiKeyUser = (key: string) => string | undefined;

/** Whom `bearer-not-required` and `unknown-api-key-accepted` serve: the seeded default user. */
const DEFAULT_USER = SEEDED_API_TOKEN.user;

/**
 * Who is calling: a session token as `Authorization: Bearer`, or an API token as
 * `x-api-key` (resolved by `apiKeyUser`, which the Authentication service provides).
 */
export function authenticate(c: Context, state: ControlmState, apiKeyUser: ApiKeyUser): Principal | undefined {
  const authorization = c.req.header("authorization") ?? "";
  const bearer = authorization.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return bearerPrincipal(state, bearer, apiKeyUser);
  const apiKey = c.req.header("x-api-key");
  if (apiKey) return apiKeyPrincipal(state, apiKey, apiKeyUser);
  if (state.context.defect("bearer-not-required")) return { username: DEFAULT_USER };
  return undefined;
}

export function unauthorized(c: Context, state: ControlmState) {
  return errorList(c, 401, state.texts.unauthorized);
}

export function sessionRoutes(app: Hono, state: ControlmState, apiKeyUser: ApiKeyUser): void {
  const { context, settings, texts } = state;
  const version = () => (context.defect("version-not-a-release") ? "unknown" : settings.version);

  app.post("/session/login", async (c) => {
    const body = await readJsonObject(c, state);
    if (body instanceof Response) return body;
    const { username, password } = body;
    if (typeof username !== "string" || typeof password !== "string") return errorList(c, 400, texts.loginFieldsRequired);
    const expected = state.passwords.get(username);
    const accepted = expected !== undefined && (password === expected || context.defect("wrong-password-accepted"));
    if (!accepted) return errorList(c, 401, texts.loginFailed);
    const earlier = state.liveSessions((s) => s.user === username);
    // `login-ends-earlier-sessions` (CTM-S-01): one session per user, so a login ends the user's earlier tokens.
    if (context.defect("login-ends-earlier-sessions")) for (const s of earlier) state.sessions.close(s.id);
    // `validity-clock-per-user` (CTM-S-05): the 30 minutes are kept per user, so a login restarts the earlier tokens' too.
    if (context.defect("validity-clock-per-user")) {
      const now = context.clock.now();
      for (const s of earlier) Object.assign(s, { createdAt: now, lastUsedAt: now });
    }
    const session = state.sessions.open(username, {});
    context.issued(session.id, "session-token");
    const result = { username, token: session.id, version: version() };
    if (context.defect("login-username-missing")) return c.json({ token: result.token, version: result.version });
    return c.json(result);
  });

  app.post("/session/logout", (c) => {
    // The old Postman style, `?token=` with no header, only where `logoutQueryToken=accepted` (UNVERIFIED).
    const fromQuery = settings.logoutQueryToken === "accepted" && !c.req.header("authorization") ? c.req.query("token") : undefined;
    const principal = fromQuery ? sessionPrincipal(state, fromQuery) : authenticate(c, state, apiKeyUser);
    if (!principal?.sessionToken) return unauthorized(c, state);
    const { username, sessionToken } = principal;
    if (!context.defect("logout-keeps-token")) state.logOut(sessionToken, username);
    // `logout-ends-all-user-sessions` (CTM-S-07): the user is logged out, not the session the token names.
    if (context.defect("logout-ends-all-user-sessions"))
      for (const s of state.liveSessions((s) => s.user === username)) state.logOut(s.id, username);
    const message = settings.logoutMessage === "plain" ? "Successfully logged out" : `Successfully logged out from session ${sessionToken}`;
    return c.json({ message });
  });

  app.post("/session/user/password/update", async (c) => {
    const principal = authenticate(c, state, apiKeyUser);
    if (!principal) return unauthorized(c, state);
    const body = await readJsonObject(c, state);
    if (body instanceof Response) return body;
    const { currentPassword, newPassword } = body;
    if (typeof currentPassword !== "string" || typeof newPassword !== "string" || newPassword === "")
      return errorList(c, 400, texts.passwordFieldsRequired);
    const current = state.resolveSecret(currentPassword);
    const next = state.resolveSecret(newPassword);
    if ("unknownSecret" in current) return errorList(c, 400, texts.unknownSecret(current.unknownSecret));
    if ("unknownSecret" in next) return errorList(c, 400, texts.unknownSecret(next.unknownSecret));
    const ignored = context.defect("password-update-ignored");
    if (current.value !== state.passwords.get(principal.username) && !context.defect("password-update-skips-current-check")) {
      // `refused-password-update-applied` (CTM-S-09): refused on the wire, changed all the same.
      if (context.defect("refused-password-update-applied")) state.passwords.set(principal.username, next.value);
      return errorList(c, 400, texts.wrongCurrentPassword);
    }
    // `secret-update-sets-wrong-password` (CTM-S-10): a secret in the body corrupts what is stored.
    const corrupted = context.defect("secret-update-sets-wrong-password") && /^Secret:/.test(`${currentPassword}${newPassword}`);
    if (!ignored) state.passwords.set(principal.username, corrupted ? `${next.value}-corrupted` : next.value);
    // `password-update-ends-every-session` (CTM-S-08): a session-cache flush meant for the user's own sessions ends everyone's.
    if (context.defect("password-update-ends-every-session"))
      for (const s of state.liveSessions((s) => s.id !== principal.sessionToken)) state.sessions.close(s.id);
    return c.json({ message: texts.passwordChanged });
  });

  app.get("/config/servers", (c) => {
    if (!authenticate(c, state, apiKeyUser)) return unauthorized(c, state);
    return c.json([{ name: "ctm-server", host: "ctm-server.example.test", state: "Up", message: "Connected", version: version() }]);
  });
}
