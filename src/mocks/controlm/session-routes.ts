import type { Context, Hono } from "hono";
import { errorList, readJsonObject } from "./errors.ts";
import type { ControlmState } from "./state.ts";

export interface Principal {
  username: string;
  /** The session token, when the caller came with one (not an API token). */
  sessionToken?: string;
}

/** A session token from the Bearer header (or nothing under `bearer-not-accepted`). */
function sessionPrincipal(state: ControlmState, token: string): Principal | undefined {
  if (state.context.defect("bearer-not-accepted")) return undefined;
  const session = state.sessions.find(token, { touch: true });
  return session ? { username: session.user, sessionToken: session.id } : undefined;
}

/**
 * Who is calling: a session token as `Authorization: Bearer`, or an API token as
 * `x-api-key` (resolved by `apiKeyUser`, which the Authentication service provides).
 */
export function authenticate(c: Context, state: ControlmState, apiKeyUser: (key: string) => string | undefined): Principal | undefined {
  const authorization = c.req.header("authorization") ?? "";
  const bearer = authorization.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) return sessionPrincipal(state, bearer);
  const apiKey = c.req.header("x-api-key");
  if (apiKey) {
    const username = apiKeyUser(apiKey);
    return username ? { username } : undefined;
  }
  if (state.context.defect("bearer-not-required")) return { username: "emuser" };
  return undefined;
}

export function unauthorized(c: Context, state: ControlmState) {
  return errorList(c, 401, state.texts.unauthorized);
}

export function sessionRoutes(app: Hono, state: ControlmState, apiKeyUser: (key: string) => string | undefined): void {
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
    if (!context.defect("logout-keeps-token")) state.sessions.close(principal.sessionToken);
    const message =
      settings.logoutMessage === "plain" ? "Successfully logged out" : `Successfully logged out from session ${principal.sessionToken}`;
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
    return c.json({ message: texts.passwordChanged });
  });

  app.get("/config/servers", (c) => {
    if (!authenticate(c, state, apiKeyUser)) return unauthorized(c, state);
    return c.json([{ name: "ctm-server", host: "ctm-server.example.test", state: "Up", message: "Connected", version: version() }]);
  });
}
