import type { FailureKind, StepLocation } from "../engine/failure.ts";
import type { MockVariant, VendorMock } from "../vendor-api/mock.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { variantSetup } from "../vendors/variants.ts";
import { MockRun } from "./mock-run.ts";

export interface ScenarioVerdict {
  suite: string;
  scenario: string;
  covers: readonly string[];
  outcome: "passed" | "failed" | "skipped";
  error?: string;
  /** Of a failure: only "expectation" is a verdict on the server. */
  failureKind?: FailureKind;
  /** Of a failure: the step that failed. */
  location?: StepLocation;
  /** Of a failure: the behaviour ids the failed step asserts (its own covers, else the scenario's). */
  failedIds?: readonly string[];
  /** label → value, for telling legal variants apart. */
  observations: Record<string, string>;
  /** Sessions the mock still held after teardown. */
  leftOpen: number;
}

/** Runs scenarios against one mock in this process and says how each went (the defect matrix's view). */
export async function runAgainstMock(options: {
  mock: VendorMock;
  suites: readonly LoadedSuite[];
  defects?: readonly string[];
  filter?: (s: LoadedScenario) => boolean;
  /** A legal variant, and/or timeouts and options on top of it (the sweep). */
  variant?: MockVariant;
  setup?: { idleMs?: number | null; lifetimeMs?: number | null; options?: Record<string, string> };
  /** Over a real socket instead of through the mock's app (for transport faults). */
  wire?: boolean;
}): Promise<ScenarioVerdict[]> {
  const { host, declared } = variantSetup(options.variant, options.setup);
  const run = await MockRun.start(options.mock, { ...host, defects: options.defects ?? [] }, declared, { wire: options.wire === true });
  const verdicts: ScenarioVerdict[] = [];
  try {
    for (const { suite, loaded } of run.scenarios(options.suites, options.filter)) {
      const base = { suite: suite.file, scenario: loaded.scenario.name, covers: loaded.scenario.covers };
      const { skip, error, failure, runner, leftOpen: counted } = await run.run(suite, loaded, {}, { leftOpen: true });
      if (skip) {
        verdicts.push({ ...base, outcome: "skipped", error: skip, observations: {}, leftOpen: 0 });
        continue;
      }
      const observations: Record<string, string> = {};
      for (const o of runner?.outcome.observations ?? [])
        observations[o.label] = typeof o.value === "string" ? o.value : JSON.stringify(o.value);
      // -1: the mock did not say, as MockRun.openSessions() has it.
      const leftOpen = counted ?? -1;
      if (error === undefined) verdicts.push({ ...base, outcome: "passed", observations, leftOpen });
      else {
        const verdict: ScenarioVerdict = { ...base, outcome: "failed", error, observations, leftOpen };
        if (failure) verdict.failureKind = failure.kind;
        if (failure?.location) verdict.location = failure.location;
        if (failure?.ids) verdict.failedIds = failure.ids;
        verdicts.push(verdict);
      }
    }
  } finally {
    await run.stop();
  }
  return verdicts;
}
