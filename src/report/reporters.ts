import { extname } from "node:path";
import type { ReporterDescription } from "@playwright/test";

/**
 * The terminal reporter(s) to use instead of list/dot: set by `sessionprobe … --reporter X`, by a user
 * (`SESSIONPROBE_TERMINAL_REPORTER=line npx playwright test`), or for `npx playwright test --reporter X`
 * by src/report/reporter-flag.ts. The config only reads it: Playwright's own `--reporter` would replace
 * the report files' reporters too.
 */
export const TERMINAL_REPORTER_ENV = "SESSIONPROBE_TERMINAL_REPORTER";

/** Where and how the report files are written: one place for a run (below) and for `sessionprobe merge` (src/report/merge-reporter.ts). */
export function reportFileOptions(reports: string) {
  return {
    junit: { outputFile: `${reports}/junit.xml` },
    allure: { resultsDir: `${reports}/allure-results`, detail: false, suiteTitle: false },
    summary: { outputDir: reports },
    baseline: { outputDir: reports },
  };
}

/** The project's reporters: a terminal one (the user's choice, else list or dot on CI), then the files a run must leave. */
export function projectReporters(reports: string): ReporterDescription[] {
  const terminal = (process.env[TERMINAL_REPORTER_ENV] ?? (process.env.CI ? "dot" : "list"))
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  // Read once, by this run: runs started from its tests (harness specs run the CLI) choose their own.
  if (process.env.TEST_WORKER_INDEX === undefined) delete process.env[TERMINAL_REPORTER_ENV];
  const files = reportFileOptions(reports);
  // Paths from the config's folder; .js where the package runs compiled (dist/).
  const own = (path: string) => `./src/${path}${extname(import.meta.filename)}`;
  return [
    // First: a target's guarded scenarios wait for the word that its other scenarios have ended (src/coordination/others-ended.ts).
    [own("report/others-ended-reporter")],
    ...terminal.map((name): ReporterDescription => [name]),
    [own("report/junit-reporter"), files.junit],
    // allure-playwright, writing its results without an fsync per file (src/report/allure-reporter.ts).
    [own("report/allure-reporter"), files.allure],
    [own("report/summary-reporter"), files.summary],
    // The Allure report has all it reads once the reporters above have ended: the CLI writes it while the rest end.
    [own("report/report-ready-reporter"), { resultsDir: files.allure.resultsDir }],
    [own("baseline/baseline-reporter"), files.baseline],
    // What `sessionprobe merge` needs: Playwright's own blob report (every result, annotation and attachment) in
    // <reports>/blob. Written on every run, not only with --shard: the unsharded job that runs the guarded scenarios
    // after the shards is merged too, and any run can be merged later. It costs one zip at the end (about 320 KB for
    // the whole conformance suite against the mocks); the blob reporter replaces the folder's zip on each run.
    ["blob", { outputDir: `${reports}/blob` }],
    // Last, so its plain closing line is the run's last line.
    [own("report/totals-reporter")],
  ];
}
