import { Hono } from "hono";
import type { VendorMock } from "../core/types.ts";
import { httpError } from "./errors.ts";
import { logonRoutes } from "./logon-routes.ts";
import { HmcState, seededUsers } from "./state.ts";
import { uomRoutes } from "./uom-routes.ts";
import { SECURITY_HEADERS } from "./wire.ts";

/** Allowed values of each option; a typo fails at start rather than silently picking a default. */
const OPTION_VALUES: Record<string, readonly string[]> = {
  badSessionStatus: ["401", "403"],
  logoffStatus: ["204", "200"],
  badContentTypeStatus: ["400", "415"],
};

/** IBM PowerVM HMC REST API: Logon / Logoff and the ManagementConsole "who am I" call. */
export const hmcMock: VendorMock = {
  id: "hmc",
  title: "IBM PowerVM HMC REST API",
  variants: [],
  defects: [
    { name: "any-password-accepted", breaks: ["HMC-04"], description: "Logon succeeds with any password for a known user" },
    { name: "logoff-keeps-session", breaks: ["HMC-07"], description: "DELETE Logon answers 204 but the X-API-Session keeps working" },
    { name: "sessions-never-expire", breaks: ["HMC-09"], description: "sessions ignore the idle timeout (and any lifetime)" },
    { name: "wrong-content-type-accepted", breaks: ["HMC-08"], description: "Logon accepts any Content-Type and creates a session" },
    { name: "wrong-namespace-response", breaks: ["HMC-01"], description: "the LogonResponse is emitted in the 2012_06 namespace, not 2012_10" },
    { name: "wrong-response-content-type", breaks: ["HMC-02"], description: "the LogonResponse is served as application/xml" },
    { name: "schema-v1_0-refused", breaks: ["HMC-03"], description: "Logon refuses schemaVersion V1_0 (what most clients send) with 400" },
    { name: "session-not-checked", breaks: ["HMC-06"], description: "requests with a missing or unknown X-API-Session are served as hscroot" },
  ],
  // Idle 15 min: the figure hmci recommends for the per-user "Idle timeout minutes" (the
  // only public number), and a finite default lets HMC-09 run out of the box. No lifetime:
  // the HMC's "Session timeout" is the GUI re-verification prompt, and IBM support says
  // un-logged-off REST tokens live "a few weeks"; set one with --lifetime if a target does.
  defaults: { idleMs: 15 * 60_000, options: { badSessionStatus: "401", logoffStatus: "204", badContentTypeStatus: "400" } },
  optionHelp: {
    badSessionStatus: "status for a missing or invalid X-API-Session: 401 (default; what pypowervm, the ruby SDK and hmci handle) or 403 (IBM's RequestHeaders page); HMC-06 is OPEN",
    logoffStatus: "status of a successful DELETE /rest/api/web/Logon: 204 (default) or 200; HMC-07's code is OPEN",
    badContentTypeStatus: "status for a Logon with the wrong Content-Type: 400 (default) or 415 (what a JAX-RS server answers); HMC-08 is OPEN",
  },
  users: seededUsers,
  create(context) {
    for (const [name, allowed] of Object.entries(OPTION_VALUES)) {
      const value = context.config.options[name];
      if (value !== undefined && !allowed.includes(value)) throw new Error(`hmc mock: option ${name}=${value} is not one of ${allowed.join(", ")}`);
    }
    const state = new HmcState(context);
    const app = new Hono();
    app.use("*", async (c, next) => {
      await next();
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
      c.header("x-transaction-id", state.nextTransactionId());
    });
    logonRoutes(app, state);
    uomRoutes(app, state, context.clock.now());
    app.notFound((c) => httpError(c, context.clock.now(), { status: 404, reasonCode: "Not found.", message: `No resource at ${c.req.method} ${c.req.path}.` }));
    return {
      app,
      reset: () => state.reset(),
      openSessions: () => state.live(),
    };
  },
};
