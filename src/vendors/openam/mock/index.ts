import { Hono } from "hono";
import type { VendorMock } from "../../../vendor-api/mock.ts";
import { openamAbsences } from "./absences.ts";
import { notFound } from "./crest.ts";
import { openamDefects } from "../defects.ts";
import { amRoutes } from "./routes.ts";
import { defaultOptions, optionHelp } from "./settings.ts";
import { OpenamState } from "./state.ts";
import { seededUsers } from "./users.ts";
import { openamVariants } from "../variants.ts";
import { documentedTimeouts } from "../timeouts.ts";

/** ForgeRock / Ping AM: authenticate (zero-page and callbacks) and the /json/sessions endpoint. */
export const openamMock: VendorMock = {
  id: "openam",
  title: "ForgeRock / Ping AM (OpenAM) sessions",
  variants: openamVariants,
  defects: openamDefects,
  // amSession.xml defaults, confirmed by AM 8.0.1 getSessionInfo: idle 30 min, maximum session time 120 min.
  defaults: { ...documentedTimeouts, options: defaultOptions },
  optionHelp,
  users: seededUsers,
  create(context) {
    const state = new OpenamState(context);
    const app = new Hono();
    amRoutes(app, state);
    return {
      app,
      // Served by the host where no route matches or a route declines (c.notFound()), and journaled by it as unmodelled: a harness error, not a vendor 404.
      // Stryker disable next-line ArrowFunction: requests no route models: the harness's unmodelled marker fails the run as its own error, never as an assertion.
      notFound: (c) => notFound(c),
      // Stryker disable next-line all: the declaration the host and the tests read, not an answer.
      documentedAbsent: openamAbsences(state.settings.contextPath),
      // Stryker disable next-line ArrowFunction: the control plane (reset between scenarios), not the vendor's behaviour.
      reset: () => state.reset(),
      // Stryker disable next-line ArrowFunction: the control plane's leak check, not the vendor's behaviour.
      openSessions: () => state.sessions.live(),
      // Stryker disable next-line all: the startup banner the host prints, not the vendor's behaviour.
      banner: () => [
        // Stryker disable next-line all: as above.
        `AM REST at ${state.settings.contextPath}/json/… (context path ${state.settings.contextPath || "none: the server root"}); SSO cookie ${state.settings.cookieName}`,
      ],
    };
  },
};
