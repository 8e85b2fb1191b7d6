import { parseDuration } from "../time/duration.ts";
import type { PathSegment } from "./positions.ts";
import type { PlainStep, Scenario } from "./schema.ts";

export interface RangeProblem {
  path: PathSegment[];
  message: string;
}

/** A single request waiting longer than this is a typo, and a huge one overflows the timers (ERR_OUT_OF_RANGE). */
export const MAX_STEP_TIMEOUT = "1h";
/** Longest time a scenario may let pass at once: beyond any vendor's documented timeout. */
export const MAX_TIME_TO_PASS = "30d";
/** A share of a timeout beyond ten times it says nothing a smaller one would not. */
const MAX_PERCENT = 1000;

const PERCENT = /^(\d+(?:\.\d+)?)%/;

function inRange(ms: number, max: string): boolean {
  return Number.isFinite(ms) && ms > 0 && ms <= parseDuration(max);
}

function durationProblem(text: string, what: string, max: string): string | undefined {
  let ms: number;
  try {
    ms = parseDuration(text);
  } catch {
    return undefined; // the schema already says it is not a duration
  }
  return inRange(ms, max) ? undefined : `${what} must be more than 0 and at most ${max}`;
}

/** `0%`, `2000%`, `0% of <option>`: a share of a timeout out of range. */
function percentProblem(label: string, expr: string, upTo: { max: number; exclusive: boolean; what: string }): string | undefined {
  const match = expr.match(PERCENT);
  if (!match) return undefined;
  const n = Number(match[1]);
  const fits = n > 0 && (upTo.exclusive ? n < upTo.max : n <= upTo.max);
  if (fits) return undefined;
  return `${label}: ${expr}${n === 0 ? " lets no time pass" : " is out of range"}: ${upTo.what} must be more than 0% and ${upTo.exclusive ? "less than" : "at most"} ${upTo.max}%`;
}

/** A time expression (idle / absolute / requires): a literal duration or a percentage, each in range. */
function timeExprProblem(label: string, expr: string, what: string): string | undefined {
  if (PERCENT.test(expr)) return percentProblem(label, expr, { max: MAX_PERCENT, exclusive: false, what: "a percentage" });
  if (!/^\d/.test(expr)) return undefined; // past, before
  const problem = durationProblem(expr, what, MAX_TIME_TO_PASS);
  return problem && `${label}: ${expr}: ${problem}`;
}

/** Durations and shares that the schema's patterns accept but a run could not honour: 0, absurdly large, 0%. */
export function stepRangeProblems(step: PlainStep, path: PathSegment[]): RangeProblem[] {
  const problems: RangeProblem[] = [];
  const add = (at: PathSegment[], message: string | undefined) => {
    if (message) problems.push({ path: at, message });
  };
  if (step.timeout !== undefined) {
    const problem = durationProblem(step.timeout, "a step timeout", MAX_STEP_TIMEOUT);
    add([...path, "timeout"], problem && `timeout ${step.timeout}: ${problem}`);
  }
  if ("expire" in step) {
    const { idle, absolute, keepAlive } = step.expire;
    if (idle !== undefined) add([...path, "expire", "idle"], timeExprProblem("idle", idle, "a time to pass"));
    if (absolute !== undefined) add([...path, "expire", "absolute"], timeExprProblem("absolute", absolute, "a time to pass"));
    if (keepAlive !== undefined) {
      const share = percentProblem("keepAlive", keepAlive, { max: 100, exclusive: true, what: "a keep-alive share of the idle timeout" });
      const literal = PERCENT.test(keepAlive) ? undefined : durationProblem(keepAlive, "a keep-alive interval", MAX_TIME_TO_PASS);
      add([...path, "expire", "keepAlive"], share ?? (literal && `keepAlive: ${keepAlive}: ${literal}`));
    }
  }
  return problems;
}

/** `requires:` thresholds in range. */
export function requiresRangeProblems(scenario: Scenario, path: PathSegment[]): RangeProblem[] {
  const problems: RangeProblem[] = [];
  for (const [name, expr] of Object.entries(scenario.requires ?? {})) {
    if (typeof expr !== "string") continue;
    const message = timeExprProblem(name, expr, "a least timeout");
    if (message) problems.push({ path: [...path, "requires", name], message });
  }
  return problems;
}
