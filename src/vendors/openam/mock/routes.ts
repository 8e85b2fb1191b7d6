import type { Context, Hono } from "hono";
import { authenticate } from "./authenticate.ts";
import { parseAmPath } from "./paths.ts";
import { serverInfo } from "./serverinfo.ts";
import { sessionsEndpoint } from "./sessions.ts";
import type { OpenamState } from "./state.ts";
import { knownRealms } from "./users.ts";

/**
 * Every AM route, under the deployment's context path only (default `/am`, as the JS SDK
 * and frodo-lib are configured: `https://host/am`; empty: the server root), as a real AM
 * in a servlet container is. A driver that ignores the declared context path must fail,
 * so an unknown realm, resource or path is declined (`c.notFound()`): the host answers the
 * 404 envelope and journals the request as unmodelled.
 */
export function amRoutes(app: Hono, state: OpenamState): void {
  const handler = async (c: Context): Promise<Response> => {
    const path = parseAmPath(c.req.path, state.settings.contextPath);
    // Stryker disable next-line ConditionalExpression,LogicalOperator: a path outside the API or in a realm the mock lacks is unmodelled: the harness fails it as its own error, never as an assertion.
    if (!path || !knownRealms.has(path.realm)) return unmodelled(c);
    // Stryker disable next-line all: a path below authenticate (…/authenticate/x) is unmodelled: the harness fails it as its own error, never as an assertion.
    const noSubPath = path.rest.every((s) => s === "");
    if (path.resource === "authenticate" && noSubPath) return authenticate(c, state, path);
    if (path.resource === "sessions") return withCharset(await sessionsEndpoint(c, state, path));
    if (path.resource === "serverinfo" && path.rest.length === 1 && path.rest[0]) return withCharset(serverInfo(c, state, path.rest[0]));
    return unmodelled(c);
  };
  app.all(`${state.settings.contextPath}/json/*`, handler);
}

/** Declined: the host's fallback answers AM's 404 envelope and journals the request as unmodelled. */
function unmodelled(c: Context): Response | Promise<Response> {
  return c.notFound();
}

/**
 * AM's CREST servlet names the charset on sessions and serverinfo answers
 * (`application/json;charset=UTF-8`, every recording in evidence/recordings/openam/), while
 * authenticate answers a bare `application/json`.
 */
function withCharset(response: Response): Response {
  // Stryker disable next-line ConditionalExpression,StringLiteral: every sessions and serverinfo answer is c.json today; the guard keeps a future non-JSON answer from being mislabelled.
  if (response.headers.get("content-type") !== "application/json") return response;
  const headers = new Headers(response.headers);
  headers.set("content-type", "application/json;charset=UTF-8");
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}
