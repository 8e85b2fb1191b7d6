import { type ActionContext, accessibleTarget, crashed, touch } from "./action-context.ts";
import { crestError } from "./crest.ts";
import { forkRefreshAnswer, sessionInfo, validAnswer } from "./views.ts";

/**
 * A dead target of getSessionInfo, …AndResetIdleTime or refresh: 200 {"valid":false} in the
 * OpenAM fork (SessionResourceUtil.invalidSession); AM 7/8 "may return an error code instead"
 * (UNCERTAIN, wire notes §2.3), so the deployment's answer is a variant.
 */
const invalid = (ctx: ActionContext) => () => {
  const answer = ctx.state.settings.invalidTarget;
  if (answer === "400") return crestError(ctx.c, 400, "Invalid session ID");
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
  const named = typeof tokenId === "string" && tokenId !== "" ? tokenId : undefined;
  if (!named && ctx.state.context.defect("missing-tokenid-crashes")) return crashed(ctx);
  // The validate-needs-caller defect: the authentication filter without validate's exception (AM-02).
  if (ctx.state.context.defect("validate-needs-caller") && !ctx.state.sessions.find(ctx.callerToken, { touch: false }))
    return crestError(ctx.c, 401, "Access Denied");
  const token = named ?? ctx.callerToken;
  if (!token) return crestError(ctx.c, 400, "iPlanetDirectoryCookie not set on request");
  const session = ctx.state.sessions.find(token, { touch: false });
  if (session) return ctx.c.json(validAnswer(session));
  const stale = ctx.state.context.defect("validate-after-logout") ? ctx.state.staleCopy(token) : undefined;
  return ctx.c.json(stale ? validAnswer(stale) : { valid: false });
}

/** getSessionInfo (AM-03): reads without resetting idle time — an app may poll it without keeping the session alive. */
export function getSessionInfo(ctx: ActionContext): Response {
  const target = accessibleTarget(ctx, invalid(ctx));
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
  if (!ctx.state.context.defect("reset-idle-ignored")) touch(ctx, target);
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
  if (sinceAccess > ctx.state.settings.refreshThrottleMs || ctx.state.context.defect("refresh-ignores-throttle")) touch(ctx, target);
  return ctx.c.json(
    ctx.state.settings.refreshShape === "openam-fork" ? forkRefreshAnswer(ctx.state, target) : sessionInfo(ctx.state, target),
  );
}
