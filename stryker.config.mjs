// Mutation testing of the mocks' behaviour code: each mutant is a server defect nobody designed,
// and the suites, run in process against the mocks, must catch it by a failed assertion.
// `npm run mutation` (mutation/run.ts) runs it and prints the score; docs/mutation.md has the review.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "sessionprobe",
  plugins: ["./mutation/stryker-runner.mjs", "./mutation/ignorers.mjs"],
  // Defect switches and message wording are not behaviour (mutation/ignorers.mjs says why, per mutant).
  ignorers: ["sessionprobe-non-behaviour"],
  // Behaviour code only: session tables, routes, state, token stores, the documents they answer.
  // Not messages (texts.ts), option parsing, variant and defect tables, the control plane, logging or the host's plumbing.
  mutate: [
    "src/mocks/core/session-table.ts",
    "src/mocks/{controlm,hmc,openam,vmanage}/*.ts",
    "!src/mocks/*/*.test.ts",
    "!src/mocks/*/defects.ts",
    "!src/mocks/*/variants.ts",
    "!src/mocks/*/options.ts",
    "!src/mocks/*/texts.ts",
    "!src/mocks/openam/settings.ts",
  ],
  coverageAnalysis: "perTest",
  concurrency: 2,
  timeoutMS: 10_000,
  incremental: true,
  incrementalFile: "reports/mutation/stryker-incremental.json",
  reporters: ["json", "html", "progress"],
  jsonReporter: { fileName: "reports/mutation/mutation.json" },
  htmlReporter: { fileName: "reports/mutation/mutation.html" },
  tempDirName: ".stryker-tmp",
  cleanTempDir: "always",
  ignorePatterns: ["reports", "bench", "fuzz", ".git", "lint-fixtures", "templates"],
  thresholds: { high: 95, low: 90, break: null },
};
