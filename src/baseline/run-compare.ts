import { join } from "node:path";
import type { TargetRecord } from "../observe/types.ts";
import { writeAllureDiff } from "./allure.ts";
import { compareRecords } from "./compare.ts";
import { formatDiff } from "./format.ts";
import { baselinePath, loadBaseline } from "./store.ts";
import type { BaselineDiff } from "./types.ts";

export interface CompareOutcome {
  diff?: BaselineDiff;
  text: string;
  /** Non-zero when a DOC or WIRE behaviour changed, or there is no baseline to compare with. */
  exitCode: number;
}

/** Compares a run's record with the target's baseline, prints nothing, writes the Allure view when asked. */
export function compareWithBaseline(
  current: TargetRecord,
  options: { baselinesDir?: string | undefined; allureResultsDir?: string | undefined } = {},
): CompareOutcome {
  const path = baselinePath(current.target, options.baselinesDir);
  const baseline = loadBaseline(path);
  if (!baseline)
    return {
      text: `baseline ${current.target}: no baseline at ${path}; save one first: sessionprobe baseline save --target ${current.target}\n`,
      exitCode: 2,
    };
  const diff = compareRecords(baseline, current);
  const text = formatDiff(diff, path);
  if (options.allureResultsDir) writeAllureDiff(options.allureResultsDir, diff, text);
  return { diff, text, exitCode: diff.counts.regression ? 1 : 0 };
}

export function allureResultsDir(reportsDir = process.env.SESSIONPROBE_REPORTS ?? "reports"): string {
  return join(reportsDir, "allure-results");
}
