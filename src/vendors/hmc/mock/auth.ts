import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { httpError } from "./errors.ts";
import { type HmcSession, type HmcState, seededUsers } from "./state.ts";

export interface Principal {
  username: string;
  /** The X-API-Session that authorized the call; undefined when a defect let the request through without one. */
  token: string | undefined;
}

/**
 * Who a request's JSESSIONID cookie stands for, as a servlet container's own session
 * would: its live session (counted as use), else, under the `logoff-keeps-servlet-session`
 * defect, the user of a servlet session its logoff left behind.
 */
// Every mutant that finds no session here is the logonCookies=ignored form, legal by design
// (whether the Logon's cookies authorize on their own is UNVERIFIED).
// Stryker disable next-line BlockStatement: see above.
function byCookie(c: Context, state: HmcState): Principal | undefined {
  // Stryker disable next-line StringLiteral: see above.
  const cookie = getCookie(c, "JSESSIONID");
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: see above (no session has an undefined JSESSIONID either).
  if (!cookie) return undefined;
  const session = state.findByCookie(cookie);
  if (session) return { username: session.user, token: session.id };
  const orphanedUser = state.context.defect("logoff-keeps-servlet-session") ? state.orphanedServletUser(cookie) : undefined;
  // Stryker disable next-line all: only the logoff-keeps-servlet-session defect leaves an orphaned servlet session.
  return orphanedUser === undefined ? undefined : { username: orphanedUser, token: undefined };
}

/** The `x-api-session-prefix-lookup` defect: the first live token the raw header begins, so an empty header finds one. */
// Stryker disable all: only the x-api-session-prefix-lookup defect calls this.
function byPrefix(c: Context, state: HmcState): HmcSession | undefined {
  const raw = c.req.header("x-api-session");
  return raw === undefined ? undefined : state.findByPrefix(raw.trim());
}
// Stryker restore all

/**
 * The session a request presents: its `X-API-Session` header (HMC-05), counted as use
 * for the idle timeout. With `logonCookies=authorize` a request without the header may
 * present the Logon's JSESSIONID cookie instead. The `session-cookie-only` defect reads
 * the cookie alone and ignores the header; `x-api-session-prefix-lookup` takes the first
 * live token the header's value begins, as a `LIKE 'value%'` query would, so an empty
 * header finds one.
 */
function presented(c: Context, state: HmcState, header: string | undefined): Principal | undefined {
  const { context, options } = state;
  if (context.defect("session-cookie-only")) return byCookie(c, state);
  const session = context.defect("x-api-session-prefix-lookup")
    ? byPrefix(c, state)
    : // Stryker disable next-line ConditionalExpression: no session has an undefined token, so the lookup finds none either way.
      header === undefined
      ? undefined
      : state.find(header, { touch: true });
  if (session) return { username: session.user, token: session.id };
  // Whether the Logon's cookies authorize a request without the header is UNVERIFIED: cookies
  // authorizing in more cases (beside a stale header, under logonCookies=ignored) or in none
  // are the two legal forms the suites accept by design; no form here finds an ended session.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: see above.
  return header === undefined && options.logonCookies === "authorize" ? byCookie(c, state) : undefined;
}

/**
 * Authorizes a request by its session. Refusals are 401 by default, as pypowervm, the
 * ruby SDK and hmci all expect; `badSessionStatus=403` follows IBM's RequestHeaders
 * page instead (reason code 4 = header missing, 5 = session invalid). HMC-06 keeps the
 * code OPEN, and whether the refusal carries an HttpErrorResponse is UNVERIFIED
 * (`badSessionBody`).
 */
export function requireSession(c: Context, state: HmcState): Principal | Response {
  // Stryker disable next-line MethodExpression: Node's HTTP parser already strips the whitespace around a header value.
  const token = c.req.header("x-api-session")?.trim() || undefined;
  const principal = presented(c, state, token);
  if (principal) return principal;
  // Stryker disable next-line all: only the session-not-checked defect gets here.
  if (state.context.defect("session-not-checked")) return { username: seededUsers.default?.username ?? "hscroot", token: undefined };
  const { badSessionStatus, badSessionBody } = state.options;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: 401 and 403 (with reason codes 4/5) are both legal (HMC-06's code is OPEN; variants bad-session-401/403).
  const forbidden = badSessionStatus === "403";
  const now = state.context.clock.now();
  const refusal = { status: forbidden ? 403 : 401, body: badSessionBody } as const;
  // Stryker disable next-line StringLiteral: a 401's ReasonCode is free text (no release's is recorded); clients print it.
  const unauthorized = "Unauthorized.";
  if (token === undefined) {
    return httpError(c, now, {
      ...refusal,
      reasonCode: forbidden ? "4" : unauthorized,
      message: "The request has no X-API-Session header; log on with PUT /rest/api/web/Logon first.",
    });
  }
  return httpError(c, now, {
    ...refusal,
    reasonCode: forbidden ? "5" : unauthorized,
    message: "The X-API-Session is not valid: it has expired, was logged off, or was never issued.",
  });
}
