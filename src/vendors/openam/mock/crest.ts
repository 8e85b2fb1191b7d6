import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** HTTP reason phrases as CREST puts them in `reason` (real OpenAM: 501 → "Not Implemented"). */
const REASONS: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  500: "Internal Server Error",
  501: "Not Implemented",
};

/** AM's error envelope everywhere: `{"code":<int>,"reason":"<phrase>","message":"<text>"}` (wire notes §2.2). */
export function crestError(c: Context, code: ContentfulStatusCode, message: string) {
  // Stryker disable next-line StringLiteral: every status the mock answers has its phrase in the table.
  return c.json({ code, reason: REASONS[code] ?? "Error", message }, code);
}

export const notFound = (c: Context) => crestError(c, 404, "Not Found");

/**
 * The request body as a JSON object. An empty body is `{}`: the JS SDK's logout sends no
 * body and no content type (wire notes §4), and AM accepts that. Anything else that is
 * not a JSON object is refused with 400.
 */
export async function readBody(c: Context): Promise<Record<string, unknown> | Response> {
  const text = await c.req.text();
  // Stryker disable next-line ConditionalExpression,MethodExpression,StringLiteral: an empty body refused as malformed is a 400, as legal as the {} that acts on the caller (AM-11: tokenId required vs the caller's token); the suites accept either.
  if (text.trim() === "") return {};
  try {
    const body = JSON.parse(text) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through to the common answer
  }
  return crestError(c, 400, "The request could not be processed because the provided content is not valid JSON");
}

/** AM prints instants as ISO-8601 UTC to the second with a Z: "2025-07-31T15:05:45Z". */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

/** The instant a limit ends; a limit switched off (undefined) has no end AM could print, so the far future. */
export function expiryIso(from: number, limitMs: number | undefined): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: no deployment the suites run against switches a limit off (the no-max-session-time defect still reports the configured one).
  return limitMs === undefined ? "9999-12-31T23:59:59Z" : isoSeconds(from + limitMs);
}
