import type { Context } from "hono";
import type { MockContext } from "../core/types.ts";
import { errorList } from "./errors.ts";

/** Defaults for the annotation options; the real header names are not public (CTM-A-13 OPEN). */
export const ANNOTATION_DEFAULTS = {
  annotation: "off",
  annotationSubjectHeader: "Annotation-Subject",
  annotationDescriptionHeader: "Annotation-Description",
} as const;

/** Fails fast on a typo such as `--set annotation=yes`, which would otherwise mean "off". */
export function checkAnnotationOption(context: MockContext): void {
  const mode = context.config.options.annotation ?? ANNOTATION_DEFAULTS.annotation;
  if (mode !== "on" && mode !== "off") throw new Error(`controlm option annotation must be on or off, not ${mode}`);
}

/**
 * With annotation on, a changing token operation must justify itself with both a subject
 * and a description header; returns the 400 ErrorList to send, or undefined to go on.
 */
export function annotationRefusal(c: Context, context: MockContext): Response | undefined {
  const options = context.config.options;
  if ((options.annotation ?? ANNOTATION_DEFAULTS.annotation) !== "on") return undefined;
  const subject = options.annotationSubjectHeader ?? ANNOTATION_DEFAULTS.annotationSubjectHeader;
  const description = options.annotationDescriptionHeader ?? ANNOTATION_DEFAULTS.annotationDescriptionHeader;
  const missing = [subject, description].filter((name) => (c.req.header(name) ?? "").trim() === "");
  if (missing.length === 0) return undefined;
  return errorList(c, 400, `An annotation is required for this action: send the ${missing.join(" and ")} header(s)`, "annotation");
}
