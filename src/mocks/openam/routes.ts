import type { Context, Hono } from "hono";
import { SERVERINFO_VERSIONS, negotiate } from "./api-version.ts";
import { authenticate } from "./authenticate.ts";
import { markUnmodelled } from "../core/unmodelled.ts";
import { crestError, notFound } from "./crest.ts";
import { parseAmPath } from "./paths.ts";
import { sessionsEndpoint } from "./sessions.ts";
import type { OpenamState } from "./state.ts";
import { knownRealms } from "./users.ts";

/**
 * Every AM route, under the deployment's context path only (default `/am`, as the JS SDK
 * and frodo-lib are configured: `https://host/am`; empty: the server root), as a real AM
 * in a servlet container is. A driver that ignores the declared context path must fail,
 * so an unknown realm, resource or path is marked unmodelled besides its 404 envelope.
 */
export function amRoutes(app: Hono, state: OpenamState): void {
  const handler = async (c: Context): Promise<Response> => {
    const path = parseAmPath(c.req.path, state.settings.contextPath);
    if (!path || !knownRealms.has(path.realm)) return unmodelled(c);
    if (path.resource === "authenticate" && path.rest.every((s) => s === "")) return authenticate(c, state, path);
    if (path.resource === "sessions") return sessionsEndpoint(c, state, path);
    if (path.resource === "serverinfo" && path.rest.length === 1 && path.rest[0] !== "") return serverInfo(c, state);
    return unmodelled(c);
  };
  app.all(`${state.settings.contextPath}/json/*`, handler);
}

function unmodelled(c: Context): Response {
  markUnmodelled(c);
  return notFound(c);
}

/** `GET /json/serverinfo/*`: where frodo-lib learns the cookie name rather than hard-coding it (wire notes §2.1). */
function serverInfo(c: Context, state: OpenamState): Response {
  if (c.req.method !== "GET") return crestError(c, 405, `Method ${c.req.method} not allowed on serverinfo`);
  const refused = negotiate(c, SERVERINFO_VERSIONS, state.context.defect("no-api-version-header"));
  if (refused) return refused;
  return c.json({ _id: "*", cookieName: state.settings.cookieName, secureCookie: state.settings.secureCookie, realm: "/" });
}
