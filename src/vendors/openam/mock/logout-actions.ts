import { type ActionContext, targetToken } from "./action-context.ts";
import { isAdmin } from "./caller.ts";
import type { Context } from "hono";
import { crestError } from "./crest.ts";

/**
 * logout (AM-06): the body's tokenId, or the caller's own token (the SDK sends no body).
 * Anyone with a session may log out a token they hold. A target that is already gone gets
 * 200 "Token has expired" (LogoutActionHandler); a caller whose own header token is invalid
 * never gets here — the authentication filter answers 401 first.
 */
export function logout(ctx: ActionContext): Response {
  // Stryker disable next-line BooleanLiteral: acting on the caller and 400 are both legal answers to a missing tokenId (AM-11); the suites accept either.
  const token = targetToken(ctx, true);
  if (token instanceof Response) return token;
  // Stryker disable next-line ObjectLiteral,BooleanLiteral: the session found is ended at once, so counting the lookup as use changes nothing.
  const target = ctx.state.sessions.find(token, { touch: false });
  if (!target) return tokenHasExpired(ctx.c);
  const { defect } = ctx.state.context;
  // The logout-ends-caller defect ends the session the request came from, whatever tokenId names.
  // Stryker disable next-line ConditionalExpression: whether a caller is there matters only with the logout-ends-caller defect on.
  const ended = defect("logout-ends-caller") && ctx.caller ? ctx.caller : target;
  if (!ctx.state.logout(ended)) return tokenHasExpired(ctx.c);
  // The logout-ends-user-sessions defect ends the user's other sessions with it.
  if (defect("logout-ends-user-sessions")) for (const s of ctx.state.sessionsOf(ended.data.universalId)) ctx.state.logout(s);
  // With a post-process logout URL configured, the answer carries it as goto (LogoutActionHandler).
  const { logoutGoto } = ctx.state.settings;
  return ctx.c.json(logoutGoto ? { result: "Successfully logged out", goto: logoutGoto } : { result: "Successfully logged out" });
}

/**
 * logoutByHandle (AM-07), admin only: ends each session named by handle. The answer is true
 * per handle, also when the session was already gone (LogoutByHandleActionHandler).
 */
export function logoutByHandle(ctx: ActionContext): Response {
  if (!ctx.caller || !isAdmin(ctx.state, ctx.caller)) return crestError(ctx.c, 403, "Forbidden");
  const handles = ctx.body.sessionHandles;
  if (!Array.isArray(handles) || !handles.every((h): h is string => typeof h === "string")) {
    return crestError(ctx.c, 400, `The "sessionHandles" field is not defined in the request or it's not a JSON array`);
  }
  const result: Record<string, boolean> = {};
  for (const handle of handles) {
    const session = ctx.state.byHandle(handle);
    if (session && !ctx.state.context.defect("logoutbyhandle-noop")) {
      ctx.state.logout(session);
      // The logoutbyhandle-ends-user-sessions defect ends every session of the handle's user.
      if (ctx.state.context.defect("logoutbyhandle-ends-user-sessions"))
        for (const s of ctx.state.sessionsOf(session.data.universalId)) ctx.state.logout(s);
    }
    result[handle] = true;
  }
  return ctx.c.json({ result });
}

/** LogoutActionHandler's answer for a token that is already gone (line 142). */
export const tokenHasExpired = (c: Context) => c.json({ result: "Token has expired" });
