import { randomBytes } from "node:crypto";
import type { Context } from "hono";
import { expiredSessionCookie } from "./cookies.ts";
import { welcomeUrl } from "./location.ts";
import { HTML, loginPage } from "./pages.ts";
import type { VmanageState } from "./state.ts";

/**
 * What a call without a valid session gets (wire notes §1.4, UNCERTAIN in two ways):
 * 200 and the login page, or a 302 to /welcome.html; with or without a JSESSIONID
 * cookie expiring in 1970. Never a 401. The expiring cookie's value is fresh rather
 * than an echo of the caller's: clients drop the cookie by name and path, and echoing
 * caller input into a header is avoidable.
 */
export function noSessionAnswer(c: Context, state: VmanageState) {
  // Stryker disable next-line ConditionalExpression,BlockStatement: the cookie or none, a switch between legal variants (no-session-expiring-cookie, -no-cookie).
  if (state.options.expiringCookie) {
    // Stryker disable next-line MethodExpression: the value of a cookie expiring in 1970 is never read, only its name.
    const value = randomBytes(32).toString("hex").toUpperCase();
    // Stryker disable next-line StringLiteral: the label names the value in a leak report; wording.
    state.context.issued(value, "cookie value");
    c.header("Set-Cookie", expiredSessionCookie(value));
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: the page or the redirect, a switch between legal variants (no-session-login-page, -redirect).
  if (state.options.noSession === "redirect") return c.redirect(welcomeUrl(c, state), 302);
  return c.body(loginPage(), 200, { "Content-Type": HTML });
}
