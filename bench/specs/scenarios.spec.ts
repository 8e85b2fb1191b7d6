import { test } from "../../fixtures/conformance.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";

/**
 * specs/conformance.spec.ts, but over the generated suites in BENCH_SUITES only: every
 * scenario one test, declared at collection time, run by the production fixture.
 * The production spec also orders scenarios in waves (waiting ones first, exclusive
 * ones last); each generated suite is of one kind, so declaration order is the same.
 */
const dir = process.env.BENCH_SUITES;
if (!dir) throw new Error("BENCH_SUITES is not set: run the benchmark through npm run bench");
const suites = loadSuitesOrThrow(findSuiteFiles(dir));

for (const suite of suites) {
  test.describe(`${suite.vendor} ${suite.service}`, () => {
    for (const loaded of suite.scenarios) {
      const { scenario } = loaded;
      const tags = [`@${suite.vendor}`, `@${suite.vendor}-${suite.service}`, ...(scenario.tags ?? []).map((t) => `@${t}`)];
      test(`${scenario.covers.join(" ")} ${scenario.name}`, { tag: tags }, async ({ runScenario }) => {
        await runScenario(suite, loaded);
      });
    }
  });
}
