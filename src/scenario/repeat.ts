import { SessionprobeError } from "../errors/errors.ts";
import type { PlainStep, RepeatStep, Step } from "./schema.ts";
import { STEP_VERBS, type StepVerb } from "./schema-names.ts";

export interface ExpandedStep {
  step: PlainStep;
  verb: StepVerb;
  /** Where it stands in the file, below the scenario's `steps`: [i] or [i, "steps", k]. */
  path: (string | number)[];
}

export function isRepeat(step: Step): step is RepeatStep {
  return "repeat" in step;
}

/** Replaces exactly `${index}` with the value, in every string of the step; other references stay for run time. */
function substitute<T>(value: T, index: string, n: number): T {
  if (typeof value === "string") return value.split(`\${${index}}`).join(String(n)) as T;
  if (Array.isArray(value)) return value.map((item) => substitute(item, index, n)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, index, n)])) as T;
  return value;
}

/** The most rounds a repeat may resolve to from a target's option: a typo'd cap must not open a million sessions. */
export const MAX_ROUNDS = 1000;

/** A repeat counted by a deployment option the target does not give as it must: the scenario is skipped there, not run. */
export class RepeatTimesError extends SessionprobeError {
  constructor(message: string) {
    super("SP_REPEAT_TIMES", message);
  }
}

/** `${options.sessionCap} - 1` against the target's options; a number stays as it is. */
export function resolveTimes(times: number | string, options: Readonly<Record<string, string | undefined>> | undefined): number {
  if (typeof times === "number") return times;
  const match = times.match(/^\$\{options\.([A-Za-z][A-Za-z0-9_]*)\}(?: *([+-]) *(\d+))?$/);
  if (!match) throw new RepeatTimesError(`repeat times "${times}" is neither a number nor \${options.<name>} [+|- N]`);
  const name = match[1] as string;
  const raw = options?.[name];
  if (raw === undefined) throw new RepeatTimesError(`repeat times needs option ${name}, which the target does not declare`);
  const base = Number(raw);
  if (!Number.isInteger(base)) throw new RepeatTimesError(`repeat times: option ${name} is "${raw}", not a whole number`);
  const n = base + (match[2] === "-" ? -1 : 1) * Number(match[3] ?? 0);
  if (n < 1 || n > MAX_ROUNDS)
    throw new RepeatTimesError(`repeat times ${times} is ${n} with ${name} = ${raw}: it must come to 1..${MAX_ROUNDS}`);
  return n;
}

/** Does any repeat take its count from the target? Then the steps are expanded per target. */
export function dependsOnTarget(steps: readonly Step[]): boolean {
  return steps.some((step) => isRepeat(step) && typeof step.repeat.times === "string");
}

/**
 * Scenario steps with every `repeat` unrolled, each expanded step pointing at the
 * YAML line of the step it came from, so a failure in round 57 still says where.
 * Without `options`, a repeat counted by an option is unrolled once (for the loader's checks).
 */
export function expandSteps(steps: readonly Step[], options?: Readonly<Record<string, string | undefined>>): ExpandedStep[] {
  return steps.flatMap((step, i): ExpandedStep[] => {
    if (!isRepeat(step)) return [{ step, verb: STEP_VERBS.find((verb) => verb in step) as StepVerb, path: [i] }];
    const { times, from = 1, index = "i" } = step.repeat;
    const count = options === undefined && typeof times === "string" ? 1 : resolveTimes(times, options);
    const rounds = Array.from({ length: count }, (_, r) => from + r);
    return rounds.flatMap((n) =>
      step.steps.map((inner, k) => ({
        step: substitute(inner, index, n),
        verb: STEP_VERBS.find((verb) => verb in inner) as StepVerb,
        path: [i, "steps", k],
      })),
    );
  });
}

/** The most steps a file may unroll to: a repeat of a repeat's worth of steps must not take seconds and gigabytes to load. */
export const MAX_UNROLLED_STEPS = 10_000;

export interface UnrolledCount {
  total: number;
  /** Where most of them come from: [scenario, step] of the largest repeat, or [scenario] of the longest scenario. */
  biggest: (string | number)[];
  byOption: boolean;
}

const asRecord = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * How many steps a file's scenarios unroll to, counted before anything is unrolled and on
 * any shape (the schema may not have passed yet). A repeat counted by a deployment
 * option counts as MAX_ROUNDS rounds, the most any target can make of it.
 */
export function unrolledCount(data: unknown): UnrolledCount {
  const count: UnrolledCount = { total: 0, biggest: [], byOption: false };
  let most = -1;
  const scenarios = asRecord(data)?.scenarios;
  if (!Array.isArray(scenarios)) return count;
  scenarios.forEach((scenario: unknown, s) => {
    const steps = asRecord(scenario)?.steps;
    if (!Array.isArray(steps)) return;
    let plain = 0;
    steps.forEach((step: unknown, i) => {
      const repeat = asRecord(asRecord(step)?.repeat);
      const inner = asRecord(step)?.steps;
      if (!repeat || !Array.isArray(inner)) {
        plain++;
        return;
      }
      const times = repeat.times;
      const rounds =
        typeof times === "number" && Number.isFinite(times)
          ? Math.max(0, Math.min(times, MAX_ROUNDS))
          : typeof times === "string"
            ? MAX_ROUNDS
            : 0;
      if (typeof times === "string") count.byOption = true;
      const unrolled = rounds * inner.length;
      count.total += unrolled;
      if (unrolled > most) [most, count.biggest] = [unrolled, ["scenarios", s, "steps", i]];
    });
    count.total += plain;
    if (plain > most) [most, count.biggest] = [plain, ["scenarios", s]];
  });
  return count;
}

export function unrolledLimitMessage(count: UnrolledCount): string {
  const why = count.byOption ? ` (an option-counted repeat counts as ${MAX_ROUNDS.toLocaleString("en")} rounds)` : "";
  return `this file unrolls to ${count.total.toLocaleString("en")} steps${why}; the limit is ${MAX_UNROLLED_STEPS.toLocaleString("en")} steps per file: repeat fewer times, or split the file`;
}
