import { vendorIds } from "../src/vendors/registry.ts";
import { SWEEP, setupFor } from "../src/matrices/sweep.ts";
import { MockRun } from "../src/in-process/mock-run.ts";
import { variantSetup } from "../src/vendors/variants.ts";
import type { MockHostOptions } from "../src/mock-kit/host.ts";
import type { VendorMock } from "../src/vendor-api/mock.ts";
import { mocks } from "../test-support/mocks.ts";
import { findSuiteFiles } from "../src/scenario/discover.ts";
import { type LoadedScenario, type LoadedSuite, loadSuitesOrThrow } from "../src/scenario/load.ts";
import type { MockDeclaration } from "../src/targets/mock-target.ts";

/**
 * The tests mutation testing grades the mocks with: every scenario of the suites, in
 * process, against its vendor's mock — the documented defaults first, then every legal
 * variant and every timeout setting of the sweep, so that code only a variant or a short
 * timeout reaches is graded too. Each mutant of the mocks' behaviour code is a server
 * defect nobody designed; a test kills it only when an assertion about the server fails
 * (an expectation failure). A crash, a transport failure or a configuration problem is
 * no catch: the test passes, and the runner lists it.
 */
export interface ScenarioTest {
  id: string;
  vendor: string;
  setup: string;
  host: MockHostOptions;
  declared: MockDeclaration;
  suite: LoadedSuite;
  loaded: LoadedScenario;
}

export interface TestOutcome {
  /** An assertion about the server failed: the only kill. */
  killed: boolean;
  /** The first line of the failure, for the report. */
  message?: string;
  /** A failure that is not a verdict on the server (transport, configuration, harness): listed, never a kill. */
  crash?: string;
}

interface Setup {
  name: string;
  host: MockHostOptions;
  declared: MockDeclaration;
}

function setupsOf(mock: VendorMock): Setup[] {
  const base = variantSetup(undefined);
  const setups: Setup[] = [{ name: "documented defaults", host: base.host, declared: base.declared }];
  for (const variant of mock.variants) setups.push({ name: `variant ${variant.name}`, ...variantSetup(variant) });
  for (const setting of SWEEP) setups.push({ name: `timeouts ${setting.name}`, ...variantSetup(undefined, setupFor(mock.id, setting)) });
  return setups;
}

/**
 * Every vendor's documented defaults first, then the timeout settings, then the variants:
 * a mutant runs its covering tests in this order and stops at the first that kills it, and
 * a mutant of shared code (the session table) is most often killed by some vendor's defaults.
 */
export function listScenarioTests(): ScenarioTest[] {
  const suites = loadSuitesOrThrow(findSuiteFiles());
  const tests: ScenarioTest[] = [];
  const rank = (setup: string) => (setup === "documented defaults" ? 0 : setup.startsWith("timeouts") ? 1 : 2);
  // One vendor's part is graded by that vendor's scenarios alone (the shared session table by every vendor's).
  const part = process.env.SESSIONPROBE_MUTATION_VENDOR;
  for (const vendor of vendorIds) {
    const mock = mocks[vendor];
    if (!mock || (part !== undefined && part !== "core" && part !== vendor)) continue;
    for (const setup of setupsOf(mock)) {
      for (const suite of suites.filter((s) => s.vendor === vendor)) {
        for (const loaded of suite.scenarios) {
          const id = `${vendor} [${setup.name}] ${suite.file}:${loaded.position.line} ${loaded.scenario.name}`;
          tests.push({ id, vendor, setup: setup.name, host: setup.host, declared: setup.declared, suite, loaded });
        }
      }
    }
  }
  return tests.sort((a, b) => rank(a.setup) - rank(b.setup));
}

/**
 * One scenario against a mock created for it alone: a mock built before the mutant was
 * switched on would keep what its constructor computed without it.
 */
export async function runScenarioTest(test: ScenarioTest): Promise<TestOutcome & { skipped?: string }> {
  const mock = mocks[test.vendor] as VendorMock;
  const run = await MockRun.start(mock, test.host, test.declared);
  try {
    const { skip, failure } = await run.run(test.suite, test.loaded, {}, { unmodelled: "evidence" });
    if (skip) return { killed: false, skipped: skip };
    if (!failure) return { killed: false };
    const message = failure.message.split("\n")[0] ?? failure.message;
    return failure.kind === "expectation" ? { killed: true, message } : { killed: false, crash: `${failure.kind}: ${message}` };
  } catch (error) {
    return { killed: false, crash: `harness: ${(error as Error).message.split("\n")[0]}` };
  } finally {
    await run.stop();
  }
}
