import type { HttpResponse } from "../http/exchange.ts";
import { setCookiePair } from "../http/cookie-jar.ts";

/** A request as recorded (evidence/recordings): below the API's base path, secrets as `{{placeholders}}`. */
export interface RecordedRequest {
  method: string;
  /** Below the API's base path (a real server's context path is not part of it). */
  path: string;
  headers?: Record<string, string>;
  /** A JSON body; `text` for any other. */
  body?: unknown;
  text?: string;
}

/**
 * What the fidelity checks need to know of one vendor's wire: where a request carries its
 * credential, how a login is written, which answers' values stand for a recording's
 * placeholders, and which response headers matter beside the content type.
 */
export interface EvidenceProfile {
  /** The placeholder a recording writes for the login's credential (`token`, `session`, `jsessionid`): a HAR's login answer binds it. */
  placeholder: string;
  /** Request headers (lower-case) that carry a session credential. */
  carrierHeaders: readonly string[];
  /** Cookies that carry a session credential (also the session cookies compared on answers). */
  carrierCookies: readonly string[];
  /** JSON request-body keys that name a session by its token. */
  tokenBodyKeys: readonly string[];
  /** Request headers whose value changes what a server answers (an API version). */
  keyHeaders: readonly string[];
  /** Response headers compared besides the content type. */
  notableHeaders: readonly string[];
  /** The user name and password a login request carries, if it is one. */
  credentials(request: { headers: Record<string, string>; text: string }): { username: string; password: string } | undefined;
  /** Placeholder name → the value the mock's answer gives it (`token` → the new session's token). */
  bind(response: HttpResponse, path?: string): Record<string, string>;
  /** A login written like the vendor's clients write it: replayed first when a recording starts with a session open. */
  login: RecordedRequest;
  /** A logout of the session `login` opened: for a recording of what a server answers an ended session. */
  logout?: RecordedRequest;
  /** Where the API sits below a mock's root for these options, when the mock does not say (AM's context path). */
  basePath?(options: Readonly<Record<string, string | undefined>>): string;
}

/** Helpers a vendor's profile reads requests and answers with. */
export const formField = (text: string, name: string) => new URLSearchParams(text).get(name) ?? undefined;
export const xmlText = (text: string, element: string) => new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>([^<]*)<`).exec(text)?.[1];
export function jsonField(text: string, key: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)?.[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
export const header = (headers: Record<string, string>, name: string) => headers[name] ?? headers[name.toLowerCase()];
export const pair = (username: string | undefined, password: string | undefined) =>
  username !== undefined && password !== undefined ? { username, password } : undefined;
export function cookieValue(response: HttpResponse, name: string): string | undefined {
  for (const h of response.setCookies) {
    const p = setCookiePair(h);
    if (p?.name === name && p.value) return p.value;
  }
  return undefined;
}
export function bound(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}
