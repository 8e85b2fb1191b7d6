import { Hono } from "hono";
import type { VendorMock } from "../core/types.ts";
import { notFound } from "./crest.ts";
import { amRoutes } from "./routes.ts";
import { OpenamState } from "./state.ts";
import { seededUsers } from "./users.ts";

/** ForgeRock / Ping AM: authenticate (zero-page and callbacks) and the /json/sessions endpoint. */
export const openamMock: VendorMock = {
  id: "openam",
  title: "ForgeRock / Ping AM (OpenAM) sessions",
  variants: [],
  defects: [
    { name: "validate-after-logout", breaks: ["AM-06"], description: "validate still says valid:true for a logged-out token (a stale cache)" },
    { name: "getsessioninfo-resets-idle", breaks: ["AM-03"], description: "getSessionInfo resets the target's idle timer" },
    { name: "reset-idle-ignored", breaks: ["AM-04"], description: "getSessionInfoAndResetIdleTime does not reset the idle timer" },
    { name: "refresh-ignores-throttle", breaks: ["AM-09"], description: "refresh resets idle time even within the latest-access update frequency" },
    { name: "no-admin-checks", breaks: ["AM-08", "AM-12"], description: "query, logoutByHandle and other users' sessions are served to non-admins" },
    { name: "logoutbyhandle-noop", breaks: ["AM-07"], description: "logoutByHandle answers true but ends nothing" },
    { name: "no-max-session-time", breaks: ["AM-10"], description: "the maximum session time is reported but not enforced" },
    { name: "wrong-password-accepted", breaks: ["AM-01"], description: "authenticate succeeds with any password for a known user" },
    { name: "property-allowlist-ignored", breaks: ["AM-05"], description: "updateSessionProperties accepts properties outside the allow-list" },
    { name: "no-api-version-header", breaks: ["AM-13"], description: "responses carry no Content-API-Version header" },
  ],
  // amSession.xml defaults, confirmed by AM 8.0.1 getSessionInfo: idle 30 min, maximum session time 120 min.
  defaults: {
    idleMs: 30 * 60_000,
    lifetimeMs: 120 * 60_000,
    options: {
      cookieName: "iPlanetDirectoryPro",
      contextPath: "/am",
      resourceVersion: "4.0",
      latestAccessUpdateFrequency: "60",
      sessionPropertyAllowList: "AMCtxId,department",
      missingTokenId: "reject",
    },
  },
  optionHelp: {
    cookieName: "SSO cookie (and header) name (default iPlanetDirectoryPro; Ping AIC uses a tenant-specific one)",
    contextPath: "deployment path also served besides the root, e.g. /am (default) or /openam; empty for the root only",
    resourceVersion: "sessions resource version the server speaks: 4.0 (AM 7/7.1, default), 5.0 (7.2), 5.1 (7.4–8.1); older majors stay accepted",
    latestAccessUpdateFrequency: "refresh throttle, seconds or a duration (default 60)",
    sessionPropertyAllowList: "comma-separated allow-listed session properties (default AMCtxId,department)",
    missingTokenId: "getSessionInfo & co. without a body tokenId: reject (400, the amster schema; default) or caller (act on the caller's token, as the REST guide words it)",
  },
  users: seededUsers,
  create(context) {
    const state = new OpenamState(context);
    const app = new Hono();
    amRoutes(app, state);
    // A catch-all, not app.notFound: the host mounts this app, and a mounted app's notFound is not consulted.
    app.all("*", notFound);
    return {
      app,
      reset: () => state.reset(),
      openSessions: () => state.sessions.live(),
      banner: () => [`AM paths at /json/… and ${state.settings.contextPath || "(no context path)"}/json/…; SSO cookie ${state.settings.cookieName}`],
    };
  },
};
