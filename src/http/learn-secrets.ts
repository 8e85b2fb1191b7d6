import { secrets } from "../redact/secrets.ts";
import { isSensitiveHeader, isSensitiveKey } from "../redact/sensitive.ts";
import type { HttpRequest, HttpResponse } from "./exchange.ts";
import { setCookiePair } from "./cookie-jar.ts";

/**
 * The transport's half of feeding the one secret registry (`secrets` in src/redact): every
 * exchange, before anything is logged or attached, hands over what travels under a
 * credential-bearing name — Authorization, cookies, session headers, JSON keys and XML
 * elements such as `password` or `tokenId`. The other half are the drivers, which register
 * what they mint or extract (`ctx.secret`); this one is the net under them, for a value a
 * driver never looked at.
 */
export function learnExchangeSecrets(req: HttpRequest, res: HttpResponse | undefined): void {
  for (const [name, value] of Object.entries(req.headers)) learnHeader(name, value);
  if (req.body) learnRequestBody(req);
  if (!res) return;
  for (const cookie of res.setCookies) learnSetCookie(cookie);
  for (const [name, value] of Object.entries(res.headers)) if (name !== "set-cookie") learnHeader(name, value);
  if (res.parsed !== undefined) learnFromValue(res.parsed);
}

/** A credential-bearing header's value (Authorization keeps its scheme visible). */
export function learnHeader(name: string, value: string): void {
  const lower = name.toLowerCase();
  if (lower === "set-cookie") {
    learnSetCookie(value);
    return;
  }
  if (!isSensitiveHeader(lower)) return;
  if (lower === "authorization" || lower === "proxy-authorization") {
    const [, credential] = value.match(/^\s*\S+\s+(.+)$/) ?? [];
    secrets.add(credential ?? value, "credential");
    return;
  }
  if (lower === "cookie") {
    // A Cookie header is `name=value` pairs joined by "; " (RFC 6265 §4.2.1); no parser is needed for that.
    for (const pair of value.split(";")) {
      const eq = pair.indexOf("=");
      if (eq > 0) secrets.add(pair.slice(eq + 1).trim(), `cookie:${pair.slice(0, eq).trim()}`);
    }
    return;
  }
  secrets.add(value, lower);
}

function learnSetCookie(header: string): void {
  const pair = setCookiePair(header);
  if (pair) secrets.add(pair.value, `cookie:${pair.name}`);
}

/** Every string under a sensitive key of a parsed JSON or XML body. */
export function learnFromValue(value: unknown, keyName = ""): void {
  if (typeof value === "string") {
    if (keyName && isSensitiveKey(keyName)) secrets.add(value, keyName.replace(/^@_?/, ""));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) learnFromValue(item, keyName);
    return;
  }
  if (value && typeof value === "object") {
    // XML text nodes carry the element's name in keyName.
    for (const [key, inner] of Object.entries(value)) learnFromValue(inner, key === "#text" ? keyName : key);
  }
}

/**
 * What a request body carries under a credential-bearing key: a scenario's raw `request:`
 * (a password update sent by hand, say) goes through no driver that would register it.
 * JSON and form bodies are read; a body that does not parse is left as it is.
 */
function learnRequestBody(req: HttpRequest): void {
  const body = req.body ?? "";
  const type = Object.entries(req.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  if (/x-www-form-urlencoded/i.test(type)) {
    for (const [key, value] of new URLSearchParams(body)) if (value && isSensitiveKey(key)) secrets.add(value, key);
    return;
  }
  const start = body.trimStart()[0];
  if (start !== "{" && start !== "[") return;
  try {
    learnFromValue(JSON.parse(body));
  } catch {
    // Malformed on purpose (a negative case): nothing to read by key.
  }
}
