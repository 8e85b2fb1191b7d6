import { Hono } from "hono";
import type { VendorMock } from "../../../vendor-api/mock.ts";
import { hmcDefects } from "../defects.ts";
import { httpError } from "./errors.ts";
import { LOGON, logonMethodNotServed, logonRoutes } from "./logon-routes.ts";
import { hmcOptionDefaults, hmcOptionHelp, type HmcOptions, readHmcOptions } from "./options.ts";
import { HmcState, seededUsers } from "./state.ts";
import { isUnderRestApi, unmodelledResource, uomRoutes } from "./uom-routes.ts";
import { hmcVariants } from "../variants.ts";
import { HEADERS_2014, NO_CACHE_2014, SECURITY_HEADERS } from "./wire.ts";

/**
 * Headers every answer carries, per the capture the options pick (wire notes §2.1): the
 * 2024 and 2014 sets are both legal, and neither holds a header any client acts on.
 * X-MC-Type: absent on an HMC, PVM on NovaLink, both legal consoles (variant mc-type-pvm).
 */
// Stryker disable all: see above.
function headersFor(options: HmcOptions, existing: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  if (options.responseHeaders === "2024") Object.assign(out, SECURITY_HEADERS);
  else {
    Object.assign(out, HEADERS_2014);
    for (const [name, value] of Object.entries(NO_CACHE_2014)) if (!existing.has(name)) out[name] = value;
  }
  if (options.mcType === "PVM") out["x-mc-type"] = "PVM";
  return out;
}
// Stryker restore all

/** IBM PowerVM HMC REST API: Logon / Logoff and the ManagementConsole "who am I" call. */
export const hmcMock: VendorMock = {
  // Stryker disable next-line StringLiteral: the harness's registry key, not the vendor's behaviour.
  id: "hmc",
  // Stryker disable next-line StringLiteral: a display title.
  title: "IBM PowerVM HMC REST API",
  variants: hmcVariants,
  defects: hmcDefects,
  // Idle 15 min: the figure hmci recommends for the per-user "Idle timeout minutes" (the
  // only public number), and a finite default lets HMC-09 run out of the box. No lifetime:
  // the HMC's "Session timeout" is the GUI re-verification prompt, and IBM support says
  // un-logged-off REST tokens live "a few weeks"; set one with --lifetime if a target does.
  // Stryker disable next-line ObjectLiteral: the mock's own defaults, not the vendor's: the HMC documents no idle timeout (without one the idle scenarios are skipped), and an empty option set fails at start.
  defaults: { idleMs: 15 * 60_000, options: { ...hmcOptionDefaults } },
  optionHelp: hmcOptionHelp,
  users: seededUsers,
  create(context) {
    const options = readHmcOptions(context.config);
    const state = new HmcState(context, options);
    const app = new Hono();
    // Stryker disable next-line StringLiteral: the middleware adds only the decoration headers above and x-transaction-id, which no client acts on.
    app.use("*", async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(headersFor(options, c.res.headers))) c.header(name, value);
      c.header("x-transaction-id", state.nextTransactionId());
    });
    logonRoutes(app, state);
    uomRoutes(app, state, context.clock.now());
    return {
      app,
      // Served by the host where no route matches, which journals each such request as
      // unmodelled; the headers middleware above still wraps it. Logon with another method
      // and unknown resources under /rest/api check the session first.
      // Stryker disable all: not the vendor's behaviour (unmodelled), nor are the control plane's reset and openSessions (to the end).
      notFound: (c) => {
        if (c.req.path === LOGON) return logonMethodNotServed(c, state);
        if (isUnderRestApi(c.req.path)) return unmodelledResource(c, state);
        return httpError(c, context.clock.now(), {
          status: 404,
          reasonCode: "Not found.",
          message: `No resource at ${c.req.method} ${c.req.path}.`,
        });
      },
      reset: () => state.reset(),
      openSessions: () => state.live(),
    };
  },
};
