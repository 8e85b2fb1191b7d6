import { Hono } from "hono";
import type { VendorMock } from "../core/types.ts";
import { markUnmodelled } from "../core/unmodelled.ts";
import { notFound } from "./crest.ts";
import { amRoutes } from "./routes.ts";
import { defaultOptions, optionHelp } from "./settings.ts";
import { OpenamState } from "./state.ts";
import { seededUsers } from "./users.ts";
import { openamVariants } from "./variants.ts";

/** ForgeRock / Ping AM: authenticate (zero-page and callbacks) and the /json/sessions endpoint. */
export const openamMock: VendorMock = {
  id: "openam",
  title: "ForgeRock / Ping AM (OpenAM) sessions",
  variants: openamVariants,
  defects: [
    {
      name: "validate-after-logout",
      breaks: ["AM-06"],
      description: "validate still says valid:true for a logged-out token (a stale cache)",
    },
    { name: "getsessioninfo-resets-idle", breaks: ["AM-03"], description: "getSessionInfo resets the target's idle timer" },
    { name: "reset-idle-ignored", breaks: ["AM-04"], description: "getSessionInfoAndResetIdleTime does not reset the idle timer" },
    {
      name: "refresh-ignores-throttle",
      breaks: ["AM-09"],
      description: "refresh resets idle time even within the latest-access update frequency",
    },
    {
      name: "no-admin-checks",
      breaks: ["AM-08", "AM-12"],
      description: "query, logoutByHandle and other users' sessions are served to non-admins",
    },
    { name: "logoutbyhandle-noop", breaks: ["AM-07"], description: "logoutByHandle answers true but ends nothing" },
    { name: "no-max-session-time", breaks: ["AM-10"], description: "the maximum session time is reported but not enforced" },
    { name: "wrong-password-accepted", breaks: ["AM-01"], description: "authenticate succeeds with any password for a known user" },
    {
      name: "property-allowlist-ignored",
      breaks: ["AM-05"],
      description: "updateSessionProperties accepts properties outside the allow-list",
    },
    { name: "no-api-version-header", breaks: ["AM-13"], description: "responses carry no Content-API-Version header" },
    {
      name: "validate-needs-caller",
      breaks: ["AM-02"],
      description: "validate is refused (401) without a caller session, as if the filter had no exception for it",
    },
    {
      name: "missing-tokenid-crashes",
      breaks: ["AM-11"],
      description: "an action without a tokenId (in the body or anywhere) answers 500 instead of 400 or acting on the caller",
    },
  ],
  // amSession.xml defaults, confirmed by AM 8.0.1 getSessionInfo: idle 30 min, maximum session time 120 min.
  defaults: {
    idleMs: 30 * 60_000,
    lifetimeMs: 120 * 60_000,
    options: defaultOptions,
  },
  optionHelp,
  users: seededUsers,
  create(context) {
    const state = new OpenamState(context);
    const app = new Hono();
    amRoutes(app, state);
    return {
      app,
      // Served by the host where no route matches. Nothing the mock models lands here: a request that does is a harness error, not a vendor 404.
      notFound: (c) => {
        markUnmodelled(c);
        return notFound(c);
      },
      reset: () => state.reset(),
      openSessions: () => state.sessions.live(),
      banner: () => [
        `AM REST at ${state.settings.contextPath}/json/… (context path ${state.settings.contextPath || "none: the server root"}); SSO cookie ${state.settings.cookieName}`,
      ],
    };
  },
};
