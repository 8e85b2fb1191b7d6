import type { LoadedSuite } from "../../src/scenario/load.ts";
import { timedStartup } from "../lib/startup-timing.ts";

/**
 * specs/conformance.spec.ts, but over the generated suites in BENCH_SUITES only: every
 * scenario one test, declared at collection time, run by the production fixture.
 * The production spec also orders scenarios in waves (waiting ones first, exclusive
 * ones last); each generated suite is of one kind, so declaration order is the same.
 * Its imports are dynamic so that a worker can time them (bench/lib/startup-timing.ts):
 * the harness, the hand-over of the runner's collection, and the modules the fixture
 * loads on first use (the controlm mock and driver, the recorder, Allure's runtime).
 */
const dir = process.env.BENCH_SUITES;
if (!dir) throw new Error("BENCH_SUITES is not set: run the benchmark through npm run bench");
let fixtures!: typeof import("../../fixtures/conformance.ts");
let suites: LoadedSuite[] = [];
await timedStartup("sessionprobe", [
  [
    "harness",
    async () => {
      fixtures = await import("../../fixtures/conformance.ts");
      await import("../../src/scenario/collection.ts");
    },
  ],
  [
    "collection",
    async () => {
      const [{ collectSuites }, { findSuiteFiles }] = await Promise.all([
        import("../../src/scenario/collection.ts"),
        import("../../src/scenario/discover.ts"),
      ]);
      suites = await collectSuites(findSuiteFiles(dir));
    },
  ],
  ["on first use", () => fixtures.importFirstUseModules("controlm")],
]);
const { test } = fixtures;
test.use({ collection: { suites } });

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
