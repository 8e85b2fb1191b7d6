import { defineConfig, type Project } from "@playwright/test";
import { runId } from "./src/coordination/run-state.ts";
import { GUARDED_PROJECT_SUFFIX, GUARDED_TAG } from "./src/coordination/shard-plan.ts";
import { projectReporters } from "./src/report/reporters.ts";

/**
 * Without SESSIONPROBE_TARGETS: the project "mocks" (every suite against its built-in
 * mock) and "harness" (the harness's own tests). With it: one project per target in the file, named after it.
 * Reports go to SESSIONPROBE_REPORTS (default reports/).
 */
// Set before workers fork, so all of them share this run's locks and budgets.
runId();
const targetsFile = process.env.SESSIONPROBE_TARGETS;
const reports = process.env.SESSIONPROBE_REPORTS ?? "reports";
const conformance = "specs/conformance.spec.ts";
const vendorTag = (vendor: string) => new RegExp(`@${vendor}(?![\\w-])`);

// A real target is two projects: its scenarios in parallel, then the guarded ones — flood,
// password change, exclusive — one at a time, alone on the server. The guarded project is
// the other's teardown, so it starts when every other scenario of the target has ended,
// whether they passed or not (src/coordination/shard-plan.ts).
// The targets-file parser (YAML, its schema) is imported only when there is a targets file: a mocks run never needs it.
const projects: Project[] = targetsFile
  ? (await import("./src/targets/load.ts")).loadTargets(targetsFile).flatMap((t): Project[] => {
      const guarded = `${t.name}${GUARDED_PROJECT_SUFFIX}`;
      const vendor = vendorTag(t.vendor).source;
      return [
        {
          name: t.name,
          testMatch: conformance,
          grep: vendorTag(t.vendor),
          grepInvert: new RegExp(GUARDED_TAG),
          teardown: guarded,
          use: { targetName: t.name },
        },
        {
          name: guarded,
          testMatch: conformance,
          grep: new RegExp(`(?=.*${vendor})(?=.*${GUARDED_TAG})`),
          fullyParallel: false,
          workers: 1,
          use: { targetName: t.name },
        },
      ];
    })
  : [
      // Every vendor against its built-in mock, in one project: workers start once for all of them.
      // One vendor: --grep @vmanage (tags: @<vendor>, @<vendor>-<service>, and each scenario's own).
      { name: "mocks", testMatch: conformance },
      { name: "harness", testMatch: ["src/**/*.test.ts", "fixtures/**/*.test.ts", "specs/harness/**/*.spec.ts"] },
    ];

export default defineConfig({
  testDir: ".",
  // A mutation run's sandboxes are copies of the repository: their specs are not this run's tests.
  testIgnore: ["**/.stryker-tmp/**"],
  outputDir: `${reports}/test-output`,
  fullyParallel: true,
  workers: process.env.SESSIONPROBE_WORKERS ? Number(process.env.SESSIONPROBE_WORKERS) : 2,
  timeout: 30_000,
  forbidOnly: !!process.env.CI,
  // The project's reporters survive a user's --reporter (src/report/reporters.ts).
  reporter: projectReporters(reports),
  projects,
});
