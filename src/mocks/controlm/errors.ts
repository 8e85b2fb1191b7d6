import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Control-M's ErrorList body: `{"errors":[{"message":…}]}` (wire notes §1.3). */
export function errorList(c: Context, status: ContentfulStatusCode, message: string, item?: string) {
  return c.json({ errors: [item ? { message, item } : { message }] }, status);
}

/** Reads a JSON object body, or answers 400 the way Control-M does. */
export async function readJsonObject(c: Context): Promise<Record<string, unknown> | Response> {
  const type = c.req.header("content-type") ?? "";
  if (!/application\/json/i.test(type)) return errorList(c, 400, "Request content type must be application/json");
  try {
    const body = (await c.req.json()) as unknown;
    if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // fall through to the common answer
  }
  return errorList(c, 400, "Request body is not a valid JSON object");
}
