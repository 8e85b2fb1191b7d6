import { performance } from "node:perf_hooks";

/**
 * The engine without Playwright (src/in-process/run-suites.ts): the generated scenarios
 * against one in-process controlm mock, sequentially, silent hooks. Prints one JSON line.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: engine-direct.ts <suites dir>");
const t0 = performance.now();
const { runAgainstMock } = await import("../src/in-process/run-suites.ts");
const { controlmMock } = await import("../src/mocks/controlm/index.ts");
const { findSuiteFiles } = await import("../src/scenario/discover.ts");
const { loadSuitesOrThrow } = await import("../src/scenario/load.ts");
const t1 = performance.now();
const suites = loadSuitesOrThrow(findSuiteFiles(dir));
const t2 = performance.now();
const verdicts = await runAgainstMock({ mock: controlmMock, suites });
const t3 = performance.now();
process.stdout.write(
  `${JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, runMs: t3 - t2, scenarios: verdicts.length, passed: verdicts.filter((v) => v.outcome === "passed").length })}\n`,
);
