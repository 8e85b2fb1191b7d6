import { secrets } from "./secrets.ts";

/**
 * What counts as sensitive by name, for values the drivers did not register
 * explicitly: header names, JSON keys and XML element names that carry credentials.
 */
const SENSITIVE_HEADER =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-api-session|x-xsrf-token|x-csrf-token|x-openam-password|iplanetdirectorypro|vsessionid)$|token|password|secret|session/i;
const SENSITIVE_KEY = /password|passwd|secret|token|session(id|handle)?$|sessionuid|apikey|api_key|jsessionid|^tokenid$|credential/i;
const NOT_SECRET_KEY = /^(tokenName|tokenType|sessionTimeout|maxSessionTime|maxIdleTime|.*ExpirationTime|.*Date)$/i;

export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADER.test(name);
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEY.test(key) && !NOT_SECRET_KEY.test(key);
}

/** Registers the value of a credential-bearing header (Authorization keeps its scheme visible). */
export function learnHeader(name: string, value: string): void {
  if (!isSensitiveHeader(name)) return;
  const lower = name.toLowerCase();
  if (lower === "authorization" || lower === "proxy-authorization") {
    const [, credential] = value.match(/^\s*\S+\s+(.+)$/) ?? [];
    secrets.add(credential ?? value, "credential");
    return;
  }
  if (lower === "cookie") {
    for (const pair of value.split(";")) learnCookiePair(pair);
    return;
  }
  if (lower === "set-cookie") {
    learnCookiePair(value.split(";")[0] ?? "");
    return;
  }
  secrets.add(value, lower);
}

function learnCookiePair(pair: string): void {
  const eq = pair.indexOf("=");
  if (eq < 0) return;
  secrets.add(pair.slice(eq + 1).trim(), `cookie:${pair.slice(0, eq).trim()}`);
}

/** Walks a parsed JSON or XML body and hands every string under a sensitive key to `found`. */
export function learnFromValueInto(value: unknown, found: (value: string, key: string) => void, keyName = ""): void {
  if (typeof value === "string") {
    if (keyName && isSensitiveKey(keyName)) found(value, keyName.replace(/^@_?/, ""));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) learnFromValueInto(item, found, keyName);
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, inner] of Object.entries(value)) {
      // XML text nodes carry the element's name in keyName.
      learnFromValueInto(inner, found, key === "#text" ? keyName : key);
    }
  }
}

/** Registers every string under a sensitive key of a parsed body as a secret. */
export function learnFromValue(value: unknown): void {
  learnFromValueInto(value, (v, key) => secrets.add(v, key));
}
