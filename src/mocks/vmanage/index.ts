import { Hono } from "hono";
import type { VendorMock } from "../core/types.ts";
import { markUnmodelled } from "../core/unmodelled.ts";
import { dataserviceRoutes, type VmanageEnv } from "./dataservice.ts";
import { vmanageDefects } from "./defects.ts";
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
  defects: vmanageDefects,
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
