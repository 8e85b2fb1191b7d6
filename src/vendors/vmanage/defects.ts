import type { MockDefect } from "../../vendor-api/mock.ts";

/**
 * Named violations of the vManage behaviours (BEHAVIOURS.md), each a bug a real server
 * could have, to prove the suite catches it. The second group breaks frame conditions:
 * what a behaviour must leave alone (the user's other sessions, other users' sessions,
 * the other way a session is used), or how many sessions it may end.
 */
export const vmanageDefects: readonly MockDefect[] = [
  { name: "failed-login-401", breaks: ["VM-02"], description: "a failed login is answered 401 instead of 200 with a body" },
  { name: "xsrf-not-enforced", breaks: ["VM-04"], description: "POSTs to /dataservice are served without a matching X-XSRF-TOKEN" },
  { name: "logout-keeps-session", breaks: ["VM-07"], description: "logout answers the 302 but the session keeps working" },
  { name: "no-idle-expiry", breaks: ["VM-08"], description: "sessions never expire from inactivity" },
  { name: "no-lifespan-cap", breaks: ["VM-09"], description: "a session in use never reaches its 24-hour lifespan" },
  {
    name: "evicts-oldest",
    breaks: ["VM-10"],
    description: "at the session cap, the oldest session is evicted instead of the least recently used",
  },
  {
    name: "login-body-not-empty",
    breaks: ["VM-01"],
    description: "a successful login answers with an HTML body, so clients read it as a failure",
  },
  { name: "token-json-by-default", breaks: ["VM-03"], description: "GET /dataservice/client/token answers JSON even without ?json=true" },
  { name: "get-needs-xsrf", breaks: ["VM-05"], description: "GET requests are refused 403 without the XSRF token" },
  { name: "unauthenticated-401", breaks: ["VM-06"], description: "calls without a session get 401 JSON instead of the login page" },
  {
    name: "rotate-session-id",
    breaks: ["VM-11"],
    description:
      "every /dataservice answer moves the session to a new JSESSIONID and kills the old one, so sequential requests cannot share one cookie",
  },
  {
    name: "new-session-per-answer",
    breaks: ["VM-11"],
    description:
      "every /dataservice answer opens another session for the user and sets its JSESSIONID; the earlier one lives on, so no one session is shared",
  },
  // Frame conditions.
  {
    name: "idle-not-reset-by-use",
    breaks: ["VM-08"],
    description:
      "use never restarts the idle clock: a session used every 2/3 of the idle timeout still dies one idle timeout after its login",
  },
  {
    name: "failed-login-ends-account-sessions",
    breaks: ["VM-02"],
    description: "a failed login for an existing account ends every live session of that account (a lockout reflex at the first failure)",
  },
  {
    name: "xsrf-token-of-any-session",
    breaks: ["VM-04"],
    description:
      "the SessionTokenFilter accepts a token issued to any live session, not only the caller's own: another user's token opens this session's POSTs",
  },
  {
    name: "stale-thread-session",
    breaks: ["VM-06"],
    description:
      "a request without a valid session is served as the session the server served last (a thread-bound session never cleared), whenever one is live",
  },
  {
    name: "logout-ends-user-sessions",
    breaks: ["VM-07"],
    description: "logout ends every session of the user, not only the one presented",
  },
  {
    name: "get-logout-ends-oldest-session",
    breaks: ["VM-07"],
    description: "GET /logout ends the user's oldest session instead of the one presented, which lives on",
  },
  {
    name: "logout-keeps-post-session",
    breaks: ["VM-07"],
    description:
      "after logout the SessionTokenFilter still knows the session's token and lets a POST carrying the old cookie and that token through; GETs are refused",
  },
  {
    name: "eviction-ends-two",
    breaks: ["VM-10"],
    description: "a login beyond the session cap evicts the two least recently used sessions instead of exactly one",
  },
  {
    name: "login-ends-earlier-sessions",
    breaks: ["VM-10"],
    description: "a login ends the account's earlier sessions, whatever the cap (one session per user)",
  },
];
