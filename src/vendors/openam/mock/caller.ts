import type { Context } from "hono";
import type { AmSession, OpenamState } from "./state.ts";

/**
 * The caller's SSO token: the cookie first, then the header named like the cookie
 * (`iPlanetDirectoryPro: <tok>`, the form AM's docs and the JS SDK middleware use) —
 * SessionResourceV2's order after the body's tokenId (wire notes §2.1). The body's
 * tokenId names the action's target, never the caller.
 */
export function callerCredential(c: Context, cookieName: string): CallerCredential | undefined {
  // Stryker disable next-line StringLiteral: with no Cookie header, any stand-in without the cookie's name finds no cookie.
  for (const pair of (c.req.header("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a pair with no name or no "=" names no cookie either way (no client sends one whose clipped text is the SSO cookie's name).
    if (at > 0 && pair.slice(0, at).trim() === cookieName) {
      // Stryker disable next-line MethodExpression: a client's Cookie header has no blanks around a value.
      const value = pair.slice(at + 1).trim();
      // Stryker disable next-line StringLiteral: which carrier brought the token matters only to the logout-cookie-still-valid defect.
      if (value) return { token: value, via: "cookie" };
    }
  }
  // Stryker disable next-line MethodExpression: the HTTP parser already strips blanks around a header value.
  const header = c.req.header(cookieName)?.trim();
  // Stryker disable next-line StringLiteral: which carrier brought the token matters only to the logout-cookie-still-valid defect.
  return header ? { token: header, via: "header" } : undefined;
}

/** The caller's token and which of AM's two carriers brought it. */
export interface CallerCredential {
  token: string;
  via: "cookie" | "header";
}

/**
 * The live session the caller's token names. The logout-cookie-still-valid defect answers a
 * cookie-borne token from a cache the logout did not clear, so the ended session still works
 * as a cookie while the header form is refused.
 */
export function callerSession(
  state: OpenamState,
  credential: CallerCredential | undefined,
  options: { touch: boolean },
): AmSession | undefined {
  const live = state.sessions.find(credential?.token, options);
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: with the logout-cookie-still-valid defect off the test is true whatever the session and carrier.
  if (live || credential?.via !== "cookie" || !state.context.defect("logout-cookie-still-valid")) return live;
  return state.staleCopy(credential.token);
}

/**
 * May this caller read or change that session? Its owner may (same universalId, so a user's
 * other sessions count), an administrator may, nobody else (SessionResourceAuthzModule, AM-12).
 */
export function mayAccess(state: OpenamState, caller: AmSession, target: AmSession): boolean {
  return caller.data.admin || caller.data.universalId === target.data.universalId || state.context.defect("no-admin-checks");
}

/** Admin-only actions (query, logoutByHandle). */
export function isAdmin(state: OpenamState, caller: AmSession): boolean {
  return caller.data.admin || state.context.defect("no-admin-checks");
}
