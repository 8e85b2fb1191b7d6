// Mutation testing of the mocks' behaviour code: each mutant is a server defect nobody designed,
// and the suites, run in process against the mocks, must catch it by a failed assertion.
// `npm run mutation` (mutation/run.ts) runs it and prints the score; docs/mutation.md has the review.
//
// SESSIONPROBE_MUTATION_VENDOR=<vendor> (or core) grades one part alone, with only the scenarios
// that can reach it, its own reports and incremental file: parts can be reviewed side by side.
import { readdirSync } from "node:fs";

// Every vendor folder with a mock (src/vendors/<vendor>/mock/): adding a vendor adds it here by itself.
const VENDORS = readdirSync("src/vendors", { withFileTypes: true })
  .filter((e) => e.isDirectory() && readdirSync(`src/vendors/${e.name}`).includes("mock"))
  .map((e) => e.name)
  .sort();
const part = process.env.SESSIONPROBE_MUTATION_VENDOR;
if (part !== undefined && part !== "core" && !VENDORS.includes(part))
  throw new Error(`SESSIONPROBE_MUTATION_VENDOR must be core or one of ${VENDORS.join(", ")}, not "${part}"`);
// SESSIONPROBE_MUTATION_OUT: another folder for the reports and the incremental file (the sample test's own).
const out = process.env.SESSIONPROBE_MUTATION_OUT ?? (part ? `reports/mutation/${part}` : "reports/mutation");

// Behaviour code only: session tables, routes, state, token stores, the documents they answer.
// Not messages (texts.ts), option parsing, variant and defect tables, the control plane, logging or the host's plumbing.
// (The variant and defect tables live beside the mock, in the vendor's folder, not in mock/.)
const vendorFiles = (vendor) => [
  `src/vendors/${vendor}/mock/*.ts`,
  `!src/vendors/${vendor}/mock/*.test.ts`,
  `!src/vendors/${vendor}/mock/options.ts`,
  `!src/vendors/${vendor}/mock/texts.ts`,
  `!src/vendors/${vendor}/mock/settings.ts`,
  // The routes a vendor documents as absent: what the host files as unmodelled traffic, not an answer (the answers are the routes').
  `!src/vendors/${vendor}/mock/absences.ts`,
];
const mutate =
  part === "core"
    ? ["src/mock-kit/session-table.ts"]
    : part
      ? vendorFiles(part)
      : ["src/mock-kit/session-table.ts", ...VENDORS.flatMap(vendorFiles)];

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: "sessionprobe",
  plugins: ["./mutation/stryker-runner.mjs", "./mutation/ignorers.mjs"],
  // Defect switches, message wording and seeded test accounts are not behaviour (mutation/ignorers.mjs says why, per mutant).
  ignorers: ["sessionprobe-non-behaviour"],
  mutate,
  coverageAnalysis: "perTest",
  concurrency: 2,
  // Generous: a mutant that slows a scenario down is not a hang, and a busy machine runs slower than the dry run did.
  timeoutMS: 20_000,
  timeoutFactor: 3,
  incremental: true,
  incrementalFile: `${out}/stryker-incremental.json`,
  reporters: ["json", "html", "progress"],
  jsonReporter: { fileName: `${out}/mutation.json` },
  htmlReporter: { fileName: `${out}/mutation.html` },
  tempDirName: process.env.SESSIONPROBE_MUTATION_OUT ? `${out}/.stryker-tmp` : part ? `.stryker-tmp/${part}` : ".stryker-tmp",
  cleanTempDir: "always",
  // Another part's sandbox (parts graded side by side) is never copied into this one.
  ignorePatterns: [".stryker-tmp", "dist", "reports", "bench", "fuzz", ".git", "lint-fixtures", "templates", ".scratch"],
  thresholds: { high: 95, low: 90, break: null },
};
