import { test } from "../fixtures/conformance.ts";
import { findSuiteFiles } from "../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../src/scenario/load.ts";

/**
 * Every YAML scenario becomes one test, declared synchronously at collection time.
 * A malformed file stops collection with every problem listed as file:line:column.
 * Each project (a mock vendor or a target) runs the tests tagged with its vendor.
 */
const suites = loadSuitesOrThrow(findSuiteFiles());

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
