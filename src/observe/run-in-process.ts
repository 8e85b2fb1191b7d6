import { findVendor } from "../drivers/registry.ts";
import { silentHooks } from "../engine/hooks.ts";
import { planScenario } from "../engine/plan.ts";
import { ScenarioRunner } from "../engine/run-scenario.ts";
import { VirtualTime } from "../engine/time.ts";
import { Transport } from "../http/transport.ts";
import type { MockHostOptions } from "../mocks/core/host.ts";
import { startMock } from "../mocks/core/server.ts";
import { mocks } from "../mocks/registry.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { mockTarget } from "../targets/mock-target.ts";
import { systemClock } from "../time/clock.ts";
import { assembleRecord } from "./record-file.ts";
import { ScenarioRecorder } from "./recorder.ts";
import type { ScenarioObservation, TargetRecord } from "./types.ts";

export interface InProcessOptions {
  vendor: string;
  suites: readonly LoadedSuite[];
  /** Mock options (a profile's, see src/mocks/profiles.ts). */
  mock?: MockHostOptions;
  filter?: (scenario: LoadedScenario) => boolean;
}

/**
 * Every scenario of a vendor against a fresh in-process mock, with the hooks that
 * build the observation record: the same record a Playwright run writes, in a second
 * or two and without Playwright (the baseline test and `baseline … --in-process`).
 */
export async function observeMock(options: InProcessOptions): Promise<TargetRecord> {
  const mock = mocks[options.vendor];
  if (!mock) throw new Error(`no built-in mock for ${options.vendor}`);
  const running = await startMock(mock, options.mock ?? {});
  const target = mockTarget(running);
  const driver = findVendor(target.vendor);
  if (!driver) throw new Error(`no driver for ${target.vendor}`);
  const transport = new Transport({ timeoutMs: target.stepTimeoutMs, clock: systemClock, tls: target.tls });
  const control = target.controlUrl ?? `${target.baseUrl}/__sessionprobe`;
  const scenarios: ScenarioObservation[] = [];
  try {
    for (const suite of options.suites.filter((s) => s.vendor === target.vendor)) {
      for (const loaded of suite.scenarios.filter(options.filter ?? (() => true))) {
        // A skipped scenario leaves no record, as in a Playwright run.
        if (planScenario(loaded, target, driver).skip) continue;
        const recorder = new ScenarioRecorder({ suite, loaded, baseUrl: target.baseUrl, driver });
        const time = new VirtualTime(control, transport);
        await time.start({ reset: true });
        const runner = new ScenarioRunner({ suite, loaded, target, driver: recorder.driver, transport, time, hooks: recorder.hooks(silentHooks) });
        let failed = false;
        try {
          await runner.execute();
        } catch {
          failed = true;
        } finally {
          await runner.teardown();
        }
        scenarios.push(recorder.finish(runner.outcome, failed ? "failed" : "passed"));
      }
    }
  } finally {
    await transport.close();
    await running.close();
  }
  return assembleRecord(target.name, target.vendor, scenarios);
}
