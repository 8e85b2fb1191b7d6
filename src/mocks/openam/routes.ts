import type { Context, Hono } from "hono";
import { SERVERINFO_VERSIONS, negotiate } from "./api-version.ts";
import { authenticate } from "./authenticate.ts";
import { crestError, notFound } from "./crest.ts";
import { parseAmPath } from "./paths.ts";
import { sessionsEndpoint } from "./sessions.ts";
import type { OpenamState } from "./state.ts";
import { knownRealms } from "./users.ts";

/**
 * Every AM route, answered both at the server root and under the context path (default
 * `/am`): the JS SDK and frodo-lib are configured with `https://host/am`, curl examples
 * often drop it. Unknown realms and resources get AM's 404 envelope.
 */
export function amRoutes(app: Hono, state: OpenamState): void {
  const handler = async (c: Context): Promise<Response> => {
    const path = parseAmPath(c.req.path, state.settings.contextPath);
    if (!path || !knownRealms.has(path.realm)) return notFound(c);
    if (path.resource === "authenticate" && path.rest.every((s) => s === "")) return authenticate(c, state, path);
    if (path.resource === "sessions") return sessionsEndpoint(c, state, path);
    if (path.resource === "serverinfo" && path.rest.length === 1 && path.rest[0] !== "") return serverInfo(c, state);
    return notFound(c);
  };
  app.all("/json/*", handler);
  if (state.settings.contextPath) app.all(`${state.settings.contextPath}/json/*`, handler);
}

/** `GET /json/serverinfo/*`: where frodo-lib learns the cookie name rather than hard-coding it (wire notes §2.1). */
function serverInfo(c: Context, state: OpenamState): Response {
  if (c.req.method !== "GET") return crestError(c, 405, `Method ${c.req.method} not allowed on serverinfo`);
  const version = negotiate(c, SERVERINFO_VERSIONS, state.context.defect("no-api-version-header"));
  if (version instanceof Response) return version;
  return c.json({ _id: "*", cookieName: state.settings.cookieName, secureCookie: false, realm: "/" });
}
