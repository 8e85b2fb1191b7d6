import { REFERENCE, isBuiltinReference, prototypeSegment, unclosedReference } from "./interpolate.ts";
import type { PathSegment } from "./positions.ts";
import type { Matcher, PlainStep } from "./schema.ts";
import { showValue } from "./show-value.ts";
import { stringsIn } from "./walk.ts";

export interface ValueProblem {
  path: PathSegment[];
  key?: string;
  message: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `${` without its `}`, and references whose names are JavaScript built-ins (`${users.constructor.name}`). */
export function referenceProblems(step: PlainStep, path: PathSegment[]): ValueProblem[] {
  const { capture: _capture, ...rest } = step;
  const problems: ValueProblem[] = [];
  for (const found of stringsIn(rest, path)) {
    const where = found.key === undefined ? { path: found.path } : { path: found.path, key: found.key };
    if (unclosedReference(found.text)) problems.push({ ...where, message: `an unclosed \${ in ${showValue(found.text)}: close it with }` });
    for (const [, raw] of found.text.matchAll(REFERENCE)) {
      const name = (raw ?? "").trim();
      const builtin = isBuiltinReference(name) ? prototypeSegment(name) : undefined;
      if (builtin)
        problems.push({ ...where, message: `\${${name}}: "${builtin}" is a JavaScript built-in name, not a name of the target's` });
    }
  }
  if ("login" in step && step.login?.user !== undefined && prototypeSegment(step.login.user)) {
    problems.push({
      path: [...path, "login", "user"],
      message: `user "${step.login.user}" is a JavaScript built-in name, not a user of the target's`,
    });
  }
  return problems;
}

/** The matchers of a step's expectation, each with its path. */
function matchersOf(step: PlainStep, path: PathSegment[]): { matcher: Matcher; path: PathSegment[] }[] {
  const expect = step.expect;
  if (!expect) return [];
  const base = [...path, "expect"];
  const found: { matcher: Matcher; path: PathSegment[] }[] = [];
  for (const field of ["headers", "body"] as const) {
    for (const [name, matcher] of Object.entries(expect[field] ?? {})) found.push({ matcher, path: [...base, field, name] });
  }
  if (expect.text !== undefined) found.push({ matcher: expect.text, path: [...base, "text"] });
  for (const [name, cookie] of Object.entries(expect.cookies ?? {})) {
    if (cookie.value !== undefined) found.push({ matcher: cookie.value, path: [...base, "cookies", name, "value"] });
  }
  return found;
}

/** What would only fail at run time: a pattern that does not compile, an instant that does not parse. */
export function matcherProblems(step: PlainStep, path: PathSegment[]): ValueProblem[] {
  const problems: ValueProblem[] = [];
  for (const { matcher, path: at } of matchersOf(step, path)) {
    if (!isRecord(matcher)) continue;
    if (typeof matcher.matches === "string") {
      // A reference is replaced at run time; any plain text stands in for it here.
      const pattern = matcher.matches.replace(REFERENCE, "x");
      try {
        new RegExp(pattern);
      } catch (error) {
        const reason = (error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, "");
        problems.push({ path: [...at, "matches"], message: `invalid regular expression /${matcher.matches}/: ${reason}` });
      }
    }
    if (typeof matcher.after === "string" && !matcher.after.includes("${") && Number.isNaN(Date.parse(matcher.after))) {
      problems.push({
        path: [...at, "after"],
        message: `after: ${showValue(matcher.after)} is not an instant: expected ISO-8601 such as 2026-01-15T09:00:00Z or \${now}`,
      });
    }
  }
  return problems;
}
