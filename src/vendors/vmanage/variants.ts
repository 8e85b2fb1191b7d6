import type { MockVariant } from "../../vendor-api/mock.ts";

const NOTES = "wire-notes-vmanage-openam.md";
const DOC = "cisco-catalyst-manager-authentication.txt";

/**
 * Every legal answer to a point wire notes §1 leave open (UNCERTAIN) or that differs
 * between releases, one variant each: the suites must pass on all of them. Options
 * not named keep the mock's defaults (the 20.12-like server).
 */
export const vmanageVariants: readonly MockVariant[] = [
  // §1.1 login failure body, by release (VM-02)
  {
    name: "failure-body-html",
    description: "a failed login answers 200 and the HTML login page with 'Invalid User or Password'",
    evidence: `${NOTES} §1.1 Failure [DOC]: "the response body contains an HTML login page, indicated by an <html> tag"; [CODE/older] pyATS: "Invalid User or Password"`,
    options: { failureBody: "html" },
  },
  {
    name: "failure-body-json",
    description: "a failed login answers 200 and the 20.18 JSON {error: {message: 'Login Error', …}} body",
    evidence: `${NOTES} §1.1 Failure [LIVE 20.18.2.1 sandbox]: "The body is JSON instead, with HTTP 200"`,
    options: { failureBody: "json" },
  },
  {
    name: "failure-body-json-padded",
    description: "the 20.18 JSON failure body after three blank lines, exactly as captured",
    evidence: `${NOTES} §1.1 Failure [LIVE 20.18.2.1]: "The three leading blank lines are in the original output."`,
    options: { failureBody: "json-padded" },
  },
  // §1.1 the /dataservice login path (UNCERTAIN)
  {
    name: "dataservice-login-accepted",
    description: "POST /dataservice/j_security_check logs in too, as python-viptela posts it",
    evidence: `${NOTES} §1.1 Odd case [CODE]: python-viptela "posts to https://host:port/dataservice/j_security_check … It must work on some versions. UNCERTAIN whether a mock needs to accept it."`,
    options: { dataserviceLogin: "accepted" },
  },
  // §1.1 cookie attributes: one release's evidence only
  {
    name: "cookie-secure-httponly-lax",
    description: "JSESSIONID with path=/; secure; HttpOnly; SameSite=Lax (the 20.18.2.1 sandbox)",
    evidence: `${NOTES} §1.1 Success: "set-cookie: JSESSIONID=<hash>; path=/; secure; HttpOnly; SameSite=Lax"`,
    options: { cookieAttributes: "secure-httponly-lax" },
  },
  {
    name: "cookie-secure-httponly",
    description: "JSESSIONID with path=/; secure; HttpOnly and no SameSite",
    evidence: `${NOTES} §1.1 Success: "No cookie-attribute evidence was found for other releases."`,
    options: { cookieAttributes: "secure-httponly" },
  },
  {
    name: "cookie-path-only",
    description: "JSESSIONID with path=/ only (no Secure, HttpOnly or SameSite)",
    evidence: `${NOTES} §1.1 Success: "No cookie-attribute evidence was found for other releases."`,
    options: { cookieAttributes: "path-only" },
  },
  // §1.1 XSRF token length: one observation
  {
    name: "xsrf-token-100",
    description: "a 100-character XSRF token (the sandbox's)",
    evidence: `${NOTES} §1.1 Success: "The XSRF token observed there is 100 characters long."`,
    options: { xsrfTokenLength: "100" },
  },
  {
    name: "xsrf-token-64",
    description: "a 64-character XSRF token: no document fixes the length",
    evidence: `${NOTES} §1.1 Success: "The XSRF token observed there is 100 characters long." (one server); §1.2 [DOC] example "1BCE77AF...E11" is elided`,
    options: { xsrfTokenLength: "64" },
  },
  // VM-11: a later answer may set the session's JSESSIONID again
  {
    name: "session-cookie-repeated",
    description: "every /dataservice answer to a live session sets the same JSESSIONID again; the session is unchanged",
    evidence: `RFC 6265 §5.3 step 11: a cookie with the same name, domain and path replaces the stored one; ${NOTES} §1.4 Other behaviours: PUT /dataservice/admin/user/password/admin "returns a JSESSIONID header" (catalystwan issue 294); CiscoDevNet/catalystwan@00c04d27:catalystwan/session.py:228,389-393 re-logs in only when a JSESSIONID differs from the one it holds`,
    options: { sessionCookieOnAnswers: "repeat" },
  },
  // §1.9 what a user's group may see, and the ready flag
  {
    name: "devices-hidden-from-other-groups",
    description: "GET /dataservice/device lists the fabric to netadmin users only; a user of another group gets an empty list",
    evidence: `${NOTES} §1.9: the device list's rows are LIVE shape for one account; nothing records what another user group is shown (user groups and RBAC: §1.6 "User Sessions", §1.9 isRbacVpnUser)`,
    options: { deviceVisibility: "netadmin-only" },
  },
  {
    name: "server-ready-false",
    description: "GET /dataservice/client/server/ready answers {isServerReady: false} while sessions are served (services still starting)",
    evidence: `${NOTES} §1.9: "Returns {"isServerReady": bool}; 503 while the server restarts (catalystwan session.py:265-315)"; catalystwan polls until it reads true`,
    options: { serverReady: "no" },
  },
  // §1.2 releases before 19.2
  {
    name: "pre-19.2-no-xsrf-token",
    description: "before 19.2: /dataservice/client/token answers 404 and the cookie alone authenticates every method",
    evidence: `${NOTES} §1.2 Releases before 19.2: "The endpoint is missing and returns 404"; ${DOC}: "For Catalyst Manager pre-19.2 - Session Cookie (jsessionid)"`,
    options: { xsrfToken: "absent", version: "19.1.0", logoutMethod: "get", sessionCap: "250" },
  },
  // §1.3 TAC allow-list
  {
    name: "xsrf-allow-listed-alarms",
    description: "TAC allow-listed POST /dataservice/alarms: it skips the XSRF check",
    evidence: `${NOTES} §1.3 Scope: "TAC can allowlist endpoints that then skip the check."`,
    options: { xsrfAllowList: "/dataservice/alarms" },
  },
  // §1.4 no session: two UNCERTAIN points
  {
    name: "no-session-login-page",
    description: "a call without a valid session answers 200 and the HTML login page",
    evidence: `${NOTES} §1.4 [LIVE]: "returned 200, Content-Type: text/html;charset=UTF-8: the login page, not a 401"; an offline lab mock "returns a direct 200"`,
    options: { noSession: "page" },
  },
  {
    name: "no-session-redirect",
    description: "a call without a valid session answers 302 to /welcome.html?nocache=<ms>",
    evidence: `${NOTES} §1.4: "the server's raw status could be a 302 to /welcome.html followed by a 200. UNCERTAIN."; "Session expiry shows up as a 302 redirect to welcome.html"`,
    options: { noSession: "redirect" },
  },
  {
    name: "no-session-expiring-cookie",
    description: "the no-session answer carries JSESSIONID=…; Expires=Thu, 01-Jan-1970 00:00:10 GMT",
    evidence: `${NOTES} §1.4 [CODE] catalystwan: "Expires is usually set to year 1970"; "a real server sends an expiring Set-Cookie on such responses"`,
    options: { expiringCookie: "yes" },
  },
  {
    name: "no-session-no-cookie",
    description: "the no-session answer carries no Set-Cookie at all",
    evidence: `${NOTES} §1.4: "The exact header is UNCERTAIN"`,
    options: { expiringCookie: "no" },
  },
  // §1.3/§1.4: which check a POST without a valid session meets first is not recorded anywhere
  {
    name: "no-session-post-as-get",
    description: "a guarded POST without a valid session gets the same answer as a GET (the login page or the redirect)",
    evidence: `${NOTES} §1.4 [LIVE]: only a GET after logout was captured ("returned 200 … the login page, not a 401"); nothing says a POST differs`,
    options: { noSessionPost: "as-get" },
  },
  {
    name: "no-session-post-xsrf-refused",
    description: "a guarded POST without a valid session is refused 403 by the SessionTokenFilter before the session is looked up",
    evidence: `${NOTES} §1.3 [LIVE + DOC]: "POST, PUT or DELETE with a missing or wrong X-XSRF-TOKEN gets 403" (a session that is gone has no token to match); §1.4 captured only a GET without a session`,
    options: { noSessionPost: "xsrf-403" },
  },
  // §1.5 logout method by release, and the token on logout
  {
    name: "logout-get-only",
    description: "before 20.12: GET /logout only; POST gets 405",
    evidence: `${NOTES} §1.5 GET before 20.12, POST after [CODE]: catalystwan "POST /logout if version >= 20.12, otherwise GET /logout"`,
    options: { logoutMethod: "get" },
  },
  {
    name: "logout-post-only",
    description: "POST /logout only; GET gets 405",
    evidence: `${NOTES} §1.5 DevNet description [DOC]: "POST /logout?nocache=<random-number>"; sastre: "POST if version > 20.11"`,
    options: { logoutMethod: "post" },
  },
  {
    name: "logout-both",
    description: "GET and POST /logout both served",
    evidence: `${NOTES} §1.5 Mock: "Accept GET and POST."`,
    options: { logoutMethod: "both" },
  },
  {
    name: "logout-xsrf-required",
    description: "POST /logout without the session's X-XSRF-TOKEN is refused 403 and the session lives on",
    evidence: `${NOTES} §1.5: "Whether logout without the XSRF token gets 403 on ≥20.12: UNCERTAIN. The lab mock … requires the token"`,
    options: { logoutXsrf: "required" },
  },
  {
    name: "logout-xsrf-optional",
    description: "POST /logout works with the cookie alone",
    evidence: `${NOTES} §1.5 DevNet description [DOC]: "POST /logout?nocache=<random-number> with Cookie: JSESSIONID=..." (no token named)`,
    options: { logoutXsrf: "optional" },
  },
  {
    name: "logout-location-public-base",
    description:
      "Location names the server's public name with an explicit port: https://vmanage.example.test:443/welcome.html?nocache=<ms>",
    evidence: `${NOTES} §1.5 On the sandbox [LIVE]: "HTTP 302 -> https://sandbox-sdwan-2.cisco.com:443/welcome.html?nocache=1791634897838"`,
    options: { publicBaseUrl: "https://vmanage.example.test:443" },
  },
  // §1.6 the session cap changed between releases; a deployment's per-user maximum is its own
  {
    name: "session-cap-100",
    description: "at most 100 concurrent sessions (current docs)",
    evidence: `${NOTES} §1.6 [DOC]: "The maximum concurrent session number is 100."`,
    options: { sessionCap: "100" },
  },
  {
    name: "session-cap-250",
    description: "at most 250 concurrent sessions (older releases)",
    evidence: `${NOTES} §1.6: "Older copies say 250: The maximum concurrent session number is 250."`,
    options: { sessionCap: "250" },
  },
  {
    name: "session-cap-20",
    description: "a staging server capped at 20 sessions",
    evidence: `${NOTES} §1.6: "a per-user maximum sessions setting" under Administration > Settings > User Sessions; "a mock should make it configurable"`,
    options: { sessionCap: "20" },
  },
  // Releases, as combinations (`--variant 20.18` names the last)
  {
    name: "release-20.9",
    aliases: ["20.9"],
    description: "before 20.12: GET logout only, HTML login-failure page, at most 250 sessions",
    evidence: `${NOTES} §1.5 "GET before 20.12" [CODE]; §1.6 "Older copies say 250"; §1.1 [DOC] HTML failure page`,
    options: { version: "20.9.4", failureBody: "html", logoutMethod: "get", sessionCap: "250" },
  },
  {
    name: "release-20.12",
    aliases: ["20.12"],
    description: "20.12 to 20.16: HTML login-failure page, GET and POST logout, at most 100 sessions",
    evidence: `${NOTES} §1.1 [DOC] "HTML login page" (DevNet 20-16); §1.5 "POST after" 20.12; §1.6 [DOC] "100"`,
    options: { version: "20.12.1", failureBody: "html", logoutMethod: "both", sessionCap: "100" },
  },
  {
    name: "release-20.18",
    aliases: ["20.18"],
    description:
      "20.18: JSON login-failure body after three blank lines (still HTTP 200), POST logout only, the sandbox's cookie and token",
    evidence: `${NOTES} §1.1 [LIVE 20.18.2.1 sandbox] JSON failure body ("The three leading blank lines are in the original output"), cookie "path=/; secure; HttpOnly; SameSite=Lax", token "100 characters"; §1.5 POST logout`,
    options: {
      version: "20.18.2",
      failureBody: "json-padded",
      logoutMethod: "post",
      sessionCap: "100",
      cookieAttributes: "secure-httponly-lax",
      xsrfTokenLength: "100",
    },
  },
  {
    name: "strict-staging",
    description:
      "every stricter legal answer at once: a 302 for no session without a cookie (a 403 for a POST), the token required on logout, POST only, JSON failures, cap 20",
    evidence: `${NOTES} §1.4 (302 and the cookie UNCERTAIN), §1.3/§1.4 (a POST without a session UNCERTAIN), §1.5 (logout token UNCERTAIN), §1.1 (20.18 JSON), §1.6 (configurable cap)`,
    options: {
      noSession: "redirect",
      noSessionPost: "xsrf-403",
      expiringCookie: "no",
      logoutXsrf: "required",
      logoutMethod: "post",
      failureBody: "json",
      sessionCap: "20",
      cookieAttributes: "path-only",
      xsrfTokenLength: "64",
    },
  },
];
