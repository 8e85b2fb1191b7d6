import { Hono } from "hono";
import type { VendorMock } from "../core/types.ts";
import { markUnmodelled } from "../core/unmodelled.ts";
import { dataserviceRoutes, type VmanageEnv } from "./dataservice.ts";
import { loginRoutes } from "./login-routes.ts";
import { defaultOptions, optionHelp } from "./options.ts";
import { errorPage } from "./pages.ts";
import { seededUsers, VmanageState } from "./state.ts";
import { vmanageVariants } from "./variants.ts";

/** Cisco Catalyst SD-WAN Manager (vManage): form login, JSESSIONID, XSRF token, logout, session limits. */
export const vmanageMock: VendorMock = {
  id: "vmanage",
  title: "Cisco Catalyst SD-WAN Manager (vManage)",
  variants: vmanageVariants,
  defects: [
    { name: "failed-login-401", breaks: ["VM-02"], description: "a failed login is answered 401 instead of 200 with a body" },
    { name: "xsrf-not-enforced", breaks: ["VM-04"], description: "POSTs to /dataservice are served without a matching X-XSRF-TOKEN" },
    { name: "logout-keeps-session", breaks: ["VM-07"], description: "logout answers the 302 but the session keeps working" },
    { name: "no-idle-expiry", breaks: ["VM-08"], description: "sessions never expire from inactivity" },
    { name: "no-lifespan-cap", breaks: ["VM-09"], description: "a session in use never reaches its 24-hour lifespan" },
    {
      name: "evicts-oldest",
      breaks: ["VM-10"],
      description: "at the session cap, the oldest session is evicted instead of the least recently used",
    },
    {
      name: "login-body-not-empty",
      breaks: ["VM-01"],
      description: "a successful login answers with an HTML body, so clients read it as a failure",
    },
    { name: "token-json-by-default", breaks: ["VM-03"], description: "GET /dataservice/client/token answers JSON even without ?json=true" },
    { name: "get-needs-xsrf", breaks: ["VM-05"], description: "GET requests are refused 403 without the XSRF token" },
    { name: "unauthenticated-401", breaks: ["VM-06"], description: "calls without a session get 401 JSON instead of the login page" },
    {
      name: "rotate-session-id",
      breaks: ["VM-11"],
      description:
        "every /dataservice answer moves the session to a new JSESSIONID and kills the old one, so sequential requests cannot share one cookie",
    },
  ],
  defaults: { idleMs: 30 * 60_000, lifetimeMs: 24 * 60 * 60_000, options: defaultOptions },
  optionHelp,
  users: seededUsers,
  create(context) {
    const state = new VmanageState(context);
    const routes = new Hono<VmanageEnv>();
    loginRoutes(routes, state);
    dataserviceRoutes(routes, state);
    // The instance's app carries no typed variables; the session variable stays inside.
    const app = new Hono().route("/", routes);
    return {
      app,
      // Undertow's HTML 404 for everything else (served by the host); /dataservice/* has its own JSON 404 above.
      notFound: (c) => {
        markUnmodelled(c);
        return errorPage(c, 404, "Not Found");
      },
      reset: () => state.reset(),
      openSessions: () => state.sessions.live(),
    };
  },
};
