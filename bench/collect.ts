import { timeCollection, timeRunCollection } from "./lib/timed-collection.ts";
import "../test-support/drivers.ts";

/**
 * Collection benchmark, in a fresh process. Prints one JSON line.
 *   collect.ts <dir>          import the loader (cold modules), then loadSuiteFiles over every file (row 5)
 *   collect.ts --run <dir>    collectSuites as a run's runner does it, through the loaded-file cache
 *                             (SESSIONPROBE_CACHE_DIR names the cache: empty, then filled by the previous call)
 */
const run = process.argv[2] === "--run";
const dir = process.argv[run ? 3 : 2];
if (!dir) throw new Error("usage: collect.ts [--run] <suites dir>");
const timing = run ? await timeRunCollection(dir) : (await timeCollection(dir)).timing;
process.stdout.write(`${JSON.stringify(timing)}\n`);
