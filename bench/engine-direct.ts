import { PerformanceObserver, performance } from "node:perf_hooks";
import { timeCollection } from "./lib/timed-collection.ts";
import "../test-support/drivers.ts";

/**
 * The engine without Playwright (src/in-process/run-suites.ts), in a fresh process:
 * collect the generated suites (as bench/collect.ts does), then run them against one
 * in-process controlm mock, one after another, silent hooks. Prints one JSON line with
 * the collection's timing, the run's, the GC pauses of each, and the process's peak RSS.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: engine-direct.ts <suites dir>");

/** GC pause time, summed, split by phase: collection or run. */
const gcMs = { collection: 0, run: 0 };
let phase: keyof typeof gcMs = "collection";
const gc = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) gcMs[phase] += entry.duration;
});
gc.observe({ entryTypes: ["gc"] });

const { timing: collection, suites } = await timeCollection(dir);
if (collection.problems) throw new Error(`${collection.problems} problem(s) loading ${dir}`);
phase = "run";
const t0 = performance.now();
const [{ runAgainstMock }, { controlmMock }] = await Promise.all([
  import("../src/in-process/run-suites.ts"),
  import("../src/vendors/controlm/mock/index.ts"),
]);
const t1 = performance.now();
const verdicts = await runAgainstMock({ mock: controlmMock, suites });
const t2 = performance.now();
// Observer callbacks are delivered asynchronously: let the last GC entries arrive.
await new Promise((resolve) => setImmediate(resolve));
gc.disconnect();
process.stdout.write(
  `${JSON.stringify({
    collection,
    importMs: t1 - t0,
    runMs: t2 - t1,
    gcMs,
    maxRssKiB: process.resourceUsage().maxRSS,
    heapUsedBytes: process.memoryUsage().heapUsed,
    scenarios: verdicts.length,
    passed: verdicts.filter((v) => v.outcome === "passed").length,
  })}\n`,
);
