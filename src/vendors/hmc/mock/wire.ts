/** Namespaces and media types of the HMC REST API (wire notes §2.6), in one place. */
export const WEB_NS = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
export const UOM_NS = "http://www.ibm.com/xmlns/systems/power/firmware/uom/mc/2012_10/";
export const ATOM_NS = "http://www.w3.org/2005/Atom";
export const K2_NS = "http://www.w3.org/XML/1998/namespace/k2";
export const OPENSEARCH_NS = "http://a9.com/-/spec/opensearch/1.1/";
export const XHTML_NS = "http://www.w3.org/1999/xhtml";

/** What the `wrong-namespace-response` defect answers in: a plausible but wrong schema date. */
// Stryker disable next-line StringLiteral: only the wrong-namespace-response defect uses it.
export const WRONG_WEB_NS = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_06/";

export const WEB_MEDIA = "application/vnd.ibm.powervm.web+xml";
// Stryker disable next-line StringLiteral: only an HttpErrorResponse Message (free wording) names it.
export const LOGON_REQUEST_TYPE = `${WEB_MEDIA}; type=LogonRequest`;
export const LOGON_RESPONSE_TYPE = `${WEB_MEDIA}; type=LogonResponse`;
export const ATOM_TYPE = "application/atom+xml";

/** The generator / author name every Atom document of the HMC carries. */
export const GENERATOR = "IBM Power Systems Management Console";

/**
 * Headers the captured 2024 Logon response carries on every answer (hmci readme-hmc.md);
 * cheap to send, and a client that keys on `server` or HSTS sees what it would see live.
 */
// Stryker disable all: decoration headers of either capture (the 2024 set here, the 2014 set below): both legal, and no client acts on them.
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  server: "Server Hardware Management Console",
  "x-content-type-options": "nosniff",
  "strict-transport-security": "max-age=31536000; includeSubDomains",
  "referrer-policy": "no-referrer",
  "x-frame-options": "SAMEORIGIN",
  "content-security-policy": "default-src https: data:",
  "x-xss-protection": "1; mode=block",
  vary: "User-Agent",
};

/**
 * The older header set pypowervm recorded in 2014 (tests/test_session.py): a servlet
 * banner and no-cache headers, none of the 2024 security headers. `expires` and
 * `cache-control` only where the answer sets none of its own.
 */
export const HEADERS_2014: Readonly<Record<string, string>> = {
  "x-powered-by": "Servlet/3.0",
};
export const NO_CACHE_2014: Readonly<Record<string, string>> = {
  expires: "Thu, 01 Dec 1994 16:00:00 GMT",
  "cache-control": 'no-cache="set-cookie, set-cookie2"',
};

// Stryker restore all

/** The HMC writes Atom times with an offset (`…591+01:00`), not `Z`. */
export function atomTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+00:00");
}
