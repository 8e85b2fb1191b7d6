import type { Context, Hono, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { markUnmodelled } from "../core/unmodelled.ts";
import { sessionCookie } from "./cookies.ts";
import { devices, serverInfo } from "./device-inventory.ts";
import { noSessionAnswer } from "./no-session.ts";
import { dataserviceError, xsrfRefused } from "./pages.ts";
import type { VmanageSession, VmanageState } from "./state.ts";

export type VmanageEnv = { Variables: { session: VmanageSession } };

/** Does this request need the session's XSRF token (the SessionTokenFilter, wire notes §1.3)? */
function needsXsrfToken(c: Context, state: VmanageState): boolean {
  const { defect } = state.context;
  // Before 19.2 there is no token at all: the cookie alone authenticates every method.
  if (!state.options.xsrfEnforced) return false;
  if (state.options.xsrfAllowList.has(c.req.path)) return false;
  const isGet = c.req.method === "GET" || c.req.method === "HEAD";
  return isGet ? defect("get-needs-xsrf") : !defect("xsrf-not-enforced");
}

/** Does the SessionTokenFilter let this token through for this session? Its own token only, unless a defect says otherwise. */
function tokenMatches(state: VmanageState, session: VmanageSession, token: string | undefined): boolean {
  if (token === session.data.xsrf) return true;
  return state.context.defect("xsrf-token-of-any-session") && state.isAnySessionsToken(token);
}

/**
 * No valid session: the login page or the redirect (wire notes §1.4), or, on a server
 * whose SessionTokenFilter runs first, its 403 for a guarded non-GET (no session, so no
 * token of its own to match).
 */
function noSession(c: Context, state: VmanageState) {
  if (state.context.defect("unauthenticated-401")) return dataserviceError(c, 401, "Unauthorized", "No valid session", "AUTH0001");
  if (state.options.noSessionPost === "xsrf-403" && needsXsrfToken(c, state)) return xsrfRefused(c);
  return noSessionAnswer(c, state);
}

/** Session first (no session → login page or redirect), then the SessionTokenFilter on non-GETs. */
function guard(state: VmanageState): MiddlewareHandler<VmanageEnv> {
  return async (c, next) => {
    const { defect } = state.context;
    // Headers are case-insensitive: catalystwan sends x-xsrf-token, sastre X-XSRF-TOKEN.
    const token = c.req.header("x-xsrf-token");
    let session = state.use(getCookie(c, "JSESSIONID"));
    if (!session && needsXsrfToken(c, state)) session = state.loggedOutWithToken(getCookie(c, "JSESSIONID"), token);
    if (!session) return noSession(c, state);
    if (needsXsrfToken(c, state) && !tokenMatches(state, session, token)) return xsrfRefused(c);
    if (defect("rotate-session-id")) {
      session = state.rotate(session);
      c.header("Set-Cookie", sessionCookie(session.id, state.options.cookieAttributes));
    }
    c.set("session", session);
    await next();
  };
}

function queryResult(state: VmanageState) {
  return { header: { generatedOn: state.context.clock.now() }, data: [] };
}

export function dataserviceRoutes(app: Hono<VmanageEnv>, state: VmanageState): void {
  const header = () => ({ generatedOn: state.context.clock.now() });
  app.use("/dataservice/*", guard(state));

  app.get("/dataservice/client/token", (c) => {
    // Documented absent before 19.2 (python-viptela reads the 404 as "no token"): not unmodelled.
    if (!state.options.xsrfEnforced)
      return dataserviceError(c, 404, "Not Found", "No resource at GET /dataservice/client/token", "RESTAPI0001");
    const token = c.get("session").data.xsrf;
    if (c.req.query("json") === "true" || state.context.defect("token-json-by-default")) return c.json({ token });
    return c.text(token);
  });

  app.get("/dataservice/client/server", (c) => {
    const session = c.get("session");
    const csrf = state.options.xsrfEnforced ? session.data.xsrf : undefined;
    return c.json({
      data: serverInfo({ platformVersion: state.options.version, user: session.user, group: state.group(session.user), csrfToken: csrf }),
    });
  });

  app.get("/dataservice/client/server/ready", (c) => c.json({ isServerReady: true }));

  app.get("/dataservice/device", (c) =>
    c.json({
      header: { ...header(), viewKeys: { uniqueKey: ["system-ip"], preferenceKey: "grid-Device" } },
      data: devices(state.options.version),
    }),
  );

  // Query POSTs: they change nothing, yet still need the XSRF token (wire notes §1.3).
  app.post("/dataservice/alarms", (c) => c.json(queryResult(state)));
  app.post("/dataservice/statistics/interface", (c) => c.json(queryResult(state)));

  app.all("/dataservice/*", (c) => {
    markUnmodelled(c);
    return dataserviceError(c, 404, "Not Found", `No resource at ${c.req.method} ${c.req.path}`, "RESTAPI0001");
  });
}
