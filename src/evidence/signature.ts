import { XMLValidator } from "fast-xml-parser";
import type { EvidenceProfile } from "../vendor-api/evidence.ts";

/** A request as both worlds can state it: a recording's, and a suite step's sent to a mock. */
export interface PlainRequest {
  method: string;
  /** Below the API's base path, with the query. */
  path: string;
  /** Names lower-case. */
  headers: Record<string, string>;
  text: string;
}

/** What a credential in a request is: a live one, one whose session ended, or one no server issued. */
export type CredentialState = "live" | "ended" | "forged";

export interface SignatureContext {
  profile: EvidenceProfile;
  /** A credential value's state. */
  credential(value: string): CredentialState;
  /** Whether a login's password is the user's right one, at the path it was sent to (AM: the realm the path names). */
  rightPassword(username: string, password: string, path: string): boolean;
}

function route(request: PlainRequest): string {
  const url = new URL(request.path, "http://recorded.invalid");
  const path = url.pathname.replace(/\/+$/, "") || "/";
  // AM's _action names the operation; other parameters count by name (json=true asks for another body), never by value.
  const query = [...new Set(url.searchParams.keys())]
    .filter((key) => key !== "nocache")
    .sort()
    .map((key) => (key === "_action" ? `_action=${url.searchParams.get(key)}` : key));
  return `${request.method.toUpperCase()} ${path}${query.length ? `?${query.join("&")}` : ""}`;
}

function cookies(header: string | undefined): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const at = part.indexOf("=");
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

const squash = (value: string) => value.toLowerCase().replace(/\s+/g, "");

function bodyParts(request: PlainRequest, ctx: SignatureContext, carried: readonly string[]): string[] {
  const text = request.text.trim();
  if (!text) return [];
  const type = squash(request.headers["content-type"] ?? "");
  if (type.includes("json") || text.startsWith("{")) {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return ["body:json-malformed"];
    }
    if (!body || typeof body !== "object" || Array.isArray(body)) return [`body:json-${Array.isArray(body) ? "array" : typeof body}`];
    const record = body as Record<string, unknown>;
    const parts = [`body-keys:${Object.keys(record).sort().join(",")}`];
    for (const key of ctx.profile.tokenBodyKeys) {
      const value = record[key];
      if (typeof value !== "string") continue;
      parts.push(`body-${key}:${ctx.credential(value)}${carried.includes(value) ? "/self" : carried.length ? "/other" : ""}`);
    }
    return parts;
  }
  if (type.includes("x-www-form-urlencoded")) return [`form-keys:${[...new URLSearchParams(text).keys()].sort().join(",")}`];
  if (type.includes("xml") || text.startsWith("<")) {
    if (XMLValidator.validate(text) !== true) return ["body:xml-malformed"];
    return [`xml-root:${/<(?:\?xml[^>]*\?>\s*)?<?(?:[\w.-]+:)?([\w.-]+)/.exec(text.replace(/^<\?xml[^>]*\?>\s*/, ""))?.[1] ?? "?"}`];
  }
  return ["body:text"];
}

/**
 * The request's meaning for the checks: route (with AM's `_action`), content type, the
 * headers that select an API version, each credential carrier and its state, the body's
 * key set and the state of a token it names, and a login's credentials being right or
 * wrong. Two requests with the same signature ask a server the same question.
 */
export function requestSignature(request: PlainRequest, ctx: SignatureContext): string {
  const { profile } = ctx;
  const parts = [route(request)];
  if (request.text.trim()) parts.push(`type:${squash(request.headers["content-type"] ?? "")}`);
  // An API version header is compared by its resource version: the protocol part only selects the authenticate dialect.
  for (const name of profile.keyHeaders) {
    const value = request.headers[name];
    if (value !== undefined) parts.push(`${name}:${/resource=[\d.]+/.exec(squash(value))?.[0] ?? squash(value)}`);
  }
  const carried: string[] = [];
  for (const name of profile.carrierHeaders) {
    const value = request.headers[name]?.replace(/^Bearer\s+/i, "");
    if (value === undefined) continue;
    carried.push(value);
    parts.push(`header-${name}:${ctx.credential(value)}`);
  }
  const jar = cookies(request.headers.cookie);
  for (const name of profile.carrierCookies) {
    const value = jar.get(name);
    if (value === undefined) continue;
    carried.push(value);
    parts.push(`cookie-${name}:${ctx.credential(value)}`);
  }
  parts.push(...bodyParts(request, ctx, carried));
  const login = profile.credentials({ headers: request.headers, text: request.text });
  if (login) parts.push(`credentials:${ctx.rightPassword(login.username, login.password, request.path) ? "right" : "wrong"}`);
  return parts.join(" | ");
}

/** How a recording's placeholders read: `{{token}}` a live credential, `{{ended-…}}` an ended one, `{{password}}` the right password. */
export function recordedContext(profile: EvidenceProfile): SignatureContext {
  return {
    profile,
    credential: (value) => (value.includes("{{ended-") ? "ended" : value.includes("{{") ? "live" : "forged"),
    rightPassword: (_user, password) => password === "{{password}}",
  };
}
