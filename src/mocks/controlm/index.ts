import { Hono } from "hono";
import { markUnmodelled } from "../core/unmodelled.ts";
import type { VendorMock } from "../core/types.ts";
import { ApiTokenStore } from "./api-tokens.ts";
import { controlmDefects } from "./defects.ts";
import { errorList } from "./errors.ts";
import { controlmOptionDefaults, controlmOptionHelp } from "./options.ts";
import { sessionRoutes } from "./session-routes.ts";
import { ControlmState, SEEDED_API_TOKEN, seededUsers } from "./state.ts";
import { tokenRoutes } from "./token-routes.ts";
import { controlmVariants } from "./variants.ts";

/** Where real servers serve the Automation API: `$endpoint` is https://<host>:8443/automation-api (wire notes §1.1). */
export const AUTOMATION_API_PATH = "/automation-api";

/** Control-M Automation API: the Session service and the Authentication service (API tokens). */
export const controlmMock: VendorMock = {
  id: "controlm",
  title: "Control-M Automation API",
  basePath: AUTOMATION_API_PATH,
  variants: controlmVariants,
  defects: controlmDefects,
  // "A token is valid for 30 minutes"; from issue (absolute) unless --idle says otherwise (CTM-S-06 is OPEN).
  defaults: { lifetimeMs: 30 * 60_000, options: { ...controlmOptionDefaults } },
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
    app.route("/", api);
    return {
      app,
      // Served by the host for every path no route takes, the control plane's included.
      notFound: (c) => {
        markUnmodelled(c);
        return errorList(c, 404, state.texts.noSuchResource(c.req.method, c.req.path));
      },
      reset: () => {
        state.reset();
        tokens.reset();
      },
      openSessions: () => state.sessions.live(),
      banner: () => [
        `Automation API endpoint ($endpoint): <the URL above>${AUTOMATION_API_PATH} (the root serves the same routes)`,
        `seeded API token for ${SEEDED_API_TOKEN.user} (x-api-key): ${SEEDED_API_TOKEN.value}`,
        `predefined secret for Secret:<key>: ${state.settings.passwordSecretKey} (holds ${SEEDED_API_TOKEN.user}'s seeded password)`,
      ],
    };
  },
};
