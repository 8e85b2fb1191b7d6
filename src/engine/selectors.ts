import { parseSetCookie, serverTime } from "../http/cookie-jar.ts";
import type { HttpResponse } from "../http/exchange.ts";
import { bodyPath } from "../http/body-path.ts";
import { redact } from "../redact/secrets.ts";

export { bodyPath };

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
  if (selector.startsWith("body.") || selector.startsWith("body["))
    return bodyPath(response.parsed, selector.slice(selector.startsWith("body.") ? 5 : 4));
  return undefined;
}

/**
 * A value as it is shown in messages and observations. Secrets are replaced before the
 * value is cut short: a token longer than the cut would otherwise leave its first 200
 * characters in the message, which the redactor, looking for the whole token, would miss.
 */
export function show(value: unknown): string {
  if (value === undefined) return "nothing (absent)";
  if (typeof value === "string") {
    const safe = redact(value);
    return JSON.stringify(safe.length > 200 ? `${safe.slice(0, 200)}…` : safe);
  }
  const text = redact(JSON.stringify(value));
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
