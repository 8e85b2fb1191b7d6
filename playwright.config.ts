import { availableParallelism } from "node:os";
import { extname } from "node:path";
import { defineConfig, type Project } from "@playwright/test";
import { runId } from "./src/coordination/run-state.ts";
import { GUARDED_PROJECT_SUFFIX, GUARDED_TAG } from "./src/coordination/shard-plan.ts";
import { DEFAULT_WORKERS, mockWorkers, workersChosen } from "./src/coordination/run-schedule.ts";
import { rerunIfReporterFlag } from "./src/report/reporter-flag.ts";
import { projectReporters } from "./src/report/reporters.ts";

/**
 * Without SESSIONPROBE_TARGETS: the project "mocks" (every suite against its built-in
 * mock) and "harness" (the harness's own tests). With it: one project per target in the file, named after it.
 * Reports go to SESSIONPROBE_REPORTS (default reports/).
 */
// `npx playwright test --reporter X` would lose JUnit, Allure, the summary and the evidence: that command alone is
// run once more with X as the terminal reporter, and this process exits with its code (src/report/reporter-flag.ts).
// `sessionprobe … --reporter X` and a plain `npx playwright test` never take this path.
rerunIfReporterFlag();
// Set before workers fork, so all of them share this run's locks and budgets.
runId();
const targetsFile = process.env.SESSIONPROBE_TARGETS;
const reports = process.env.SESSIONPROBE_REPORTS ?? "reports";
// .js where the package runs compiled (dist/).
// Regular expressions, not globs: Playwright matches a glob by building a minimatch for every file under testDir and
// every project (≈ 0.1 s of a nightly run's start for eight projects; more in a checkout with a full reports/).
const conformance = new RegExp(`[\\\\/]specs[\\\\/]conformance\\.spec\\${extname(import.meta.filename)}$`, "i");
const vendorTag = (vendor: string) => new RegExp(`@${vendor}(?![\\w-])`);
// Targets that wait in real time get their scenarios declared longest first and the workers their waits
// need, each target's project its own share (src/coordination/workers.ts); a count the user chose
// (--workers, SESSIONPROBE_WORKERS) replaces the sizing.
const chosen = workersChosen(process.argv, process.env);
// The targets file is read and checked once, by the first process that needs it; the others take its entries
// (src/targets/handed.ts): a worker needs only the targets' names and vendors.
const run = targetsFile ? await (await import("./src/targets/handed.ts")).targetsOfRun(targetsFile) : undefined;
const targets = run?.targets ?? [];
// Imported only with a targets file: the sizing plans with every vendor's driver, which a mocks worker never needs.
const sized = run
  ? (await (await import("./src/coordination/workers.ts")).runSchedule(run.resolved, { chosen, argv: process.argv, reports }))?.workers
  : undefined;
// A real target is two projects: its scenarios in parallel, and the guarded ones — flood, password change,
// exclusive — one at a time, alone on the server, after the others of the target: each waits, before anything
// of it reaches the server, until the runner has seen every other scenario of the target end
// (src/coordination/others-ended.ts). Every guarded project comes after every other one: Playwright hands a
// worker to a guarded scenario only when no other scenario can take it (src/coordination/shard-plan.ts).
// The targets-file parser (YAML, its schema) is imported only when there is a targets file: a mocks run never needs it.
const projects: Project[] = targetsFile
  ? [
      ...targets.map((t): Project => {
        const workers = sized?.byTarget.get(t.name);
        return {
          name: t.name,
          testMatch: conformance,
          grep: vendorTag(t.vendor),
          grepInvert: new RegExp(GUARDED_TAG),
          ...(workers === undefined ? {} : { workers }),
          use: { targetName: t.name },
        };
      }),
      ...targets.map(
        (t): Project => ({
          name: `${t.name}${GUARDED_PROJECT_SUFFIX}`,
          testMatch: conformance,
          grep: new RegExp(`(?=.*${vendorTag(t.vendor).source})(?=.*${GUARDED_TAG})`),
          fullyParallel: false,
          workers: 1,
          use: { targetName: t.name },
        }),
      ),
    ]
  : [
      // Every vendor against its built-in mock, in one project: workers start once for all of them.
      // One vendor: --grep @vmanage (tags: @<vendor>, @<vendor>-<service>, and each scenario's own).
      { name: "mocks", testMatch: conformance, ...(chosen === undefined ? { workers: mockWorkers(availableParallelism()) } : {}) },
      { name: "harness", testMatch: [/[\\/](src|fixtures)[\\/].*\.test\.ts$/i, /[\\/]specs[\\/]harness[\\/].*\.spec\.ts$/i] },
    ];

export default defineConfig({
  testDir: ".",
  // A mutation run's sandboxes are copies of the repository: their specs are not this run's tests.
  testIgnore: /[\\/]\.stryker-tmp[\\/]/,
  outputDir: `${reports}/test-output`,
  fullyParallel: true,
  // A retry goes to the front of the queue, beside the others (Playwright's default, named here): an "isolated"
  // retry waits for every running test to end, and a guarded scenario waiting for that retry would never end.
  retryStrategy: "immediate",
  workers: sized?.total ?? chosen ?? DEFAULT_WORKERS,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  // A terminal reporter (SESSIONPROBE_TERMINAL_REPORTER, else list or dot on CI), then the report files' reporters.
  reporter: projectReporters(reports),
  projects,
});
