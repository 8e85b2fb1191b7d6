import { timeCollection } from "./lib/timed-collection.ts";

/**
 * Collection benchmark, in a fresh process: import the loader (cold modules, schema
 * compilation), then loadSuiteFiles over every generated file. Prints one JSON line.
 */
const dir = process.argv[2];
if (!dir) throw new Error("usage: collect.ts <suites dir>");
const { timing } = await timeCollection(dir);
process.stdout.write(`${JSON.stringify(timing)}\n`);
