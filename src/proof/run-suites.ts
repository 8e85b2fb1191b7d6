import { findVendor } from "../drivers/registry.ts";
import { silentHooks } from "../engine/hooks.ts";
import { planScenario } from "../engine/plan.ts";
import { ScenarioRunner } from "../engine/run-scenario.ts";
import { VirtualTime } from "../engine/time.ts";
import { Transport } from "../http/transport.ts";
import { startMock } from "../mocks/core/server.ts";
import type { VendorMock } from "../mocks/core/types.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { mockTarget } from "../targets/mock-target.ts";
import { systemClock } from "../time/clock.ts";

export interface ScenarioVerdict {
  suite: string;
  scenario: string;
  covers: readonly string[];
  outcome: "passed" | "failed" | "skipped";
  error?: string;
  /** Sessions the mock still held after teardown. */
  leftOpen: number;
}

/**
 * Runs scenarios against one in-process mock, without Playwright: the engine is
 * runner-agnostic, so the defect matrix and the benchmarks drive it directly.
 */
export async function runAgainstMock(options: { mock: VendorMock; suites: readonly LoadedSuite[]; defects?: readonly string[]; filter?: (s: LoadedScenario) => boolean }): Promise<ScenarioVerdict[]> {
  const running = await startMock(options.mock, { defects: options.defects ?? [] });
  const target = mockTarget(running);
  const driver = findVendor(target.vendor);
  if (!driver) throw new Error(`no driver for ${target.vendor}`);
  const transport = new Transport({ timeoutMs: target.stepTimeoutMs, clock: systemClock, tls: target.tls });
  const control = target.controlUrl as string;
  const verdicts: ScenarioVerdict[] = [];
  try {
    for (const suite of options.suites.filter((s) => s.vendor === target.vendor)) {
      for (const loaded of suite.scenarios.filter(options.filter ?? (() => true))) {
        const base = { suite: suite.file, scenario: loaded.scenario.name, covers: loaded.scenario.covers };
        const plan = planScenario(loaded, target, driver);
        if (plan.skip) {
          verdicts.push({ ...base, outcome: "skipped", error: plan.skip, leftOpen: 0 });
          continue;
        }
        const time = new VirtualTime(control, transport);
        await time.start({ reset: true });
        const runner = new ScenarioRunner({ suite, loaded, target, driver, transport, time, hooks: silentHooks });
        let error: string | undefined;
        try {
          await runner.execute();
        } catch (e) {
          error = (e as Error).message;
        } finally {
          await runner.teardown();
        }
        const sessions = await transport.send({ method: "GET", url: `${control}/sessions`, headers: {} }, "sessions");
        const leftOpen = Number((sessions.response.parsed as { open?: number } | undefined)?.open ?? -1);
        verdicts.push(error === undefined ? { ...base, outcome: "passed", leftOpen } : { ...base, outcome: "failed", error, leftOpen });
      }
    }
  } finally {
    await transport.close();
    await running.close();
  }
  return verdicts;
}
