// The Allure report and its quality gate in one Allure process: `node allure-report.mjs [--when-told] <results> <config> <output>`.
//
// `allure generate` never evaluates the quality gate, so the report's Quality Gates tab said "No
// quality gate results available" while `allure quality-gate` printed "Quality Gate failed" beside
// it. Here the gate is evaluated over the results the report holds (as `allure run` does) and its
// results are handed to the report before it is written: the tab shows the same rule, the same
// numbers and the same failed scenarios as the terminal. Plain Node: allurerc.mjs reads labels only.
// Exit code: 0 the gate passed, 1 it failed, 2 the report could not be written.
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
// Allure's own copy of its core, wherever npm placed it (hoisted or under allure/node_modules).
const corePath = createRequire(require.resolve("allure")).resolve("@allurereport/core");
const { AllureReport, readConfig, filterFailedQualityGateResults, stringifyQualityGateResults } = await import(pathToFileURL(corePath).href);

const args = process.argv.slice(2);
// Started early (`--when-told`), the process loads Allure while the run is still going, then waits: "go" on its
// standard input writes the report, anything else (the run wrote no results, or its parent is gone) ends it.
const whenTold = args[0] === "--when-told";
const [results, configFile, output] = whenTold ? args.slice(1) : args;
if (!results || !configFile || !output) {
  process.stderr.write("usage: node allure-report.mjs [--when-told] <allure-results> <allurerc.mjs> <output folder>\n");
  process.exit(2);
}
if (whenTold) {
  let told = "";
  for await (const chunk of process.stdin) told += chunk;
  if (told.trim() !== "go") process.exit(0);
}

try {
  const config = await readConfig(process.cwd(), configFile, { output });
  const report = new AllureReport(config);
  await report.start();
  await report.readDirectory(results);
  let gate = [];
  if (report.hasQualityGate) {
    const trs = await report.store.allTestResults({ includeRetries: false });
    ({ results: gate } = await report.validate({ trs }));
    report.realtimeDispatcher.sendQualityGateResults(gate);
  }
  await report.done();
  const failed = filterFailedQualityGateResults(gate);
  if (failed.length) process.stdout.write(`${stringifyQualityGateResults(gate)}\n`);
  process.exitCode = failed.length ? 1 : 0;
} catch (error) {
  process.stderr.write(`the Allure report could not be written: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 2;
}
