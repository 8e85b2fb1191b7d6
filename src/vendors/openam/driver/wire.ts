import { setCookiePair } from "../../../http/cookie-jar.ts";
import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import type { DriverContext, Session } from "../../../vendor-api/driver.ts";
import { optionOf } from "./options.ts";

/**
 * AM's wire details shared by login, the actions and the probe: where the REST paths live
 * (context path, realm), which resource versions to ask for, and how the caller's token travels.
 */

/** AM asks for these versions of authenticate and sessions; every AM 7–8.1 release accepts them (wire notes §2.2). */
const AUTHENTICATE_VERSION = "resource=2.0, protocol=1.0";
const SESSIONS_VERSION = "resource=4.0, protocol=1.0";

/** The deployment's settings from the target's `options:` (the documented defaults otherwise). */
export function settings(ctx: DriverContext) {
  const o = ctx.target.options;
  return {
    cookieName: optionOf(o, "cookieName") || "iPlanetDirectoryPro",
    contextPath: contextPrefix(ctx.target.baseUrl, optionOf(o, "contextPath")),
    realm: "/",
    authApiVersion: AUTHENTICATE_VERSION,
    sessionsApiVersion: SESSIONS_VERSION,
  };
}

/**
 * What goes between baseUrl and `/json`: the context path, unless the baseUrl already ends
 * with it (`https://host/am` with contextPath /am), so both ways of writing a target work.
 */
export function contextPrefix(baseUrl: string, contextPath: string): string {
  const prefix = contextPath.replace(/\/+$/, "");
  if (prefix === "") return "";
  const basePath = new URL(baseUrl).pathname.replace(/\/+$/, "");
  return basePath.endsWith(prefix) ? "" : prefix;
}

/** `4.0` → `resource=4.0, protocol=1.0`; a full header value is kept as it is. */
export function versionHeader(value: string): string {
  return value.includes("=") ? value : `resource=${value}, protocol=1.0`;
}

/** `/`, `root`, `alpha`, `/alpha/beta` → `/json/realms/root[/realms/<sub>…]`. */
export function realmPath(realm: string): string {
  const parts = realm.split("/").filter((p) => p !== "" && p !== "root");
  return `/json/realms/root${parts.map((p) => `/realms/${encodeURIComponent(p)}`).join("")}`;
}

/** The realm a session lives in (kept at login), or the step's `with: { realm }`. */
export function realmFor(ctx: DriverContext, session: Session | undefined, args: Record<string, unknown>): string {
  if (typeof args.realm === "string") return args.realm;
  return session?.state.realm ?? settings(ctx).realm;
}

export interface SessionsCall {
  /** `_action=<name>` (POST), or a query filter (GET) when `filter` is set. */
  action?: string;
  filter?: string;
  body?: unknown;
  realm: string;
  /** The Accept-API-Version value; the target's sessions version by default. */
  apiVersion?: string;
}

/** A request to `<context>/json/realms/root[/realms/…]/sessions/`. */
export function sessionsRequest(ctx: DriverContext, call: SessionsCall): HttpRequest {
  const s = settings(ctx);
  const base = `${s.contextPath}${realmPath(call.realm)}/sessions`;
  const headers: Record<string, string> = { accept: "application/json", "accept-api-version": call.apiVersion ?? s.sessionsApiVersion };
  if (call.filter !== undefined) return { method: "GET", url: ctx.url(base, { _queryFilter: call.filter }), headers };
  const request: HttpRequest = {
    method: "POST",
    url: ctx.url(`${base}/`, call.action === undefined ? {} : { _action: call.action }),
    headers,
  };
  if (call.body !== undefined) {
    headers["content-type"] = "application/json";
    request.body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
  }
  return request;
}

/** Adds the caller's token as the header named like the SSO cookie (the form AM's docs use). */
export function withCaller(ctx: DriverContext, session: Session, request: HttpRequest): HttpRequest {
  const token = session.state.token;
  return token ? { ...request, headers: { ...request.headers, [settings(ctx).cookieName]: token } } : request;
}

/** Sends as the session (its cookie jar and header), or as nobody. */
export function send(ctx: DriverContext, request: HttpRequest, label: string, caller: Session | undefined): Promise<Exchange> {
  return caller ? ctx.send(withCaller(ctx, caller, request), { label, session: caller }) : ctx.send(request, { label });
}

/** The SSO cookie's value among the response's Set-Cookie headers (when the body carries no tokenId). */
export function cookieToken(exchange: Exchange, cookieName: string): string | undefined {
  for (const line of exchange.response.setCookies) {
    const pair = setCookiePair(line);
    if (pair?.name === cookieName) return pair.value || undefined;
  }
  return undefined;
}
