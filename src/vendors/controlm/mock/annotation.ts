import type { Context } from "hono";
import { errorList } from "./errors.ts";
import type { ControlmState } from "./state.ts";

/**
 * With annotation on, a changing token operation must justify itself with both a subject
 * and a description header (their real names are not public: CTM-A-13 OPEN, so they are
 * options); returns the 400 ErrorList to send, or undefined to go on. The
 * `annotation-not-enforced` defect lets every call through.
 */
export function annotationRefusal(c: Context, state: ControlmState): Response | undefined {
  const { settings, context, texts } = state;
  if (settings.annotation !== "on" || context.defect("annotation-not-enforced")) return undefined;
  // A value of blanks arrives empty: HTTP strips the whitespace around a header value (RFC 9110 §5.5).
  const missing = [settings.annotationSubjectHeader, settings.annotationDescriptionHeader].filter((name) => !c.req.header(name));
  if (missing.length === 0) return undefined;
  return errorList(c, 400, texts.annotationRequired(missing), "annotation");
}
