import { performance } from "node:perf_hooks";

/**
 * Collection benchmark, in a fresh process: import the loader (cold modules, schema
 * compilation), then loadSuiteFiles over every generated file. Prints one JSON line.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: collect.ts <suites dir>");
const t0 = performance.now();
const { loadSuiteFiles } = await import("../src/scenario/load.ts");
const { findSuiteFiles } = await import("../src/scenario/discover.ts");
const t1 = performance.now();
const files = findSuiteFiles(dir);
const t2 = performance.now();
const { suites, problems } = loadSuiteFiles(files);
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({ importMs: t1 - t0, findMs: t2 - t1, loadMs: t3 - t2, files: files.length, suites: suites.length, scenarios: suites.reduce((n, s) => n + s.scenarios.length, 0), problems: problems.length })}\n`,
);
