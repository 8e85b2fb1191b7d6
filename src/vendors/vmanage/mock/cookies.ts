import type { CookieAttributes } from "./options.ts";

/**
 * JSESSIONID Set-Cookie headers. The only attribute evidence is the 20.18.2.1 sandbox
 * (`path=/; secure; HttpOnly; SameSite=Lax`, its casing kept): other releases may
 * differ, so the attributes are an option and the suites only observe them.
 */
// Stryker disable all: the attributes are observed, never asserted (one release's evidence; variants cookie-*): any set is legal.
const ATTRIBUTES: Record<CookieAttributes, string> = {
  "secure-httponly-lax": "path=/; secure; HttpOnly; SameSite=Lax",
  "secure-httponly": "path=/; secure; HttpOnly",
  "path-only": "path=/",
};
// Stryker restore all

export function sessionCookie(id: string, attributes: CookieAttributes): string {
  return `JSESSIONID=${id}; ${ATTRIBUTES[attributes]}`;
}

/** Expired in 1970: catalystwan reads it as "the session is gone, log in again" (wire notes §1.4). */
// Stryker disable next-line BlockStatement: the expiring cookie is UNCERTAIN (wire notes §1.4): a header a client cannot read as a live JSESSIONID is the legal no-cookie answer (variant no-session-no-cookie); a live one fails `JSESSIONID: { set: false }`.
export function expiredSessionCookie(value: string): string {
  // Stryker disable next-line StringLiteral: as above.
  return `JSESSIONID=${value}; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/`;
}
