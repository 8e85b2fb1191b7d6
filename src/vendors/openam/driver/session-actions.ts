import type { ActionSpec, DriverContext, Session } from "../../../vendor-api/driver.ts";
import { realmFor, send, sessionsRequest, settings, versionHeader } from "./wire.ts";

/**
 * The /json/sessions actions. Common `with:` arguments:
 * - `tokenId`: the TARGET token (default: the step session's own); capture another
 *   session's `body.tokenId` at its login to act on it;
 * - `body`: replaces the whole request body (negative cases: no tokenId, a non-array…);
 * - `caller: none`: send no caller token even though the step has a session (the 401 case);
 * - `apiVersion`: the Accept-API-Version (`4.0` or a full header value);
 * - `realm`: the realm path of the endpoint (default: the session's realm).
 */
type Args = Record<string, unknown>;

function targetToken(ctx: DriverContext, session: Session | undefined, args: Args): string | undefined {
  if (typeof args.tokenId === "string") {
    ctx.secret(args.tokenId, "token");
    return args.tokenId;
  }
  return session?.state.token;
}

/** The request body: `with.body` as given, else the computed one. */
function bodyOf(args: Args, computed: () => unknown): unknown {
  return Object.hasOwn(args, "body") ? args.body : computed();
}

function call(ctx: DriverContext, session: Session | undefined, args: Args, action: string, body: unknown, label: string) {
  const caller = args.caller === "none" ? undefined : session;
  const apiVersion = typeof args.apiVersion === "string" ? { apiVersion: versionHeader(args.apiVersion) } : {};
  const request = sessionsRequest(ctx, { action, body, realm: realmFor(ctx, session, args), ...apiVersion });
  return send(ctx, request, label, caller);
}

/** An action whose body is `{tokenId}` plus `extra` fields, run as the step's session. */
function tokenAction(
  action: string,
  description: string,
  extra: (ctx: DriverContext, args: Args) => Record<string, unknown> = () => ({}),
): ActionSpec {
  return {
    description,
    needsSession: true,
    async run(ctx, session, args) {
      const body = bodyOf(args, () => ({ tokenId: targetToken(ctx, session, args), ...extra(ctx, args) }));
      return { exchange: await call(ctx, session, args, action, body, action) };
    },
  };
}

const properties = (_ctx: DriverContext, args: Args) =>
  args.properties && typeof args.properties === "object" ? (args.properties as Record<string, unknown>) : {};

export const sessionActions: Record<string, ActionSpec> = {
  validate: {
    description:
      "POST sessions/?_action=validate {tokenId}: needs no caller, so none is sent; the step's session gives the default tokenId",
    needsSession: false,
    async run(ctx, session, args) {
      const body = bodyOf(args, () => ({ tokenId: targetToken(ctx, session, args) }));
      return { exchange: await call(ctx, undefined, args, "validate", body, "validate") };
    },
  },
  "get-session-info": tokenAction("getSessionInfo", "POST ?_action=getSessionInfo {tokenId} (must not reset idle time)"),
  "get-session-info-and-reset-idle-time": tokenAction(
    "getSessionInfoAndResetIdleTime",
    "POST ?_action=getSessionInfoAndResetIdleTime {tokenId}",
  ),
  "get-session-properties": tokenAction("getSessionProperties", "POST ?_action=getSessionProperties {tokenId}"),
  "update-session-properties": tokenAction(
    "updateSessionProperties",
    "POST ?_action=updateSessionProperties {tokenId, …with.properties}",
    properties,
  ),
  refresh: tokenAction("refresh", "POST ?_action=refresh {tokenId} (throttled by the latest-access update frequency)"),
  "logout-by-handle": {
    description: "POST ?_action=logoutByHandle {sessionHandles: with.sessionHandles} (admin only)",
    needsSession: true,
    async run(ctx, session, args) {
      const handles = args.sessionHandles;
      // A handle is enough to end a session: keep handles out of reports.
      for (const h of Array.isArray(handles) ? handles : [handles]) if (typeof h === "string") ctx.secret(h, "session-handle");
      const body = bodyOf(args, () => ({ sessionHandles: handles }));
      return { exchange: await call(ctx, session, args, "logoutByHandle", body, "logoutByHandle") };
    },
  },
  query: {
    description: "GET sessions?_queryFilter=<with.filter, default true> (admin only)",
    needsSession: true,
    async run(ctx, session, args) {
      const caller = args.caller === "none" ? undefined : session;
      const filter = typeof args.filter === "string" ? args.filter : "true";
      const apiVersion = typeof args.apiVersion === "string" ? { apiVersion: versionHeader(args.apiVersion) } : {};
      const request = sessionsRequest(ctx, { filter, realm: realmFor(ctx, session, args), ...apiVersion });
      return { exchange: await send(ctx, request, "query", caller) };
    },
  },
  "server-info": {
    description:
      "GET serverinfo/<with.id, default *> (Accept-API-Version resource=1.1, or with.apiVersion): where frodo-lib learns the SSO cookie's name (*) and the release (version); needs no session",
    needsSession: false,
    async run(ctx, _session, args) {
      const version = typeof args.apiVersion === "string" ? versionHeader(args.apiVersion) : "resource=1.1";
      const id = typeof args.id === "string" ? args.id : "*";
      const request = {
        method: "GET",
        url: ctx.url(`${settings(ctx).contextPath}/json/serverinfo/${encodeURIComponent(id).replace("%2A", "*")}`),
        headers: { accept: "application/json", "accept-api-version": version },
      };
      return { exchange: await ctx.send(request, { label: "serverinfo" }) };
    },
  },
  "sessions-action": {
    description: "POST ?_action=<with.action> with with.body as given, as the step's session if it has one (unknown actions, raw bodies)",
    needsSession: false,
    async run(ctx, session, args) {
      const action = typeof args.action === "string" ? args.action : "";
      return { exchange: await call(ctx, session, args, action, args.body ?? {}, `action ${action}`) };
    },
  },
};
