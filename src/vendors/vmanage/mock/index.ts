import { Hono } from "hono";
import type { VendorMock } from "../../../vendor-api/mock.ts";
import { vmanageAbsences } from "./absences.ts";
import { dataserviceRoutes, isUnderDataservice, unmodelledDataservice, type VmanageEnv } from "./dataservice.ts";
import { vmanageDefects } from "../defects.ts";
import { loginRoutes } from "./login-routes.ts";
import { defaultOptions, optionHelp } from "./options.ts";
import { errorPage } from "./pages.ts";
import { seededUsers, VmanageState } from "./state.ts";
import { vmanageVariants } from "../variants.ts";
import { documentedTimeouts } from "../timeouts.ts";

// Stryker disable all: the registry's name and title for the mock, not its behaviour.
const identity = { id: "vmanage", title: "Cisco Catalyst SD-WAN Manager (vManage)" };
// Stryker restore all

/** Cisco Catalyst SD-WAN Manager (vManage): form login, JSESSIONID, XSRF token, logout, session limits. */
// Stryker disable next-line ObjectLiteral: an emptied entry starts no mock at all, a harness failure and never a verdict on the server.
export const vmanageMock: VendorMock = {
  ...identity,
  variants: vmanageVariants,
  defects: vmanageDefects,
  // Stryker disable next-line ObjectLiteral: emptied, the target's declaration cannot read the seeded options: a harness failure before any request, never a verdict.
  defaults: { ...documentedTimeouts, options: defaultOptions },
  optionHelp,
  users: seededUsers,
  create(context) {
    const state = new VmanageState(context);
    const routes = new Hono<VmanageEnv>();
    loginRoutes(routes, state);
    dataserviceRoutes(routes, state);
    // The instance's app carries no typed variables; the session variable stays inside.
    // Stryker disable next-line StringLiteral: Hono mounts at "" and "/" alike.
    const app = new Hono().route("/", routes);
    return {
      app,
      // Served by the host for what no route takes (journaled by it as unmodelled): past the
      // session guard, /dataservice/* answers its JSON 404; everything else Undertow's HTML 404.
      // Stryker disable next-line all: the mock's answer for what it does not model, not the vendor's (reported as unmodelled traffic).
      notFound: (c) => (isUnderDataservice(c.req.path) ? unmodelledDataservice(c) : errorPage(c, 404, "Not Found")),
      // Stryker disable next-line all: the declaration the host and the tests read, not an answer.
      documentedAbsent: vmanageAbsences(state.options),
      // Stryker disable next-line ArrowFunction: the control plane's reset, not the vendor's behaviour.
      reset: () => state.reset(),
      // Stryker disable next-line ArrowFunction: the harness's leak check reads it; not the vendor's behaviour.
      openSessions: () => state.sessions.live(),
    };
  },
};
