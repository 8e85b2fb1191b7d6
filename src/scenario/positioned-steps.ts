import type { LoadedStep } from "./load.ts";
import type { Position } from "./positions.ts";
import { expandSteps, isRepeat } from "./repeat.ts";
import type { Step } from "./schema.ts";

/**
 * Where each step a scenario's repeats may unroll to is written, by its path below the scenario's `steps`
 * ("2", or "3/steps/1" inside a repeat): the file's positions without its YAML document. A scenario whose repeat
 * takes its count from a target's option is unrolled again for each target; with this table a Playwright
 * worker does so from the runner's hand-over (src/scenario/collection.ts), never importing the YAML loader.
 */
export type StepPositions = Record<string, Position>;

const pathKey = (path: readonly (string | number)[]) => path.join("/");

/** The table for `steps`, each path's position asked of `positionOf` (the loader's YAML lookup). */
export function stepPositions(steps: readonly Step[], positionOf: (path: (string | number)[]) => Position): StepPositions {
  const paths = steps.flatMap((step, i) => [[i], ...(isRepeat(step) ? step.steps.map((_, k) => [i, "steps", k]) : [])]);
  return Object.fromEntries(paths.map((path) => [pathKey(path), positionOf(path)]));
}

/** The steps with every repeat unrolled (a repeat counted by an option with `options`' value), each at its place in the file. */
export function positionedSteps(
  steps: readonly Step[],
  positions: StepPositions,
  options?: Readonly<Record<string, string | undefined>>,
): LoadedStep[] {
  return expandSteps(steps, options).map((expanded, index) => ({
    step: expanded.step,
    verb: expanded.verb,
    index,
    position: positions[pathKey(expanded.path)] ?? { line: 1, column: 1 },
  }));
}
