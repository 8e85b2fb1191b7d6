import { silentHooks } from "../engine/hooks.ts";
import type { MockHostOptions } from "../mock-kit/host.ts";
import { loadMock } from "../vendors/registry.ts";
import { MockRun } from "../in-process/mock-run.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { assembleRecord } from "./record-file.ts";
import { ScenarioRecorder } from "./recorder.ts";
import type { ScenarioObservation, TargetRecord } from "./types.ts";

export interface InProcessOptions {
  vendor: string;
  suites: readonly LoadedSuite[];
  /** Mock options (a variant's, see src/vendors/variants.ts). */
  mock?: MockHostOptions;
  filter?: (scenario: LoadedScenario) => boolean;
}

/**
 * Every scenario of a vendor against a fresh in-process mock, with the hooks that
 * build the observation record: the same record a Playwright run writes, in a second
 * or two and without Playwright (the baseline test and `baseline … --in-process`).
 */
export async function observeMock(options: InProcessOptions): Promise<TargetRecord> {
  const mock = await loadMock(options.vendor);
  if (!mock) throw new Error(`no built-in mock for ${options.vendor}`);
  const run = await MockRun.start(mock, options.mock ?? {});
  const scenarios: ScenarioObservation[] = [];
  try {
    for (const { suite, loaded } of run.scenarios(options.suites, options.filter)) {
      const recorder = new ScenarioRecorder({ suite, loaded, baseUrl: run.target.baseUrl, driver: run.driver });
      const { skip, runner, error } = await run.run(suite, loaded, { driver: recorder.driver, hooks: recorder.hooks(silentHooks) });
      // A skipped scenario leaves no record, as in a Playwright run.
      if (skip || !runner) continue;
      scenarios.push(recorder.finish(runner.outcome, error === undefined ? "passed" : "failed"));
    }
  } finally {
    await run.stop();
  }
  return assembleRecord(run.target.name, run.target.vendor, scenarios);
}
