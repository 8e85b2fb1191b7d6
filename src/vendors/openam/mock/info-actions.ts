import { type ActionContext, accessibleTarget, crashed, touch } from "./action-context.ts";
import { callerSession } from "./caller.ts";
import { crestError } from "./crest.ts";
import type { AmSession } from "./state.ts";
import { forkRefreshAnswer, sessionInfo, validAnswer } from "./views.ts";

/**
 * A dead target of getSessionInfo, …AndResetIdleTime or refresh: 200 {"valid":false} in the
 * OpenAM fork (SessionResourceUtil.invalidSession); AM 7/8 "may return an error code instead"
 * (UNCERTAIN, wire notes §2.3), so the deployment's answer is a variant.
 */
const invalid = (ctx: ActionContext) => () => {
  const answer = ctx.state.settings.invalidTarget;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: 200 {valid:false}, 400 and 401 are all legal answers for a dead target (UNCERTAIN, wire notes §2.3); the suites accept each.
  if (answer === "400") return crestError(ctx.c, 400, "Invalid session ID");
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: as above.
  if (answer === "401") return crestError(ctx.c, 401, "Invalid session");
  return ctx.c.json({ valid: false });
};

/**
 * validate (AM-02): no caller session needed; 200 either way. Probing a token is not using it,
 * so it never resets idle time. The validate-after-logout defect answers from a stale copy of
 * a logged-out session, like a cache that missed the logout.
 */
export function validate(ctx: ActionContext): Response {
  const { tokenId } = ctx.body;
  const { defect } = ctx.state.context;
  const credential = ctx.callerCredential;
  // The validate-reads-caller defect: the caller's token, where sent, wins over the body's (SessionResourceV2 reads tokenId first).
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: an empty tokenId read as absent (400 without a caller) or as a token no session has ({valid:false}): AM documents neither; the validate-reads-caller guard is false with the defect off.
  const named = typeof tokenId === "string" && tokenId !== "" && !(defect("validate-reads-caller") && credential) ? tokenId : undefined;
  // Stryker disable next-line ConditionalExpression,BooleanLiteral: false whatever named is, with the missing-tokenid-crashes defect off.
  if (!named && defect("missing-tokenid-crashes")) return crashed(ctx);
  // The validate-needs-caller defect: the authentication filter without validate's exception (AM-02).
  // Stryker disable next-line all: only the validate-needs-caller defect looks for a caller here.
  if (defect("validate-needs-caller") && !ctx.state.sessions.find(credential?.token, { touch: false }))
    return crestError(ctx.c, 401, "Access Denied");
  const token = named ?? credential?.token;
  if (!token) return crestError(ctx.c, 400, "iPlanetDirectoryCookie not set on request");
  // Stryker disable next-line ObjectLiteral: a lookup without touch does not touch either.
  const session = named ? ctx.state.sessions.find(named, { touch: false }) : callerSession(ctx.state, credential, { touch: false });
  if (session) return ctx.c.json(validAnswer(session));
  const stale = defect("validate-after-logout") ? ctx.state.staleCopy(token) : undefined;
  return ctx.c.json(stale ? validAnswer(stale) : { valid: false });
}

/** getSessionInfo (AM-03): reads without resetting idle time — an app may poll it without keeping the session alive. */
export function getSessionInfo(ctx: ActionContext): Response {
  // The getsessioninfo-reads-caller defect: the authenticated session stands in for the one the body names.
  // Stryker disable next-line ConditionalExpression: whether a caller is there matters only with the getsessioninfo-reads-caller defect on.
  const target = ctx.state.context.defect("getsessioninfo-reads-caller") && ctx.caller ? ctx.caller : accessibleTarget(ctx, invalid(ctx));
  if (target instanceof Response) return target;
  if (ctx.state.context.defect("getsessioninfo-resets-idle")) touch(ctx, target);
  return ctx.c.json(sessionInfo(ctx.state, target));
}

/**
 * getSessionInfoAndResetIdleTime (AM-04) and refresh are not named by the authorization
 * module in the notes; they get getSessionInfo's rule (owner or admin), the cautious reading.
 */
/** getSessionInfoAndResetIdleTime (AM-04): the same answer, and the target's idle timer starts again. */
export function getSessionInfoAndResetIdleTime(ctx: ActionContext): Response {
  const target = accessibleTarget(ctx, invalid(ctx));
  if (target instanceof Response) return target;
  const { defect } = ctx.state.context;
  // Stryker disable next-line ConditionalExpression: whether a caller is there matters only with the reset-idle-resets-caller defect on.
  if (defect("reset-idle-resets-caller") && ctx.caller) touch(ctx, ctx.caller);
  else if (!defect("reset-idle-ignored")) resetIdle(ctx, target);
  return ctx.c.json(sessionInfo(ctx.state, target));
}

/**
 * refresh (AM-09): resets idle time only when more than the latest-access update frequency
 * has passed since the last access; otherwise a no-op. Answers the getSessionInfo shape, as
 * AM 7/8 probably does, or the OpenAM fork's fields (UNCERTAIN, wire notes §2.3: a variant).
 */
export function refresh(ctx: ActionContext): Response {
  const target = accessibleTarget(ctx, invalid(ctx));
  if (target instanceof Response) return target;
  const sinceAccess = ctx.state.context.clock.now() - target.lastUsedAt;
  // Stryker disable next-line EqualityOperator: a frequency configured in seconds is not asserted to the millisecond.
  if (sinceAccess > ctx.state.settings.refreshThrottleMs || ctx.state.context.defect("refresh-ignores-throttle")) resetIdle(ctx, target);
  return ctx.c.json(
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: both shapes are legal refresh answers (UNCERTAIN, wire notes §2.3); the suites accept each.
    ctx.state.settings.refreshShape === "openam-fork" ? forkRefreshAnswer(ctx.state, target) : sessionInfo(ctx.state, target),
  );
}

/** Starts the target's idle timer again; under the idle-reset-per-user defect, that of every session of its user. */
function resetIdle(ctx: ActionContext, target: AmSession): void {
  const reset = ctx.state.context.defect("idle-reset-per-user") ? ctx.state.sessionsOf(target.data.universalId) : [target];
  for (const session of reset) touch(ctx, session);
}
