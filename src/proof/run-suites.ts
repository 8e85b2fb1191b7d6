import type { VendorMock } from "../mocks/core/types.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { MockRun } from "./mock-run.ts";

export interface ScenarioVerdict {
  suite: string;
  scenario: string;
  covers: readonly string[];
  outcome: "passed" | "failed" | "skipped";
  error?: string;
  /** Sessions the mock still held after teardown. */
  leftOpen: number;
}

/** Runs scenarios against one in-process mock and says how each went (the defect matrix's view). */
export async function runAgainstMock(options: { mock: VendorMock; suites: readonly LoadedSuite[]; defects?: readonly string[]; filter?: (s: LoadedScenario) => boolean }): Promise<ScenarioVerdict[]> {
  const run = await MockRun.start(options.mock, { defects: options.defects ?? [] });
  const verdicts: ScenarioVerdict[] = [];
  try {
    for (const { suite, loaded } of run.scenarios(options.suites, options.filter)) {
      const base = { suite: suite.file, scenario: loaded.scenario.name, covers: loaded.scenario.covers };
      const { skip, error } = await run.run(suite, loaded);
      if (skip) {
        verdicts.push({ ...base, outcome: "skipped", error: skip, leftOpen: 0 });
        continue;
      }
      const leftOpen = await run.openSessions();
      verdicts.push(error === undefined ? { ...base, outcome: "passed", leftOpen } : { ...base, outcome: "failed", error, leftOpen });
    }
  } finally {
    await run.stop();
  }
  return verdicts;
}
