import type { CookieAttributes } from "./options.ts";

/**
 * JSESSIONID Set-Cookie headers. The only attribute evidence is the 20.18.2.1 sandbox
 * (`path=/; secure; HttpOnly; SameSite=Lax`, its casing kept): other releases may
 * differ, so the attributes are an option and the suites only observe them.
 */
const ATTRIBUTES: Record<CookieAttributes, string> = {
  "secure-httponly-lax": "path=/; secure; HttpOnly; SameSite=Lax",
  "secure-httponly": "path=/; secure; HttpOnly",
  "path-only": "path=/",
};

export function sessionCookie(id: string, attributes: CookieAttributes): string {
  return `JSESSIONID=${id}; ${ATTRIBUTES[attributes]}`;
}

/** Expired in 1970: catalystwan reads it as "the session is gone, log in again" (wire notes §1.4). */
export function expiredSessionCookie(value: string): string {
  return `JSESSIONID=${value}; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/`;
}
