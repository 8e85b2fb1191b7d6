import type { Context } from "hono";
import { type CallerCredential, mayAccess } from "./caller.ts";
import { crestError } from "./crest.ts";
import type { AmSession, OpenamState } from "./state.ts";

export interface ActionContext {
  c: Context;
  state: OpenamState;
  body: Record<string, unknown>;
  /** The caller's live session; set for every action but validate. */
  caller?: AmSession;
  /** The caller's token as sent (cookie or header), live or not. */
  callerCredential?: CallerCredential;
}

/**
 * The action's target token: the body's `tokenId`. When it is absent, validate and logout act
 * on the caller's own token (SessionResourceV2; the SDK logs out with no body). The other
 * actions declare `tokenId` required (amster schema, AM-11): 400, unless the deployment is set
 * to the managing-sessions-REST wording ("the token in the header by default", option missingTokenId=caller).
 */
export function targetToken(ctx: ActionContext, fallsBackToCaller: boolean): string | Response {
  const { tokenId } = ctx.body;
  if (tokenId !== undefined && typeof tokenId !== "string") return crestError(ctx.c, 400, 'The "tokenId" field must be a string');
  if (tokenId) return tokenId;
  if (ctx.state.context.defect("missing-tokenid-crashes")) return crashed(ctx);
  // Stryker disable next-line OptionalChaining: every action that gets here has a caller's credential (the authentication filter ran first).
  const callerToken = ctx.callerCredential?.token;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,StringLiteral: acting on the caller and 400 are both legal answers to a missing tokenId (AM-11: the amster schema vs the server source); the suites accept either.
  if ((fallsBackToCaller || ctx.state.settings.missingTokenId === "caller") && callerToken) return callerToken;
  return crestError(ctx.c, 400, 'The "tokenId" field is required');
}

/**
 * The live target session for an action that reads or changes another session, with the
 * ownership check (403). `missing` answers for a token that is not live. Never counts as
 * use of the target: callers that reset idle time touch it themselves.
 */
export function accessibleTarget(ctx: ActionContext, missing: () => Response): AmSession | Response {
  const token = targetToken(ctx, false);
  if (token instanceof Response) return token;
  // Stryker disable next-line ObjectLiteral: a lookup without touch does not touch either.
  const target = ctx.state.sessions.find(token, { touch: false });
  if (!target) return missing();
  if (ctx.caller && !mayAccess(ctx.state, ctx.caller, target)) return crestError(ctx.c, 403, "Forbidden");
  return target;
}

/** Counts this request as use of the session (resets its idle timer). */
export function touch(ctx: ActionContext, session: AmSession): void {
  ctx.state.sessions.find(session.id, { touch: true });
}

/** The missing-tokenid-crashes defect: a null tokenId dereferenced, as an unguarded handler would (AM-11). */
// Stryker disable next-line BlockStatement: only the missing-tokenid-crashes defect calls it.
export function crashed(ctx: ActionContext): Response {
  return crestError(ctx.c, 500, "Internal Server Error");
}
