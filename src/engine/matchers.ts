import type { Matcher, MatcherObject } from "../scenario/schema.ts";
import { show } from "./selectors.ts";

function typeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/**
 * Equality by YAML type: `1` equals the number 1 only, `"1"` the string only, `true`
 * the boolean only. A header is text, so `content-length: "0"`. Loose string
 * comparison would let `valid: true` match "true" and ["true"].
 */
function same(actual: unknown, expected: unknown): boolean {
  return Object.is(actual, expected) || (typeof actual === "number" && typeof expected === "number" && actual === expected);
}

function checks(actual: unknown, m: MatcherObject): string[] {
  const text = typeof actual === "string" ? actual : actual === undefined ? undefined : JSON.stringify(actual);
  const failures: string[] = [];
  if (m.exists === true && actual === undefined) failures.push("to exist");
  if (m.exists === false && actual !== undefined) failures.push("to be absent");
  if ("equals" in m && !same(actual, m.equals)) failures.push(`to equal ${show(m.equals)}`);
  if ("notEquals" in m && same(actual, m.notEquals)) failures.push(`to differ from ${show(m.notEquals)}`);
  if (m.matches !== undefined && (text === undefined || !new RegExp(m.matches).test(text))) failures.push(`to match /${m.matches}/`);
  if (m.contains !== undefined && (text === undefined || !text.includes(m.contains))) failures.push(`to contain ${show(m.contains)}`);
  if (m.notContains !== undefined && text?.includes(m.notContains)) failures.push(`not to contain ${show(m.notContains)}`);
  if (
    m.nonEmpty === true &&
    (actual === undefined ||
      actual === null ||
      actual === "" ||
      (Array.isArray(actual) && actual.length === 0) ||
      (typeof actual === "object" && Object.keys(actual as object).length === 0))
  )
    failures.push("to be non-empty");
  if (m.type !== undefined && typeOf(actual) !== m.type) failures.push(`to be of type ${m.type}`);
  if (m.oneOf !== undefined && !m.oneOf.some((option) => same(actual, option))) failures.push(`to be one of ${show(m.oneOf)}`);
  if (m.after !== undefined) {
    const a = typeof actual === "string" ? Date.parse(actual) : Number.NaN;
    const b = Date.parse(m.after);
    if (Number.isNaN(a) || Number.isNaN(b) || !(a > b)) failures.push(`to be an instant after ${show(m.after)}`);
  }
  return failures;
}

/** Undefined when the value matches; otherwise "expected … to …, got …". */
export function mismatch(actual: unknown, matcher: Matcher): string | undefined {
  const m: MatcherObject = matcher !== null && typeof matcher === "object" ? matcher : { equals: matcher };
  const failures = checks(actual, m);
  return failures.length ? `expected ${failures.join(" and ")}, got ${show(actual)}` : undefined;
}
