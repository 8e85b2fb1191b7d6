import { loadDriver } from "../vendors/registry.ts";
import type { VendorDriver } from "../vendor-api/driver.ts";
import type { EngineHooks } from "../engine/hooks.ts";
import type { ScenarioRunner } from "../engine/run-scenario.ts";
import { Transport } from "../http/transport.ts";
import { AppTransport } from "./app-transport.ts";
import type { MockHostOptions } from "../mock-kit/host.ts";
import { createMockHost } from "../mock-kit/host.ts";
import { type RunningMock, startMock } from "../mock-kit/server.ts";
import type { VendorMock } from "../vendor-api/mock.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import type { SessionprobeError } from "../engine/failure.ts";
import { ScenarioPipeline, type UnmodelledPolicy } from "../pipeline/run-one-scenario.ts";
import { type MockDeclaration, mockTarget } from "../targets/mock-target.ts";
import { openSessionCount, unmodelledRequests } from "../targets/control-plane-client.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { systemClock } from "../time/clock.ts";

/**
 * The origin a mock driven through its app is addressed by: loopback, as a served mock's is
 * (cookie jars treat it as a secure context, so Secure cookies travel as they would), on the
 * discard port, where a request that escaped to the network would find nobody listening.
 */
const APP_ORIGIN = "http://127.0.0.1:9";

/** How one scenario went against the mock. */
export interface ScenarioRun {
  /** Why it did not run against this mock, if it did not. */
  skip?: string;
  /** The first failed step's message, if it failed. */
  error?: string;
  /** What the failure was: only an expectation failure says anything about the mock. */
  failure?: SessionprobeError;
  runner?: ScenarioRunner;
  /** Sessions the mock still held after teardown, when the run asked (`leftOpen: true`). */
  leftOpen?: number;
}

/** What a caller may wrap around one scenario: the driver it sees and the hooks it reports through. */
export interface Instrument {
  driver?: VendorDriver;
  hooks?: EngineHooks;
}

/**
 * One mock in this process, driven without Playwright: the engine is runner-agnostic, so
 * the defect matrix, the baseline observer and the benchmarks all run scenarios
 * through this, each scenario on a freshly reset mock.
 */
export class MockRun {
  private constructor(
    readonly target: ResolvedTarget,
    readonly driver: VendorDriver,
    readonly transport: Transport,
    private readonly close: () => Promise<void>,
  ) {}

  /**
   * `declared`: what a targets file would say of this mock (timeouts, `options:`). By
   * default the host options' own timeouts and options, else the documented timeouts:
   * never the mock's internal defaults, so a drifted default fails. `via.wire`: over a
   * real socket (for faults only a socket can show), instead of handing requests to the app.
   */
  static async start(
    mock: VendorMock,
    options: MockHostOptions = {},
    declared?: MockDeclaration,
    via: { wire?: boolean } = {},
  ): Promise<MockRun> {
    // Through the app, no socket is opened: requests go to the app itself, under an address nothing listens on.
    const running: RunningMock = via.wire
      ? await startMock(mock, options)
      : { host: createMockHost(mock, options), baseUrl: APP_ORIGIN, close: async () => {} };
    const declaration: MockDeclaration = declared ?? { options: { ...options.options } };
    if (!declared && "idleMs" in options) declaration.idleMs = options.idleMs ?? null;
    if (!declared && "lifetimeMs" in options) declaration.lifetimeMs = options.lifetimeMs ?? null;
    const driver = await loadDriver(mock.id);
    if (!driver) {
      await running.close();
      throw new Error(`no driver for ${mock.id}`);
    }
    let target: ResolvedTarget;
    try {
      target = mockTarget(running, driver, declaration);
    } catch (error) {
      await running.close();
      throw error;
    }
    // The app by default: the same app, without the loopback socket (see AppTransport); `wire` for what needs real TCP.
    const transportOptions = { timeoutMs: target.stepTimeoutMs, clock: systemClock, tls: target.tls };
    const transport = via.wire
      ? new Transport(transportOptions)
      : new AppTransport(transportOptions, (request) => running.host.app.fetch(request));
    return new MockRun(target, driver, transport, async () => {
      await transport.close();
      await running.close();
    });
  }

  /** Every scenario of this mock's vendor, optionally filtered, in file order. */
  scenarios(
    suites: readonly LoadedSuite[],
    filter: (s: LoadedScenario) => boolean = () => true,
  ): { suite: LoadedSuite; loaded: LoadedScenario }[] {
    return suites
      .filter((s) => s.vendor === this.target.vendor)
      .flatMap((suite) => suite.scenarios.filter(filter).map((loaded) => ({ suite, loaded })));
  }

  /**
   * Plans, resets the mock, runs and tears down one scenario (src/pipeline, as the Playwright
   * fixture does). A request no route models is a harness error (a mistyped driver URL) even
   * where a step failed on the 404 — unless `unmodelled: "evidence"`: a mutated mock that no
   * longer serves a documented route is a server that broke the behaviour, and the failed
   * assertion is the verdict. `leftOpen`: also ask how many sessions the mock still holds.
   */
  async run(
    suite: LoadedSuite,
    loaded: LoadedScenario,
    instrument: Instrument = {},
    options: { unmodelled?: UnmodelledPolicy; leftOpen?: boolean } = {},
  ): Promise<ScenarioRun> {
    const { target, transport } = this;
    const pipeline = new ScenarioPipeline(
      { suite, loaded, target, driver: this.driver, transport, control: transport, clock: systemClock },
      { instrument: () => instrument },
      { unmodelled: options.unmodelled ?? "harness-error", countOpenSessions: options.leftOpen === true },
    );
    const result = await pipeline.run();
    if (result.skip !== undefined) return { skip: result.skip };
    const { runner, failure, aftermath } = result;
    const run: ScenarioRun = { runner };
    if (aftermath.leaks?.leftOpen !== undefined) run.leftOpen = aftermath.leaks.leftOpen;
    return failure ? { ...run, error: failure.error.message, failure: failure.error } : run;
  }

  /** Requests since the last reset that matched no modelled route. */
  unmodelled(): Promise<string[]> {
    return unmodelledRequests(this.transport, this.target.controlUrl as string);
  }

  /** Sessions the mock still holds, by its control plane. */
  async openSessions(): Promise<number> {
    return (await openSessionCount(this.transport, this.target.controlUrl as string)) ?? -1;
  }

  async stop(): Promise<void> {
    await this.close();
  }
}
