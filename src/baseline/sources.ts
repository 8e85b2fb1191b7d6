import { startMock } from "../mock-kit/server.ts";
import type { MockHostOptions } from "../mock-kit/host.ts";
import { findVariant, variantHostOptions } from "../vendors/variants.ts";
import { loadDriver, loadMock, vendorIds } from "../vendors/registry.ts";
import { readRecord, readTimeouts, recordPath, timeoutsPath, withTimeouts, writeJson } from "../observe/record-file.ts";
import { observeMock } from "../observe/run-in-process.ts";
import { type MeasureOptions, measureTimeouts } from "../observe/timeouts/measure.ts";
import type { ServiceTimeouts, TargetRecord } from "../observe/types.ts";
import { findSuiteFiles } from "../scenario/discover.ts";
import { loadSuitesOrThrow } from "../scenario/load.ts";
import { loadTargets } from "../targets/load.ts";
import { mockTarget } from "../targets/mock-target.ts";

/** Where a target's current record comes from, as the baseline command's flags say. */
export interface SourceOptions {
  target: string;
  /** A targets file: the target is one of its entries. Without one, the target is a built-in mock. */
  targetsFile?: string | undefined;
  /** Run the suites in-process against the built-in mock now, instead of reading the last run's record. */
  inProcess: boolean;
  /** A mock variant (a release among them) and `--set` options (built-in mocks only). */
  variant?: string | undefined;
  set: Record<string, string>;
  /** Measure the timeouts now (else use the last `baseline measure`, if any). */
  measure: boolean;
  measureOptions: MeasureOptions;
}

async function mockOptions(options: SourceOptions): Promise<MockHostOptions> {
  const mock = await loadMock(options.target);
  if (!mock)
    throw new Error(`"${options.target}" is not a built-in mock (${vendorIds.join(", ")}); name a target of a targets file with --targets`);
  return variantHostOptions(options.variant ? findVariant(mock, options.variant) : undefined, { options: options.set });
}

/** Measures the target's timeouts (an in-process mock, or a target of the targets file) and keeps them beside the run's record. */
export async function measureSource(options: SourceOptions): Promise<Record<string, ServiceTimeouts>> {
  let result: { timeouts: Record<string, ServiceTimeouts>; requests: number };
  if (options.targetsFile) {
    const target = loadTargets(options.targetsFile).find((t) => t.name === options.target);
    if (!target) throw new Error(`target ${options.target} is not in ${options.targetsFile}`);
    result = await measureTimeouts(target, options.measureOptions);
  } else {
    const hostOptions = await mockOptions(options);
    const mock = await loadMock(options.target);
    const driver = await loadDriver(options.target);
    if (!mock || !driver) throw new Error(`no built-in mock ${options.target}`);
    const running = await startMock(mock, hostOptions);
    try {
      result = await measureTimeouts(mockTarget(running, driver), options.measureOptions);
    } finally {
      await running.close();
    }
  }
  writeJson(timeoutsPath(options.target), result.timeouts);
  options.measureOptions.log?.(`${result.requests} requests; timeouts written to ${timeoutsPath(options.target)}`);
  return result.timeouts;
}

/** The current record: a fresh in-process run, or the last Playwright run's; with its timeouts. */
export async function currentRecord(options: SourceOptions): Promise<TargetRecord> {
  let record: TargetRecord;
  if (options.inProcess) {
    if (options.targetsFile) throw new Error("--in-process runs the built-in mocks; it does not go with --targets");
    record = await observeMock({ vendor: options.target, suites: loadSuitesOrThrow(findSuiteFiles()), mock: await mockOptions(options) });
    writeJson(recordPath(options.target), record);
  } else {
    const path = recordPath(options.target);
    try {
      record = readRecord(path);
    } catch (error) {
      throw new Error(
        `${(error as Error).message}: run the suites first (sessionprobe conformance, or sessionprobe run --targets <file>), or pass --in-process for a built-in mock`,
      );
    }
  }
  const timeouts = options.measure ? await measureSource(options) : readTimeouts(timeoutsPath(options.target));
  return withTimeouts(record, timeouts);
}
