import { COMPARE_ENV } from "../observe/compare-env.ts";
import ObservationReporter, { type WrittenRecord } from "../observe/observation-reporter.ts";
import { allureResultsDir, compareWithBaseline } from "./run-compare.ts";

/**
 * The observation reporter plus the baseline comparison: it writes each target's record
 * (as ObservationReporter does) and, with SESSIONPROBE_COMPARE_BASELINE set, compares it
 * with baselines/<target>.json and fails the run on a regression. It lives here, not in
 * observe/, so that baseline depends on observe and observe on nothing of baseline.
 */
export default class BaselineReporter extends ObservationReporter {
  protected override compare(written: WrittenRecord[]): { lines: string[]; regression: boolean } {
    if (!process.env[COMPARE_ENV]) return { lines: [], regression: false };
    const lines: string[] = [];
    let regression = false;
    for (const { record } of written) {
      const compared = compareWithBaseline(record, { allureResultsDir: allureResultsDir(this.outputDir) });
      lines.push("", compared.text.trimEnd());
      if (compared.exitCode) regression = true;
    }
    return { lines, regression };
  }
}
