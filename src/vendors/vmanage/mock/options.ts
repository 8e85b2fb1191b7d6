import type { MockConfig } from "../../../vendor-api/mock.ts";

/**
 * The mock's `--set` vocabulary. Each option stands for a point the wire notes (§1)
 * leave open or that differs between releases; variants.ts names every legal answer.
 * Options a deployment configures (sessionCap, logoutMethod, xsrfToken, xsrfAllowList)
 * carry the same names in the driver's deploymentOptions.
 */
export const failureBodies = ["html", "json", "json-padded"] as const;
export const logoutMethods = ["post", "get", "both"] as const;
export const noSessionAnswers = ["page", "redirect"] as const;
export const noSessionPostAnswers = ["as-get", "xsrf-403"] as const;
export const yesNo = ["yes", "no"] as const;
export const logoutXsrfModes = ["optional", "required"] as const;
export const cookieAttributeSets = ["secure-httponly-lax", "secure-httponly", "path-only"] as const;
export const xsrfTokenModes = ["enforced", "absent"] as const;
export const dataserviceLoginModes = ["absent", "accepted"] as const;
export const sessionCookieOnAnswersModes = ["none", "repeat"] as const;
export const deviceVisibilities = ["all", "netadmin-only"] as const;

export type FailureBody = (typeof failureBodies)[number];
export type LogoutMethod = (typeof logoutMethods)[number];
export type NoSessionAnswer = (typeof noSessionAnswers)[number];
export type NoSessionPostAnswer = (typeof noSessionPostAnswers)[number];
export type CookieAttributes = (typeof cookieAttributeSets)[number];

export interface VmanageOptions {
  version: string;
  failureBody: FailureBody;
  logoutMethod: LogoutMethod;
  sessionCap: number;
  noSession: NoSessionAnswer;
  /** A guarded non-GET without a valid session: the same answer as a GET, or the SessionTokenFilter's 403 first. */
  noSessionPost: NoSessionPostAnswer;
  expiringCookie: boolean;
  logoutNeedsXsrf: boolean;
  cookieAttributes: CookieAttributes;
  xsrfTokenLength: number;
  /** False before 19.2: no /dataservice/client/token, and no token is checked. */
  xsrfEnforced: boolean;
  /** Paths TAC allow-listed: exempt from the XSRF check. */
  xsrfAllowList: ReadonlySet<string>;
  dataserviceLogin: boolean;
  /** Every /dataservice answer to a live session sets its JSESSIONID again, the same value (RFC 6265: it replaces the stored one). */
  repeatSessionCookie: boolean;
  /** Only netadmin users see the device list (RBAC); other groups get an empty one. */
  devicesForNetadminOnly: boolean;
  /** What GET /dataservice/client/server/ready reports. */
  serverReady: boolean;
  /** Where Location headers point (scheme://host[:port]); "" = the listening socket's address, else a path-only Location. */
  publicBaseUrl: string;
}

export const defaultOptions: Record<string, string> = {
  version: "20.12.1",
  failureBody: "html",
  logoutMethod: "both",
  sessionCap: "100",
  noSession: "page",
  noSessionPost: "as-get",
  expiringCookie: "yes",
  logoutXsrf: "optional",
  cookieAttributes: "secure-httponly-lax",
  xsrfTokenLength: "100",
  xsrfToken: "enforced",
  xsrfAllowList: "",
  dataserviceLogin: "absent",
  sessionCookieOnAnswers: "none",
  deviceVisibility: "all",
  serverReady: "yes",
  publicBaseUrl: "",
};

