import { importWorkerModules, test } from "../fixtures/conformance.ts";
import { GUARDED_TAG } from "../src/coordination/shard-plan.ts";
import { isExclusive } from "../src/engine/plan.ts";
import { collectSuites } from "../src/scenario/collection.ts";
import { findSuiteFiles } from "../src/scenario/discover.ts";
import type { LoadedScenario } from "../src/scenario/load.ts";

/**
 * Every YAML scenario becomes one test, declared synchronously at collection time.
 * A malformed file stops collection with every problem listed as file:line:column.
 * Each project (a mock vendor or a target) runs the tests tagged with its vendor.
 *
 * Declaration order is the schedule (fullyParallel): scenarios that wait out timeouts
 * start first, so their waits overlap; then the rest; scenarios that must run alone on
 * a shared server come last. Those carry @guarded: on a real target they run in the
 * target's own guarded project, after all the others, one at a time
 * (src/coordination/shard-plan.ts).
 */
// The runner loads and validates every file when it collects tests; its workers take what it loaded (src/scenario/collection.ts).
const suites = await collectSuites(findSuiteFiles());
// The fixtures see the whole run too: the guards count the scenarios that wait in real time.
test.use({ collection: { suites } });
// The runner compiles what workers load on demand (Playwright caches compiled files only from the runner).
if (process.env.TEST_WORKER_INDEX === undefined) await importWorkerModules();

const waits = (loaded: LoadedScenario) => loaded.steps.some((s) => s.verb === "expire");
const waves: ((loaded: LoadedScenario) => boolean)[] = [
  (l) => !isExclusive(l) && waits(l),
  (l) => !isExclusive(l) && !waits(l),
  isExclusive,
];

for (const inWave of waves) {
  for (const suite of suites) {
    const scenarios = suite.scenarios.filter(inWave);
    if (!scenarios.length) continue;
    test.describe(`${suite.vendor} ${suite.service}`, () => {
      for (const loaded of scenarios) {
        const { scenario } = loaded;
        const tags = [
          `@${suite.vendor}`,
          `@${suite.vendor}-${suite.service}`,
          ...(scenario.tags ?? []).map((t) => `@${t}`),
          ...(isExclusive(loaded) ? [GUARDED_TAG] : []),
        ];
        test(`${scenario.covers.join(" ")} ${scenario.name}`, { tag: tags }, async ({ runScenario }) => {
          await runScenario(suite, loaded);
        });
      }
    });
  }
}
