import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ControlmState } from "./state.ts";
import { jacksonJson } from "./jackson.ts";

/** Control-M's ErrorList body: `{"errors":[{"message":…}]}` (wire notes §1.3). */
export function errorList(c: Context, status: ContentfulStatusCode, message: string, item?: string) {
  return jacksonJson(c, { errors: [item ? { message, item } : { message }] }, status);
}

/**
 * Reads a JSON object body, or the refusal to send: a wrong Content-Type with 400 or 415
 * (the `wrongContentTypeStatus` option: wire notes §1.3 "Expect 400 or 415"), malformed
 * JSON, null or a bare value with 400.
 */
export async function readJsonObject(c: Context, state: ControlmState): Promise<{ body: Record<string, unknown> } | { refusal: Response }> {
  const { texts, settings } = state;
  // Stryker disable next-line ConditionalExpression,StringLiteral,BlockStatement: forced false or emptied, the body is read whatever its Content-Type, a legal answer (the spec declares no consumes: the suites accept 400, 401 or 415 for a login sent as text); forced true, every request is refused, which every scenario catches.
  if (!/application\/json/i.test(c.req.header("content-type") ?? "")) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: 400 or 415 for a wrong Content-Type are both legal (variants wrong-content-type-400 and -415).
    const status = settings.wrongContentTypeStatus === "415" ? 415 : 400;
    return { refusal: errorList(c, status, texts.contentType) };
  }
  try {
    const body = (await c.req.json()) as unknown;
    // An array has no fields: refused as a body that lacks them.
    // Stryker disable next-line ConditionalExpression: a bare value (a number, a string) let through has no fields either: every route refuses it as a body without them, 400 either way.
    const isObject = typeof body === "object";
    if (isObject && body !== null) return { body: body as Record<string, unknown> };
  } catch {
    // fall through to the common answer
  }
  return { refusal: errorList(c, 400, texts.notAJsonObject) };
}