export const optionHelp: Record<string, string> = {
  version: "platformVersion reported by GET /dataservice/client/server (default 20.12.1)",
  failureBody:
    "failed-login body, always HTTP 200: html (the login page with 'Invalid User or Password', default), json (the 20.18 {\"error\":…} body) or json-padded (the same after three blank lines, as the 20.18 capture shows it)",
  logoutMethod: "which /logout methods are served: post (20.12+), get (before 20.12) or both (default); the other method gets 405",
  sessionCap:
    "most concurrent sessions before the least recently used is evicted: 100 (current docs, default), 250 (older docs), or a staging server's own cap",
  noSession:
    "a /dataservice call without a valid session: page (200 and the HTML login page, default) or redirect (302 to /welcome.html?nocache=<ms>)",
  noSessionPost:
    "a POST (or other non-GET the XSRF check guards) without a valid session: as-get (the same answer as a GET, default) or xsrf-403 (the SessionTokenFilter refuses it 403 before the session is looked up)",
  expiringCookie:
    "yes (default): the no-session answer carries a JSESSIONID Set-Cookie expiring in 1970 (what catalystwan looks for); no: none",
  logoutXsrf: "optional (default): POST /logout works without X-XSRF-TOKEN; required: it is refused 403 without the session's token",
  cookieAttributes:
    "JSESSIONID attributes: secure-httponly-lax (path=/; secure; HttpOnly; SameSite=Lax, the 20.18 sandbox, default), secure-httponly, or path-only",
  xsrfTokenLength: "characters of the XSRF token, upper-case hex: 100 (the 20.18 sandbox, default) or another even length from 16 to 256",
  xsrfToken:
    "enforced (19.2 and later, default): /dataservice/client/token serves the token and non-GETs need it; absent (before 19.2): the endpoint answers 404 and no token is checked",
  xsrfAllowList: "comma-separated /dataservice paths exempt from the XSRF check (TAC can allow-list endpoints); default none",
  dataserviceLogin:
    "absent (default): only /j_security_check logs in; accepted: POST /dataservice/j_security_check works too (python-viptela's path)",
  sessionCookieOnAnswers:
    "none (default): only the login sets JSESSIONID; repeat: every /dataservice answer to a live session sets the same JSESSIONID again (legal: a same-name cookie replaces the stored one, the session is unchanged)",
  deviceVisibility:
    "all (default): every user's GET /dataservice/device lists the fabric; netadmin-only: users of other groups get an empty list (RBAC)",
  serverReady:
    "yes (default): GET /dataservice/client/server/ready answers {isServerReady: true}; no: false (a server still starting its services)",
  publicBaseUrl:
    "scheme://host[:port] that Location headers name (logout, redirects); default: the address the mock listens on (never the request's Host header)",
};

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new Error(`vmanage option ${name}=${String(value)} is not one of ${allowed.join(", ")}`);
  return found;
}

function wholeNumber(name: string, value: string | undefined, check: (n: number) => boolean, what: string): number {
  const n = Number(value);
  if (value === undefined || value.trim() === "" || !Number.isInteger(n) || !check(n))
    throw new Error(`vmanage option ${name}=${String(value)} is not ${what}`);
  return n;
}

function allowList(value: string | undefined): ReadonlySet<string> {
  const paths = (value ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
  const bad = paths.find((p) => !/^\/dataservice\/[\w/.-]+$/.test(p));
  if (bad !== undefined) throw new Error(`vmanage option xsrfAllowList: "${bad}" is not a /dataservice/... path`);
  return new Set(paths);
}

function baseUrl(value: string | undefined): string {
  if (!value) return "";
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`vmanage option publicBaseUrl=${value} is not a URL`);
  }
  if (!/^https?:$/.test(url.protocol) || url.pathname !== "/" || url.search || url.hash || url.username) {
    throw new Error(`vmanage option publicBaseUrl=${value} must be scheme://host[:port] only`);
  }
  // Keep an explicit default port as written (the sandbox's Location says :443).
  return value.replace(/\/$/, "");
}

/** Reads and checks the options once, at create time, so a typo fails loudly instead of silently using a default. */
export function readOptions(config: MockConfig): VmanageOptions {
  const o = { ...defaultOptions, ...config.options };
  return {
    version: o.version ?? "20.12.1",
    failureBody: oneOf("failureBody", o.failureBody, failureBodies),
    logoutMethod: oneOf("logoutMethod", o.logoutMethod, logoutMethods),
    sessionCap: wholeNumber("sessionCap", o.sessionCap, (n) => n >= 1, "a positive whole number"),
    noSession: oneOf("noSession", o.noSession, noSessionAnswers),
    noSessionPost: oneOf("noSessionPost", o.noSessionPost, noSessionPostAnswers),
    expiringCookie: oneOf("expiringCookie", o.expiringCookie, yesNo) === "yes",
    logoutNeedsXsrf: oneOf("logoutXsrf", o.logoutXsrf, logoutXsrfModes) === "required",
    cookieAttributes: oneOf("cookieAttributes", o.cookieAttributes, cookieAttributeSets),
    xsrfTokenLength: wholeNumber(
      "xsrfTokenLength",
      o.xsrfTokenLength,
      (n) => n >= 16 && n <= 256 && n % 2 === 0,
      "an even whole number from 16 to 256",
    ),
    xsrfEnforced: oneOf("xsrfToken", o.xsrfToken, xsrfTokenModes) === "enforced",
    xsrfAllowList: allowList(o.xsrfAllowList),
    dataserviceLogin: oneOf("dataserviceLogin", o.dataserviceLogin, dataserviceLoginModes) === "accepted",
    repeatSessionCookie: oneOf("sessionCookieOnAnswers", o.sessionCookieOnAnswers, sessionCookieOnAnswersModes) === "repeat",
    devicesForNetadminOnly: oneOf("deviceVisibility", o.deviceVisibility, deviceVisibilities) === "netadmin-only",
    serverReady: oneOf("serverReady", o.serverReady, yesNo) === "yes",
    publicBaseUrl: baseUrl(o.publicBaseUrl),
  };
}
