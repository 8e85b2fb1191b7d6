import { parseSetCookie, serverTime } from "../http/cookie-jar.ts";
import type { Exchange, HttpResponse } from "../http/exchange.ts";
import { bodyShape } from "./body-shape.ts";
import type { Scrubber } from "./stable-text.ts";
import type { CookieShape, ExchangeRecord, ExchangeRole } from "./types.ts";

/** Header values kept beside the names: versions, a stable fact an upgrade changes (AM's Content-API-Version). */
const VERSION_HEADER = /version/i;

/**
 * Left out of the header names: how the bytes travelled (hop-by-hop headers, framing), which
 * a proxy or a keep-alive setting changes without the API changing; set-cookie is under cookies.
 */
const TRANSPORT_HEADERS = new Set([
  "set-cookie",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-length",
  "te",
  "trailer",
  "upgrade",
  "proxy-connection",
]);

/** `Application/JSON;Charset=UTF-8` and `application/json; charset=utf-8` are the same type. */
export function normalizeContentType(value: string | undefined): string | null {
  if (value === undefined || value.trim() === "") return null;
  const [type = "", ...params] = value.split(";").map((part) => part.trim());
  const normalized = params.filter(Boolean).map((param) => {
    const eq = param.indexOf("=");
    if (eq < 0) return param.toLowerCase();
    const name = param.slice(0, eq).trim().toLowerCase();
    const raw = param.slice(eq + 1).trim();
    return `${name}=${name === "charset" ? raw.toLowerCase() : raw}`;
  });
  return [type.toLowerCase(), ...normalized].join("; ");
}

/** Method and path, query keys without their values (nocache counters, tokens). */
function requestLine(exchange: Exchange, scrub: Scrubber): string {
  const url = new URL(exchange.request.url);
  const keys = [...new Set(url.searchParams.keys())];
  const query = keys.length ? `?${keys.map((k) => `${k}=…`).join("&")}` : "";
  return `${exchange.request.method} ${scrub(safeDecode(url.pathname))}${query}`;
}

function safeDecode(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function cookies(response: HttpResponse, harnessNow: number, scrub: Scrubber): Record<string, CookieShape> {
  const now = serverTime(response.headers, harnessNow);
  const out: Record<string, CookieShape> = {};
  for (const header of response.setCookies) {
    const cookie = parseSetCookie(header, now);
    if (!cookie) continue;
    const shape: CookieShape = {
      httpOnly: cookie.httpOnly,
      secure: cookie.secure,
      cleared: cookie.cleared,
      expires: cookie.expires !== undefined,
    };
    if (cookie.path) shape.path = cookie.path;
    if (cookie.domain) shape.domain = scrub(cookie.domain);
    if (cookie.sameSite) shape.sameSite = cookie.sameSite.toLowerCase();
    if (cookie.maxAge !== undefined) shape.maxAge = cookie.maxAge;
    out[scrub(cookie.name)] = shape;
  }
  return out;
}

/** What one exchange showed, as shapes; `harnessNow` judges cookie expiry when the server sends no Date. */
export function exchangeRecord(
  exchange: Exchange,
  meta: { role: ExchangeRole; verdict?: string | undefined; harnessNow: number; scrub: Scrubber },
): ExchangeRecord {
  const { response } = exchange;
  const { scrub } = meta;
  const body = bodyShape(response, scrub);
  const values = { ...body.values };
  for (const [name, value] of Object.entries(response.headers)) {
    if (VERSION_HEADER.test(name)) values[`header ${name}`] = scrub(value);
  }
  const record: ExchangeRecord = {
    label: scrub(exchange.label),
    role: meta.role,
    request: requestLine(exchange, scrub),
    status: response.status,
    contentType: normalizeContentType(response.headers["content-type"]),
    headers: Object.keys(response.headers)
      .map((name) => name.toLowerCase())
      .filter((name) => !TRANSPORT_HEADERS.has(name))
      .sort(),
    cookies: cookies(response, meta.harnessNow, scrub),
    body: body.shape,
    values,
  };
  if (meta.verdict !== undefined) record.verdict = meta.verdict;
  return record;
}
