import type { Context } from "hono";
import { httpError } from "./errors.ts";
import { type HmcState, seededUsers } from "./state.ts";

export interface Principal {
  username: string;
  /** The X-API-Session that authorized the call; undefined when the `session-not-checked` defect let it through. */
  token: string | undefined;
}

/**
 * Authorizes a request by its `X-API-Session` header (HMC-05), counting it as use for
 * the idle timeout. Refusals are 401 by default, as pypowervm, the ruby SDK and hmci
 * all expect; `badSessionStatus=403` follows IBM's RequestHeaders page instead
 * (reason code 4 = header missing, 5 = session invalid). HMC-06 keeps the code OPEN.
 */
export function requireSession(c: Context, state: HmcState): Principal | Response {
  const token = c.req.header("x-api-session")?.trim() || undefined;
  const session = state.find(token, { touch: true });
  if (session) return { username: session.user, token: session.id };
  if (state.context.defect("session-not-checked")) return { username: seededUsers.default?.username ?? "hscroot", token: undefined };
  const forbidden = state.context.config.options.badSessionStatus === "403";
  const now = state.context.clock.now();
  if (token === undefined) {
    return httpError(c, now, {
      status: forbidden ? 403 : 401,
      reasonCode: forbidden ? "4" : "Unauthorized.",
      message: "The request has no X-API-Session header; log on with PUT /rest/api/web/Logon first.",
    });
  }
  return httpError(c, now, {
    status: forbidden ? 403 : 401,
    reasonCode: forbidden ? "5" : "Unauthorized.",
    message: "The X-API-Session is not valid: it has expired, was logged off, or was never issued.",
  });
}
