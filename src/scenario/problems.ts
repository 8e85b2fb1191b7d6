import { InputError } from "../errors/errors.ts";
import type { Position } from "./positions.ts";

/** One thing wrong with a scenario file, located to the character. */
export interface LoadProblem {
  file: string;
  position: Position;
  message: string;
}

/**
 * Control characters, bidirectional overrides and invisible separators written as
 * \uXXXX: a message quotes what the file says, and a raw ESC or U+202E from the file
 * would repaint the terminal or reorder the line the user reads.
 */
export function printable(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: escaping them is the point.
    /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

export function formatProblem(problem: LoadProblem): string {
  return `${printable(problem.file)}:${problem.position.line}:${problem.position.column}: ${printable(problem.message)}`;
}

/** Thrown when files do not load; the message lists every problem, one per line. */
export class ScenarioLoadError extends InputError {
  constructor(readonly problems: readonly LoadProblem[]) {
    super(
      "SP_SCENARIO",
      `${problems.length} problem${problems.length === 1 ? "" : "s"} in scenario files:\n${problems.map(formatProblem).join("\n")}\nRun npx sessionprobe validate to check files on their own.`,
    );
  }
}
