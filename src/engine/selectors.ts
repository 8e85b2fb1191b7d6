import { parseSetCookie, serverTime } from "../http/cookie-jar.ts";
import type { HttpResponse } from "../http/exchange.ts";
import { localName } from "../http/xml.ts";

/** Splits `errors[0].message` or `feed.entry[1].@type` into segments. */
export function pathSegments(path: string): (string | number)[] {
  const segments: (string | number)[] = [];
  for (const [, name, index] of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) segments.push(index !== undefined ? Number(index) : (name as string));
  return segments;
}

function child(value: unknown, segment: string | number): unknown {
  if (typeof segment === "number") {
    if (Array.isArray(value)) return value[segment];
    // XML: one element where the path says [0] is that element.
    return segment === 0 ? value : undefined;
  }
  if (Array.isArray(value)) return child(value[0], segment);
  if (!value || typeof value !== "object") return undefined;
  const record = value as Record<string, unknown>;
  if (segment in record) return record[segment];
  // Namespace prefixes never matter to a path: `LogonResponse` finds `ns2:LogonResponse`.
  const key = Object.keys(record).find((k) => localName(k) === segment);
  return key === undefined ? undefined : record[key];
}

/** Resolves a body path in parsed JSON or XML; an XML element with text yields its text. */
export function bodyPath(parsed: unknown, path: string): unknown {
  let value = parsed;
  for (const segment of pathSegments(path)) {
    value = child(value, segment);
    if (value === undefined) return undefined;
  }
  if (value && typeof value === "object" && !Array.isArray(value) && "#text" in value) return (value as Record<string, unknown>)["#text"];
  return value;
}

/**
 * Reads what a selector names from a response: `status`, `text`, `headers.<name>`,
 * `cookies.<name>[.<attribute>]`, `body[.<path>]`. Undefined when it is not there.
 */
export function select(response: HttpResponse, selector: string, harnessNow: number): unknown {
  if (selector === "status") return response.status;
  if (selector === "text") return response.text;
  if (selector.startsWith("headers.")) return response.headers[selector.slice(8).toLowerCase()];
  if (selector.startsWith("cookies.")) {
    const [name, attribute = "value"] = selector.slice(8).split(".");
    const now = serverTime(response.headers, harnessNow);
    const cookie = response.setCookies.map((h) => parseSetCookie(h, now)).find((c) => c?.name === name);
    return cookie ? (cookie as unknown as Record<string, unknown>)[attribute] : undefined;
  }
  if (selector === "body") return response.parsed ?? response.text;
  if (selector.startsWith("body.") || selector.startsWith("body[")) return bodyPath(response.parsed, selector.slice(selector.startsWith("body.") ? 5 : 4));
  return undefined;
}

/** A value as it is shown in messages and observations. */
export function show(value: unknown): string {
  if (value === undefined) return "nothing (absent)";
  if (typeof value === "string") return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
