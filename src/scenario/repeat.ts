import { type PlainStep, type RepeatStep, STEP_VERBS, type Step, type StepVerb } from "./schema.ts";

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
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, index, n)])) as T;
  return value;
}

/**
 * Scenario steps with every `repeat` unrolled, each expanded step pointing at the
 * YAML line of the step it came from, so a failure in round 57 still says where.
 */
export function expandSteps(steps: readonly Step[]): ExpandedStep[] {
  return steps.flatMap((step, i): ExpandedStep[] => {
    if (!isRepeat(step)) return [{ step, verb: STEP_VERBS.find((verb) => verb in step) as StepVerb, path: [i] }];
    const { times, from = 1, index = "i" } = step.repeat;
    const rounds = Array.from({ length: times }, (_, r) => from + r);
    return rounds.flatMap((n) =>
      step.steps.map((inner, k) => ({ step: substitute(inner, index, n), verb: STEP_VERBS.find((verb) => verb in inner) as StepVerb, path: [i, "steps", k] })),
    );
  });
}
