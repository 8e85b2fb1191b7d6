import { importWorkerModules, test } from "../fixtures/conformance.ts";
import { GUARDED_TAG } from "../src/coordination/shard-plan.ts";
import { longestFirst } from "../src/coordination/wait-schedule.ts";
import { handedSchedule, scenarioKey } from "../src/coordination/run-schedule.ts";
import { isExclusive } from "../src/engine/plan.ts";
import { collectSuites } from "../src/scenario/collection.ts";
import { findSuiteFiles } from "../src/scenario/discover.ts";
import type { LoadedScenario, LoadedSuite } from "../src/scenario/load.ts";
import { scenarioTitle } from "../src/scenario/title.ts";

/**
 * Every YAML scenario becomes one test, declared synchronously at collection time.
 * A malformed file stops collection with every problem listed as file:line:column.
 * Each project (a mock vendor or a target) runs the tests tagged with its vendor.
 *
 * Declaration order is the schedule (fullyParallel: each test goes to the first free
 * worker, in this order): scenarios that wait out timeouts start first, so their waits
 * overlap — against targets that wait in real time, longest first, so that the run ends
 * with its longest scenario (src/coordination/wait-schedule.ts); then the rest, which fill
 * the gaps; scenarios that must run alone on a shared server come last. Those carry
 * @guarded: on a real target they run in the target's own guarded project, after all the
 * others, one at a time (src/coordination/shard-plan.ts).
 */
// The runner loads and validates every file when it collects tests; its workers take what it loaded (src/scenario/collection.ts).
const suites = await collectSuites(findSuiteFiles());
// The fixtures see the whole run too: the guards count the scenarios that wait in real time.
test.use({ collection: { suites } });
// The runner compiles what workers load on demand (Playwright caches compiled files only from the runner).
if (process.env.TEST_WORKER_INDEX === undefined) await importWorkerModules();
// What the config decided for targets that wait in real time (the same in the runner and its workers); none against the mocks.
const estimates = handedSchedule()?.estimates;

const waits = (loaded: LoadedScenario) => loaded.steps.some((s) => s.verb === "expire");
const waves: ((loaded: LoadedScenario) => boolean)[] = [
  (l) => !isExclusive(l) && waits(l),
  (l) => !isExclusive(l) && !waits(l),
  isExclusive,
];

interface Declared {
  suite: LoadedSuite;
  loaded: LoadedScenario;
  estimateMs: number;
}

/** A wave's scenarios in the order to declare them: by suite, or longest first when the run has estimates. */
function ordered(inWave: (loaded: LoadedScenario) => boolean): Declared[] {
  const all = suites.flatMap((suite) =>
    suite.scenarios.filter(inWave).map((loaded) => ({ suite, loaded, estimateMs: estimates?.get(scenarioKey(suite, loaded)) ?? 0 })),
  );
  return estimates?.size ? longestFirst(all) : all;
}

function declare({ suite, loaded }: Declared): void {
  const { scenario } = loaded;
  const tags = [
    `@${suite.vendor}`,
    `@${suite.vendor}-${suite.service}`,
    ...(scenario.tags ?? []).map((t) => `@${t}`),
    ...(isExclusive(loaded) ? [GUARDED_TAG] : []),
  ];
  test(scenarioTitle(scenario), { tag: tags }, async ({ runScenario }) => {
    await runScenario(suite, loaded);
  });
}

for (const inWave of waves) {
  const wave = ordered(inWave);
  // One describe per run of the same suite: a suite's title path stays the same in any order (the tests' ids with it).
  for (let i = 0; i < wave.length; ) {
    const suite = (wave[i] as Declared).suite;
    let end = i;
    while (end < wave.length && (wave[end] as Declared).suite === suite) end++;
    const run = wave.slice(i, end);
    test.describe(`${suite.vendor} ${suite.service}`, () => {
      for (const declared of run) declare(declared);
    });
    i = end;
  }
}
