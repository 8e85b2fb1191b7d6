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
  const { defect } = ctx.state.context;
  const credential = ctx.callerCredential;
  // The validate-reads-caller defect: the caller's token, where sent, wins over the body's (SessionResourceV2 reads tokenId first).
  const named = typeof tokenId === "string" && tokenId !== "" && !(defect("validate-reads-caller") && credential) ? tokenId : undefined;
  if (!named && defect("missing-tokenid-crashes")) return crashed(ctx);
  // The validate-needs-caller defect: the authentication filter without validate's exception (AM-02).
  if (defect("validate-needs-caller") && !ctx.state.sessions.find(credential?.token, { touch: false }))
    return crestError(ctx.c, 401, "Access Denied");
  const token = named ?? credential?.token;
  if (!token) return crestError(ctx.c, 400, "iPlanetDirectoryCookie not set on request");
  const session = named ? ctx.state.sessions.find(named, { touch: false }) : callerSession(ctx.state, credential, { touch: false });
  if (session) return ctx.c.json(validAnswer(session));
  const stale = defect("validate-after-logout") ? ctx.state.staleCopy(token) : undefined;
  return ctx.c.json(stale ? validAnswer(stale) : { valid: false });
}

/** getSessionInfo (AM-03): reads without resetting idle time — an app may poll it without keeping the session alive. */
export function getSessionInfo(ctx: ActionContext): Response {
  // The getsessioninfo-reads-caller defect: the authenticated session stands in for the one the body names.
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
  if (sinceAccess > ctx.state.settings.refreshThrottleMs || ctx.state.context.defect("refresh-ignores-throttle")) resetIdle(ctx, target);
  return ctx.c.json(
    ctx.state.settings.refreshShape === "openam-fork" ? forkRefreshAnswer(ctx.state, target) : sessionInfo(ctx.state, target),
  );
}

/** Starts the target's idle timer again; under the idle-reset-per-user defect, that of every session of its user. */
function resetIdle(ctx: ActionContext, target: AmSession): void {
  const reset = ctx.state.context.defect("idle-reset-per-user") ? ctx.state.sessionsOf(target.data.universalId) : [target];
  for (const session of reset) touch(ctx, session);
}
