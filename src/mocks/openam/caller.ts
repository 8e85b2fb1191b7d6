import type { Context } from "hono";
import type { AmSession, OpenamState } from "./state.ts";

/**
 * The caller's SSO token: the cookie first, then the header named like the cookie
 * (`iPlanetDirectoryPro: <tok>`, the form AM's docs and the JS SDK middleware use) —
 * SessionResourceV2's order after the body's tokenId (wire notes §2.1). The body's
 * tokenId names the action's target, never the caller.
 */
export function callerCredential(c: Context, cookieName: string): CallerCredential | undefined {
  for (const pair of (c.req.header("cookie") ?? "").split(";")) {
    const at = pair.indexOf("=");
    if (at > 0 && pair.slice(0, at).trim() === cookieName) {
      const value = pair.slice(at + 1).trim();
      if (value) return { token: value, via: "cookie" };
    }
  }
  const header = c.req.header(cookieName)?.trim();
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
