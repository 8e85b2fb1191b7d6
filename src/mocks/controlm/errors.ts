import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ControlmState } from "./state.ts";

/** Control-M's ErrorList body: `{"errors":[{"message":…}]}` (wire notes §1.3). */
export function errorList(c: Context, status: ContentfulStatusCode, message: string, item?: string) {
  return c.json({ errors: [item ? { message, item } : { message }] }, status);
}

/**
 * Reads a JSON object body, or refuses it: a wrong Content-Type with 400 or 415 (the
 * `wrongContentTypeStatus` option: wire notes §1.3 "Expect 400 or 415"), malformed JSON
 * with 400.
 */
export async function readJsonObject(c: Context, state: ControlmState): Promise<Record<string, unknown> | Response> {
  const type = c.req.header("content-type") ?? "";
  const { texts, settings } = state;
  if (!/application\/json/i.test(type)) return errorList(c, settings.wrongContentTypeStatus === "415" ? 415 : 400, texts.contentType);
  try {
    const body = (await c.req.json()) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through to the common answer
  }
  return errorList(c, 400, texts.notAJsonObject);
}
