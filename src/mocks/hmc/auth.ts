import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { httpError } from "./errors.ts";
import { type HmcState, seededUsers } from "./state.ts";

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
function byCookie(c: Context, state: HmcState): Principal | undefined {
  const cookie = getCookie(c, "JSESSIONID");
  if (!cookie) return undefined;
  const session = state.findByCookie(cookie);
  if (session) return { username: session.user, token: session.id };
  const orphanedUser = state.context.defect("logoff-keeps-servlet-session") ? state.orphanedServletUser(cookie) : undefined;
  return orphanedUser === undefined ? undefined : { username: orphanedUser, token: undefined };
}

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
  const raw = c.req.header("x-api-session");
  const session =
    context.defect("x-api-session-prefix-lookup") && raw !== undefined
      ? state.findByPrefix(raw.trim())
      : header === undefined
        ? undefined
        : state.find(header, { touch: true });
  if (session) return { username: session.user, token: session.id };
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
  const token = c.req.header("x-api-session")?.trim() || undefined;
  const principal = presented(c, state, token);
  if (principal) return principal;
  if (state.context.defect("session-not-checked")) return { username: seededUsers.default?.username ?? "hscroot", token: undefined };
  const { badSessionStatus, badSessionBody } = state.options;
  const forbidden = badSessionStatus === "403";
  const now = state.context.clock.now();
  const refusal = { status: forbidden ? 403 : 401, body: badSessionBody } as const;
  if (token === undefined) {
    return httpError(c, now, {
      ...refusal,
      reasonCode: forbidden ? "4" : "Unauthorized.",
      message: "The request has no X-API-Session header; log on with PUT /rest/api/web/Logon first.",
    });
  }
  return httpError(c, now, {
    ...refusal,
    reasonCode: forbidden ? "5" : "Unauthorized.",
    message: "The X-API-Session is not valid: it has expired, was logged off, or was never issued.",
  });
}
