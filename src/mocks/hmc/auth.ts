import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { httpError } from "./errors.ts";
import { type HmcSession, type HmcState, seededUsers } from "./state.ts";

export interface Principal {
  username: string;
  /** The X-API-Session that authorized the call; undefined when the `session-not-checked` defect let it through. */
  token: string | undefined;
}

/**
 * The session a request presents: its `X-API-Session` header (HMC-05), counted as use
 * for the idle timeout. The `session-cookie-only` defect reads the JSESSIONID cookie
 * instead, as a servlet container's own session would, and ignores the header.
 */
function presented(c: Context, state: HmcState, header: string | undefined): HmcSession | undefined {
  if (!state.context.defect("session-cookie-only")) return state.find(header, { touch: true });
  const cookie = getCookie(c, "JSESSIONID");
  return cookie ? state.findByCookie(cookie) : undefined;
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
  const session = presented(c, state, token);
  if (session) return { username: session.user, token: session.id };
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
