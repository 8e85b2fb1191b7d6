import type { MockDefect } from "../../vendor-api/mock.ts";

/**
 * Named violations of the AM behaviours (BEHAVIOURS.md), one or more per id, to prove the
 * suite catches each. The first group breaks a behaviour where the suite walks it; the
 * second breaks a frame condition — what a behaviour must leave alone (the user's other
 * sessions, another user's, the caller, the other credential carrier) — the kind of
 * defect a suite that walks each behaviour once, with one session, never sees.
 */
export const openamDefects: readonly MockDefect[] = [
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
  // Frame conditions.
  {
    name: "login-ends-user-sessions",
    breaks: ["AM-01"],
    description: "a login ends the user's earlier sessions, as a session quota of one that nobody configured would",
  },
  {
    name: "getsessioninfo-reads-caller",
    breaks: ["AM-03"],
    description: "getSessionInfo answers about the caller's session when a caller sends one, ignoring the body's tokenId",
  },
  {
    name: "validate-reads-caller",
    breaks: ["AM-02"],
    description: "validate answers for the caller's token when a caller sends one, ignoring the body's tokenId",
  },
  {
    name: "reset-idle-resets-caller",
    breaks: ["AM-04"],
    description: "getSessionInfoAndResetIdleTime resets the caller's idle timer instead of the target's",
  },
  {
    name: "idle-reset-per-user",
    breaks: ["AM-04", "AM-09"],
    description: "idle time is kept per user: getSessionInfoAndResetIdleTime or a refresh of one session resets every session of its user",
  },
  {
    name: "properties-per-user",
    breaks: ["AM-05"],
    description: "session properties are stored per user: a property set on one session shows on every session of that user",
  },
  {
    name: "property-update-hits-caller",
    breaks: ["AM-05"],
    description:
      "updateSessionProperties with another session's tokenId writes the caller's session (and answers as if it wrote the target)",
  },
  {
    name: "property-refusal-half-applied",
    breaks: ["AM-05"],
    description: "an update refused for a property outside the allow-list keeps the allowed properties listed before it",
  },
  {
    name: "logout-ends-user-sessions",
    breaks: ["AM-06"],
    description: "logout ends every session of the token's user, not only the token's",
  },
  {
    name: "logout-ends-caller",
    breaks: ["AM-06"],
    description: "logout with another session's tokenId ends the caller's session and leaves the named one alive",
  },
  {
    name: "logout-cookie-still-valid",
    breaks: ["AM-06"],
    description: "after logout the token still authenticates when sent as the SSO cookie (a cookie-path cache logout does not clear)",
  },
  {
    name: "logoutbyhandle-ends-user-sessions",
    breaks: ["AM-07"],
    description: "logoutByHandle ends every session of the handle's user, not only the session named",
  },
  {
    name: "query-lists-ended-sessions",
    breaks: ["AM-08"],
    description: "query still lists sessions ended by logout (a search index the logout does not update)",
  },
  {
    name: "forbidden-update-still-applied",
    breaks: ["AM-12"],
    description: "a user's updateSessionProperties of another user's session is answered 403 after the properties were written",
  },
];
