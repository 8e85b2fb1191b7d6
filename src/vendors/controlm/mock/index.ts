import { Hono } from "hono";
import type { VendorMock } from "../../../vendor-api/mock.ts";
import { ApiTokenStore } from "./api-tokens.ts";
import { controlmDefects } from "../defects.ts";
import { errorList } from "./errors.ts";
import { controlmOptionDefaults, controlmOptionHelp } from "./options.ts";
import { sessionRoutes } from "./session-routes.ts";
import { ControlmState, SEEDED_API_TOKEN, seededUsers } from "./state.ts";
import { tokenRoutes } from "./token-routes.ts";
import { controlmVariants } from "../variants.ts";
import { documentedTimeouts } from "../timeouts.ts";

/** Where real servers serve the Automation API: `$endpoint` is https://<host>:8443/automation-api (wire notes §1.1). */
// Stryker disable next-line StringLiteral: the root serves the same routes, and a target names its base URL whichever it is.
export const AUTOMATION_API_PATH = "/automation-api";

/** Control-M Automation API: the Session service and the Authentication service (API tokens). */
// Stryker disable next-line ObjectLiteral: the mock's registration: without it no run starts (a harness failure, no server answer).
export const controlmMock: VendorMock = {
  // Stryker disable next-line StringLiteral: the registry's key and title, not a server answer.
  id: "controlm",
  // Stryker disable next-line StringLiteral: as above.
  title: "Control-M Automation API",
  basePath: AUTOMATION_API_PATH,
  variants: controlmVariants,
  defects: controlmDefects,
  // "A token is valid for 30 minutes"; from issue (absolute) unless --idle says otherwise (CTM-S-06 is OPEN).
  // Stryker disable next-line ObjectLiteral,ArithmeticOperator: the CLI mock's defaults: every graded run declares its timeouts (the driver's documented 30 minutes, a variant's, the sweep's), and the options fall back to the same defaults.
  defaults: { ...documentedTimeouts, options: { ...controlmOptionDefaults } },
  optionHelp: controlmOptionHelp,
  users: seededUsers,
  create(context) {
    const state = new ControlmState(context);
    const tokens = new ApiTokenStore(context);
    const api = new Hono();
    sessionRoutes(api, state, (key) => tokens.userFor(key));
    tokenRoutes(api, state, tokens);
    // Under /automation-api as real servers serve it, and at the root as earlier mock releases did.
    const app = new Hono();
    app.route(AUTOMATION_API_PATH, api);
    // Stryker disable next-line StringLiteral: "" and "/" mount the routes at the same place.
    app.route("/", api);
    return {
      // Stryker disable all: the control plane's session count and the CLI's banner, not the vendor's behaviour.
      openSessions: () => state.sessions.live(),
      banner: () => [
        `Automation API endpoint ($endpoint): <the URL above>${AUTOMATION_API_PATH} (the root serves the same routes)`,
        `seeded API token for ${SEEDED_API_TOKEN.user} (x-api-key): ${SEEDED_API_TOKEN.value}`,
        `predefined secret for Secret:<key>: ${state.settings.passwordSecretKey} (holds ${SEEDED_API_TOKEN.user}'s seeded password)`,
      ],
      // Stryker restore all
      app,
      // Served by the host for every path no route takes, the control plane's included; the host journals each as unmodelled.
      // Stryker disable next-line ArrowFunction: the answer to a path the Automation API does not have, which no document describes; the harness reports such requests as unmodelled.
      notFound: (c) => errorList(c, 404, state.texts.noSuchResource(c.req.method, c.req.path)),
      // Stryker disable next-line BlockStatement: the control plane's reset (the harness's side door), not the vendor's behaviour.
      reset: () => {
        state.reset();
        tokens.reset();
      },
    };
  },
};
