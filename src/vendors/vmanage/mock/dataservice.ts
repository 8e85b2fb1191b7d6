import type { Context, Hono, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
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
  // Stryker disable next-line ConditionalExpression,StringLiteral: the documents speak of GET only; whether a HEAD needs the token nobody recorded, so either answer is legal.
  const isHead = c.req.method === "HEAD";
  return c.req.method === "GET" || isHead ? defect("get-needs-xsrf") : !defect("xsrf-not-enforced");
}

/** Does the SessionTokenFilter let this token through for this session? Its own token only, unless a defect says otherwise. */
function tokenMatches(state: VmanageState, session: VmanageSession, token: string | undefined): boolean {
  if (token === session.data.xsrf) return true;
  if (!state.context.defect("xsrf-token-of-any-session")) return false;
  return state.isAnySessionsToken(token);
}

/**
 * No valid session: the login page or the redirect (wire notes §1.4), or, on a server
 * whose SessionTokenFilter runs first, its 403 for a guarded non-GET (no session, so no
 * token of its own to match).
 */
function noSession(c: Context, state: VmanageState) {
  if (state.context.defect("unauthenticated-401")) return dataserviceError(c, 401, "Unauthorized", "No valid session", "AUTH0001");
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: each way this can go is a legal variant (no-session-post-as-get, no-session-post-xsrf-refused); the suites accept both by design.
  if (state.options.noSessionPost === "xsrf-403" && needsXsrfToken(c, state)) return xsrfRefused(c);
  return noSessionAnswer(c, state);
}

/** Session first (no session → login page or redirect), then the SessionTokenFilter on non-GETs. */
function guard(state: VmanageState): MiddlewareHandler<VmanageEnv> {
  return async (c, next) => {
    const { defect } = state.context;
    // Headers are case-insensitive: catalystwan sends x-xsrf-token, sastre X-XSRF-TOKEN.
    const token = c.req.header("x-xsrf-token");
    const id = getCookie(c, "JSESSIONID");
    // Stryker disable next-line all: only the logout-keeps-post-session defect finds a logged-out session; without it the helper finds none.
    const loggedOut = () => (needsXsrfToken(c, state) ? state.loggedOutWithToken(id, token) : undefined);
    let session = state.use(id) ?? loggedOut();
    if (!session) return noSession(c, state);
    if (needsXsrfToken(c, state) && !tokenMatches(state, session, token)) return xsrfRefused(c);
    // Stryker disable next-line BlockStatement: only the rotate-session-id defect enters this block.
    if (defect("rotate-session-id")) {
      session = state.rotate(session);
      // Stryker disable next-line StringLiteral: as above.
      c.header("Set-Cookie", sessionCookie(session.id, state.options.cookieAttributes));
    }
    // Stryker disable next-line BlockStatement: only the new-session-per-answer defect enters this block.
    if (defect("new-session-per-answer")) {
      session = state.reopen(session);
      // Stryker disable next-line StringLiteral: as above.
      c.header("Set-Cookie", sessionCookie(session.id, state.options.cookieAttributes));
    }
    // The same id set again, as a server may on any answer (variant session-cookie-repeated): the session is unchanged.
    // Stryker disable next-line ConditionalExpression: a switch between legal variants (session-cookie-repeated, the default none); the suites accept both by design.
    if (state.options.repeatSessionCookie) c.header("Set-Cookie", sessionCookie(session.id, state.options.cookieAttributes));
    c.set("session", session);
    await next();
  };
}

// Stryker disable next-line ObjectLiteral,ArrowFunction: the header's fields are in no evidence (only that there is a header object, which the schemas ask for).
const header = (state: VmanageState) => ({ generatedOn: state.context.clock.now() });

function queryResult(state: VmanageState) {
  return { header: header(state), data: [] };
}

/** The fabric, or nothing for a user whose group RBAC shows no device (variant devices-hidden-from-other-groups). */
function visibleDevices(state: VmanageState, session: VmanageSession) {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: whether another group sees the fabric is a switch between legal variants (devices-hidden-from-other-groups, the default all); the suites accept both by design. Hiding it from netadmin is killed.
  if (state.options.devicesForNetadminOnly && state.group(session.user) !== "netadmin") return [];
  return devices(state.options.version);
}

export function dataserviceRoutes(app: Hono<VmanageEnv>, state: VmanageState): void {
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

  // true or false by the option: a switch between legal variants (server-ready-false); the suite asserts a boolean.
  app.get("/dataservice/client/server/ready", (c) => c.json({ isServerReady: state.options.serverReady }));

  app.get("/dataservice/device", (c) =>
    c.json({
      // Stryker disable next-line ObjectLiteral,ArrayDeclaration,StringLiteral: the header's view keys are the UI's grid settings, in no evidence; clients read data.
      header: { ...header(state), viewKeys: { uniqueKey: ["system-ip"], preferenceKey: "grid-Device" } },
      data: visibleDevices(state, c.get("session")),
    }),
  );

  // Query POSTs: they change nothing, yet still need the XSRF token (wire notes §1.3).
  app.post("/dataservice/alarms", (c) => c.json(queryResult(state)));
  app.post("/dataservice/statistics/interface", (c) => c.json(queryResult(state)));
}

/** Under /dataservice (the path itself included, as the guard's `/dataservice/*` takes it). */
// Stryker disable next-line all: which of the mock's answers a request no route models gets (reported as unmodelled traffic), not the vendor's behaviour.
export const isUnderDataservice = (path: string): boolean => path === "/dataservice" || path.startsWith("/dataservice/");

/**
 * The mock's answer for a /dataservice route it does not model, after the guard has let
 * the request through (the mock's notFound serves it; the host journals it as unmodelled).
 */
// Stryker disable next-line all: not the vendor's behaviour but the mock's answer for a route it does not model (reported as unmodelled traffic).
export const unmodelledDataservice = (c: Context) =>
  dataserviceError(c, 404, "Not Found", `No resource at ${c.req.method} ${c.req.path}`, "RESTAPI0001");
