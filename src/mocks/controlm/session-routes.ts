import type { Context, Hono } from "hono";
import { errorList, readJsonObject } from "./errors.ts";
import type { ControlmState } from "./state.ts";

export interface Principal {
  username: string;
  /** The session token, when the caller came with one (not an API token). */
  sessionToken?: string;
}

/**
 * Who is calling: a session token as `Authorization: Bearer`, or an API token as
 * `x-api-key` (resolved by `apiKeyUser`, which the Authentication service provides).
 */
export function authenticate(c: Context, state: ControlmState, apiKeyUser: (key: string) => string | undefined): Principal | undefined {
  const authorization = c.req.header("authorization") ?? "";
  const bearer = authorization.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (bearer) {
    const session = state.sessions.find(bearer, { touch: true });
    return session ? { username: session.user, sessionToken: session.id } : undefined;
  }
  const apiKey = c.req.header("x-api-key");
  if (apiKey) {
    const username = apiKeyUser(apiKey);
    return username ? { username } : undefined;
  }
  if (state.context.defect("bearer-not-required")) return { username: "emuser" };
  return undefined;
}

export function unauthorized(c: Context) {
  return errorList(c, 401, "Unauthorized: the request needs a valid session token (Authorization: Bearer) or API token (x-api-key)");
}

export function sessionRoutes(app: Hono, state: ControlmState, apiKeyUser: (key: string) => string | undefined): void {
  const version = () => state.context.config.options.version ?? "9.22.30";

  app.post("/session/login", async (c) => {
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const { username, password } = body;
    if (typeof username !== "string" || typeof password !== "string") return errorList(c, 400, "username and password are required");
    const expected = state.passwords.get(username);
    const accepted = expected !== undefined && (password === expected || state.context.defect("wrong-password-accepted"));
    if (!accepted) return errorList(c, 401, "Login failed");
    const session = state.sessions.open(username, {});
    return c.json({ username, token: session.id, version: version() });
  });

  app.post("/session/logout", (c) => {
    const principal = authenticate(c, state, apiKeyUser);
    if (!principal?.sessionToken) return unauthorized(c);
    if (!state.context.defect("logout-keeps-token")) state.sessions.close(principal.sessionToken);
    return c.json({ message: `Successfully logged out from session ${principal.sessionToken}` });
  });

  app.post("/session/user/password/update", async (c) => {
    const principal = authenticate(c, state, apiKeyUser);
    if (!principal) return unauthorized(c);
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const { currentPassword, newPassword } = body;
    if (typeof currentPassword !== "string" || typeof newPassword !== "string" || newPassword === "") {
      return errorList(c, 400, "currentPassword and newPassword are required");
    }
    const current = state.resolveSecret(currentPassword);
    const next = state.resolveSecret(newPassword);
    if ("unknownSecret" in current || "unknownSecret" in next) {
      const key = "unknownSecret" in current ? current.unknownSecret : (next as { unknownSecret: string }).unknownSecret;
      return errorList(c, 400, `Secret ${key} is not defined`);
    }
    if (current.value !== state.passwords.get(principal.username)) return errorList(c, 400, "Errors in password change details: the current password is wrong");
    if (!state.context.defect("password-update-ignored")) state.passwords.set(principal.username, next.value);
    return c.json({ message: "Password changed successfully" });
  });

  app.get("/config/servers", (c) => {
    if (!authenticate(c, state, apiKeyUser)) return unauthorized(c);
    return c.json([
      { name: "ctm-server", host: "ctm-server.example.test", state: "Up", message: "Connected", version: version() },
    ]);
  });
}
