import { resolve } from "node:path";
import { findSuiteFiles } from "../scenario/discover.ts";
import { loadSuiteFiles } from "../scenario/load.ts";
import { formatProblem } from "../scenario/problems.ts";

/** Checks scenario files and prints every problem (shape and meaning together) as file:line:column; exit 2 when there is any. */
export function runValidate(args: readonly string[]): number {
  const files = args.length ? args.map((f) => resolve(f)) : findSuiteFiles();
  const { suites, problems } = loadSuiteFiles(files);
  for (const problem of problems) process.stderr.write(`${formatProblem(problem)}\n`);
  const scenarios = suites.reduce((n, s) => n + s.scenarios.length, 0);
  if (problems.length) {
    process.stderr.write(
      `\n${problems.length} problem${problems.length === 1 ? "" : "s"} in ${files.length} file${files.length === 1 ? "" : "s"}\n`,
    );
    // A file that does not validate would stop a run before anything is sent: a configuration error.
    return 2;
  }
  process.stdout.write(`${files.length} file${files.length === 1 ? "" : "s"}, ${scenarios} scenarios: valid\n`);
  return 0;
}
