import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { MockRun } from "../in-process/mock-run.ts";
import { loadSuitesOrThrow } from "../scenario/load.ts";
import { systemClock } from "../time/clock.ts";
import { controlmMock } from "../vendors/controlm/mock/index.ts";
import { type PipelineHooks, type PipelineOptions, ScenarioPipeline } from "./run-one-scenario.ts";
import "../../test-support/drivers.ts";

/** One Control-M scenario, run by the pipeline against a fresh mock driven through its app. */
async function withScenario<T>(
  steps: string,
  body: (make: (hooks?: PipelineHooks, options?: Partial<PipelineOptions>) => ScenarioPipeline) => Promise<T>,
) {
  const file = join(mkdtempSync(join(tmpdir(), "sp-pipeline-")), "pipeline.yaml");
  writeFileSync(file, `vendor: controlm\nservice: session\nscenarios:\n  - name: one\n    covers: [CTM-S-01]\n    steps:\n${steps}`);
  const [suite] = loadSuitesOrThrow([file]);
  const loaded = suite?.scenarios[0];
  if (!suite || !loaded) throw new Error("the suite did not load");
  const run = await MockRun.start(controlmMock);
  try {
    const { target, driver, transport } = run;
    return await body(
      (hooks = {}, options = {}) =>
        new ScenarioPipeline({ suite, loaded, target, driver, transport, control: transport, clock: systemClock }, hooks, {
          unmodelled: "harness-error",
          countOpenSessions: true,
          ...options,
        }),
    );
  } finally {
    await run.stop();
  }
}

const MISTYPED = "      - request: { method: GET, path: /sessoin/no-such-route }\n";

test("the hooks come in the pipeline's order, and the session a scenario left open is logged out before the mock is asked", async () => {
  await withScenario("      - login: {}\n        expect: { status: 200 }\n", async (make) => {
    const seen: string[] = [];
    const pipeline = make({
      admit: () => {
        seen.push("admit");
        return {};
      },
      instrument: () => {
        seen.push("instrument");
        return {};
      },
      onRunner: () => {
        seen.push("runner");
      },
      beforeExecute: async () => {
        seen.push("before-execute");
      },
    });
    const result = await pipeline.run();
    expect(seen).toEqual(["admit", "instrument", "runner", "before-execute"]);
    if (result.skip !== undefined) throw new Error(`skipped: ${result.skip}`);
    expect(result.failure).toBeUndefined();
    expect(result.aftermath).toEqual({ closedInTeardown: 1, teardownFailures: [], leaks: { leftOpen: 0, unmodelled: [] } });
    // Finished once: a caller's own cleanup (a timed-out test) gets the same account, not a second teardown.
    expect(await pipeline.finish()).toBe(result.aftermath);
  });
});

test("a skip from the admission stops the pipeline before the target is touched", async () => {
  await withScenario("      - login: {}\n", async (make) => {
    let instrumented = false;
    const pipeline = make({
      admit: () => ({ skip: "not on this shard" }),
      instrument: () => {
        instrumented = true;
        return {};
      },
    });
    expect(await pipeline.run()).toEqual({ skip: "not on this shard" });
    expect(instrumented).toBe(false);
    expect(pipeline.finish()).toBeUndefined();
  });
});

test("a request no route models fails a scenario that passed as a harness error, under either policy", async () => {
  await withScenario(`${MISTYPED}        expect: { status: [404, 401] }\n`, async (make) => {
    for (const unmodelled of ["harness-error", "evidence"] as const) {
      const result = await make({}, { unmodelled }).run();
      if (result.skip !== undefined) throw new Error(`skipped: ${result.skip}`);
      expect(result.failure?.stage).toBe("unmodelled");
      expect(result.failure?.error.kind).toBe("harness");
      expect(result.failure?.error.message).toMatch(
        /^\[controlm\] .*pipeline\.yaml "one": requests that no route of the controlm mock models: GET /,
      );
    }
  });
});

test("a failed assertion on an unmodelled route is a harness error, unless the policy takes it as evidence", async () => {
  await withScenario(`${MISTYPED}        expect: { status: 200 }\n`, async (make) => {
    const strict = await make({}, { unmodelled: "harness-error" }).run();
    const evidence = await make({}, { unmodelled: "evidence" }).run();
    if (strict.skip !== undefined || evidence.skip !== undefined) throw new Error("skipped");
    expect([strict.failure?.stage, strict.failure?.error.kind]).toEqual(["unmodelled", "harness"]);
    expect([evidence.failure?.stage, evidence.failure?.error.kind]).toEqual(["execute", "expectation"]);
    // The steps' own error, as thrown, for a caller that rethrows it unchanged.
    expect(evidence.failure?.thrown).toBe(evidence.failure?.error);
  });
});

test("what a hook throws before the steps ends the run unclassified, after the teardown", async () => {
  await withScenario("      - login: {}\n", async (make) => {
    const pipeline = make({
      beforeExecute: async () => {
        throw new Error("the rendezvous was cancelled");
      },
    });
    await expect(pipeline.run()).rejects.toThrow("the rendezvous was cancelled");
    expect(await pipeline.finish()).toEqual({ closedInTeardown: 0, teardownFailures: [], leaks: { leftOpen: 0, unmodelled: [] } });
  });
});
