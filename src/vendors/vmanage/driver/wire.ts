import { parseSetCookie, serverTime } from "../../../http/cookie-jar.ts";
import { contentType, type Exchange, type HttpRequest } from "../../../http/exchange.ts";
import type { DriverContext, Verdict } from "../../../vendor-api/driver.ts";
import { verdictOfStatus } from "../../../vendor-api/verdicts.ts";

/** The body of POST /dataservice/alarms: a query, which changes nothing, yet needs the XSRF token like any non-GET. */
export const ALARM_QUERY = { query: { condition: "AND", rules: [] } };

/** Requests that change nothing carry no XSRF token; everything else must (wire notes §1.3). */
export function isSafeMethod(method: string): boolean {
  const m = method.toUpperCase();
  return m === "GET" || m === "HEAD";
}

export function hasHeader(request: HttpRequest, name: string): boolean {
  return Object.keys(request.headers).some((h) => h.toLowerCase() === name);
}

export function formRequest(ctx: DriverContext, path: string, fields: Record<string, string>): HttpRequest {
  return {
    method: "POST",
    url: ctx.url(path),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  };
}

/** The login page (what vManage answers a call without a session) starts with `<html>`. */
export function isLoginPage(exchange: Exchange): boolean {
  return /^\s*<html/i.test(exchange.response.text);
}

/** The JSESSIONID value this response SETS (not clears, as the no-session page does), if any. */
export function issuedSessionCookie(exchange: Exchange, harnessNow: number): string | undefined {
  const now = serverTime(exchange.response.headers, harnessNow);
  const cookie = exchange.response.setCookies.map((h) => parseSetCookie(h, now)).find((c) => c?.name === "JSESSIONID");
  return cookie && !cookie.cleared && cookie.value !== "" ? cookie.value : undefined;
}

function isLogout(exchange: Exchange): boolean {
  return new URL(exchange.request.url).pathname === "/logout";
}

/**
 * vManage's ways of saying "no": the login page with 200 (or a redirect to it) for no
 * session, 403 from the SessionTokenFilter. A logout is done when it redirects to
 * welcome.html, which it does for a live session and for one already gone alike.
 */
export function classify(exchange: Exchange): Verdict {
  const { status, headers } = exchange.response;
  const location = headers.location ?? "";
  if (isLogout(exchange)) {
    if (status === 302 && /\/welcome\.html/.test(location)) return "ok";
    if (status === 200 && isLoginPage(exchange)) return "unauthenticated";
  }
  if (status >= 300 && status < 400) return /welcome\.html|login/i.test(location) ? "unauthenticated" : "rejected";
  // A 2xx that is a page, not data, is the login page in all but name: no session.
  if (status >= 200 && status < 300 && (isLoginPage(exchange) || contentType(exchange.response).includes("text/html")))
    return "unauthenticated";
  return verdictOfStatus(status);
}
