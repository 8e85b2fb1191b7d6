import type { Context } from "hono";
import type { ActionContext } from "./action-context.ts";
import { negotiate } from "./api-version.ts";
import { callerCredential, callerSession } from "./caller.ts";
import { crestError, readBody } from "./crest.ts";
import { getSessionInfo, getSessionInfoAndResetIdleTime, refresh, validate } from "./info-actions.ts";
import { logout, logoutByHandle, tokenHasExpired } from "./logout-actions.ts";
import type { AmPath } from "./paths.ts";
import { getSessionProperties, updateSessionProperties } from "./property-actions.ts";
import { querySessions } from "./query.ts";
import type { OpenamState } from "./state.ts";

/**
 * Which requests count as use of the CALLER's session (reset its idle timer). Using a session
 * to call AM is use — except the probes: validate needs no caller at all, getSessionInfo is
 * documented not to reset idle time (AM-03) and a caller asking about its own session must
 * not reset it by being authenticated, and refresh obeys its throttle (AM-09) on the target,
 * which for a self-refresh is the caller. getSessionInfoAndResetIdleTime resets its target
 * itself; touching the caller too would hide a target that is not reset when the two are one.
 * The target's own timer is the actions' business.
 */
// Stryker disable BooleanLiteral: whether an action counts as use of the caller's session is not documented (see the caller's lookup below).
const ACTIONS: Record<string, { touchesCaller: boolean; run: (ctx: ActionContext) => Response }> = {
  // Stryker disable next-line ObjectLiteral: validate is answered before the table is read (it needs no caller).
  validate: { touchesCaller: false, run: validate },
  getSessionInfo: { touchesCaller: false, run: getSessionInfo },
  getSessionInfoAndResetIdleTime: { touchesCaller: false, run: getSessionInfoAndResetIdleTime },
  refresh: { touchesCaller: false, run: refresh },
  getSessionProperties: { touchesCaller: true, run: getSessionProperties },
  updateSessionProperties: { touchesCaller: true, run: updateSessionProperties },
  logout: { touchesCaller: true, run: logout },
  logoutByHandle: { touchesCaller: true, run: logoutByHandle },
};
// Stryker restore BooleanLiteral

const accessDenied = (c: Context) => crestError(c, 401, "Access Denied");

/** `…/sessions[/]`: POST `?_action=<name>` and GET `?_queryFilter=…`. */
export async function sessionsEndpoint(c: Context, state: OpenamState, path: AmPath): Promise<Response> {
  // Per-session URLs (`/sessions/<id>`: read, update, delete, patch) are not supported by AM 7/8.
  if (path.rest.some((segment) => segment !== "")) return crestError(c, 501, "Operation not supported by the sessions resource");
  const refused = negotiate(c, state.settings.sessionVersions, state.context.defect("no-api-version-header"));
  if (refused) return refused;
  const credential = callerCredential(c, state.settings.cookieName);
  if (c.req.method === "GET") {
    // CoreRestRouteProvider: every operation but the validate action needs a caller session (AM-12).
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: whether a call counts as use of the caller's session is documented only for getSessionInfo (it does not) and the reset actions (their target); the suites read no other caller's idle time.
    const caller = callerSession(state, credential, { touch: true });
    return caller ? querySessions(c, state, caller) : accessDenied(c);
  }
  if (c.req.method !== "POST") return crestError(c, 405, `Method ${c.req.method} not allowed on the sessions resource`);
  const name = c.req.query("_action");
  if (!name) return crestError(c, 501, "Create is not supported by the sessions resource");
  const body = await readBody(c);
  if (body instanceof Response) return body;
  const action = Object.hasOwn(ACTIONS, name) ? ACTIONS[name] : undefined;
  // Stryker disable next-line ObjectLiteral: without the caller's credential, validate and logout with no tokenId answer 400, which is as legal as acting on the caller (AM-11).
  const ctx: ActionContext = { c, state, body, ...(credential ? { callerCredential: credential } : {}) };
  if (name === "validate") return validate(ctx);
  // The authentication filter runs before the action is looked up: no session, no 501.
  // Stryker disable next-line ObjectLiteral,LogicalOperator,BooleanLiteral: as for query above: whether these actions count as use of the caller's session is not documented, and the suites read no such caller's idle time.
  const caller =
    callerSession(state, credential, { touch: action?.touchesCaller ?? false }) ?? selfAuthenticatingTarget(state, name, body, credential);
  const token = credential?.token;
  // UNCERTAIN (wire notes §2.3): AM 7/8's filter may answer 401 for a logout whose own header
  // token is dead (the default), or the fork's handler its 200 "Token has expired".
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: either answer to a logout with the caller's own dead token is legal; the suites accept both.
  const deadTokenLogoutAnswered = state.settings.deadTokenLogout === "200";
  if (!caller && token && name === "logout" && deadTokenLogoutAnswered) return tokenHasExpired(c);
  if (!caller) return accessDenied(c);
  if (!action) return crestError(c, 501, `Action ${name} not implemented for this resource`);
  return action.run({ ...ctx, caller });
}

/**
 * getSessionInfo with no caller credential at all: AM 7.5.0, 8.0.1 (classic and platform) and
 * Identity Cloud answer 200 with the info of the live session the body's tokenId names — the
 * token authenticates its own question (frodo-lib's getTokens does exactly this, recorded in
 * evidence/recordings/openam/). The OpenAM fork's route table answers 401 (getSessionInfoCaller=required).
 * Only getSessionInfo is recorded so; the other actions keep the caller rule.
 */
function selfAuthenticatingTarget(
  state: OpenamState,
  name: string,
  body: Record<string, unknown>,
  credential: ReturnType<typeof callerCredential>,
): ReturnType<typeof callerSession> {
  // Stryker disable next-line EqualityOperator,StringLiteral: the body's token answered (AM 7/8) or refused (the OpenAM fork) are both legal (variant openam-fork-caller-rule).
  if (credential || name !== "getSessionInfo" || state.settings.getSessionInfoCaller !== "body-token") return undefined;
  const tokenId = body.tokenId;
  // Stryker disable next-line ConditionalExpression: a tokenId that is no string names no session either way.
  return typeof tokenId === "string" ? state.sessions.find(tokenId, { touch: false }) : undefined;
}
