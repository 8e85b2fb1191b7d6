import type { Position } from "./positions.ts";

/** One thing wrong with a scenario file, located to the character. */
export interface LoadProblem {
  file: string;
  position: Position;
  message: string;
}

export function formatProblem(problem: LoadProblem): string {
  return `${problem.file}:${problem.position.line}:${problem.position.column}: ${problem.message}`;
}

/** Thrown when files do not load; the message lists every problem, one per line. */
export class ScenarioLoadError extends Error {
  readonly code = "SCENARIO_INVALID";
  constructor(readonly problems: readonly LoadProblem[]) {
    super(`${problems.length} problem${problems.length === 1 ? "" : "s"} in scenario files:\n${problems.map(formatProblem).join("\n")}\nRun npx sessionprobe validate to check files on their own.`);
    this.name = "ScenarioLoadError";
  }
}
