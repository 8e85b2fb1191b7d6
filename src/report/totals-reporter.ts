import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";

/**
 * Ends the run's output with one plain line, "tests: N passed, N failed, N skipped",
 * that CI systems and people can read without knowing Playwright's reporters.
 * A retried test counts once, by its last attempt. A failure Playwright expected (a known
 * deviation, waived) counts as skipped, as JUnit and pytest's strict xfail count it: the run conforms.
 */
export default class TotalsReporter implements Reporter {
  private readonly last = new Map<string, TestResult["status"]>();

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const expectedFailure = test.expectedStatus === "failed" && result.status === "failed";
    this.last.set(test.id, expectedFailure ? "skipped" : result.status);
  }

  onEnd(_result: FullResult): void {
    const statuses = [...this.last.values()];
    // `--list` and empty selections run nothing: no totals to claim.
    if (statuses.length === 0) return;
    const passed = statuses.filter((s) => s === "passed").length;
    const skipped = statuses.filter((s) => s === "skipped").length;
    const failed = statuses.length - passed - skipped;
    console.log(`tests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  }
}
