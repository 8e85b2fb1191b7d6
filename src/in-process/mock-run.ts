import { findVendor } from "../drivers/registry.ts";
import type { VendorDriver } from "../drivers/types.ts";
import { type EngineHooks, silentHooks } from "../engine/hooks.ts";
import { planScenario } from "../engine/plan.ts";
import { ScenarioRunner } from "../engine/run-scenario.ts";
import { VirtualTime } from "../engine/time.ts";
import { Transport } from "../http/transport.ts";
import { InProcessTransport } from "./in-process-transport.ts";
import type { MockHostOptions } from "../mocks/core/host.ts";
import { createMockHost } from "../mocks/core/host.ts";
import { type RunningMock, startMock } from "../mocks/core/server.ts";
import type { VendorMock } from "../mocks/core/types.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { HarnessError, SessionprobeError } from "../engine/failure.ts";
import { type MockDeclaration, mockTarget } from "../targets/mock-target.ts";
import { openSessionCount, unmodelledRequests } from "../targets/control-plane-client.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { systemClock } from "../time/clock.ts";

/**
 * The origin an in-process mock is addressed by: loopback, as a served mock's is (cookie
 * jars treat it as a secure context, so Secure cookies travel as they would), on the
 * discard port, where a request that escaped to the network would find nobody listening.
 */
const IN_PROCESS_ORIGIN = "http://127.0.0.1:9";

/** Requests a mock answered since its last reset that matched no modelled route ("GET /path"), from its control plane. */
export interface ScenarioRun {
  /** Why it did not run against this mock, if it did not. */
  skip?: string;
  /** The first failed step's message, if it failed. */
  error?: string;
  /** What the failure was: only an expectation failure says anything about the mock. */
  failure?: SessionprobeError;
  runner?: ScenarioRunner;
}

/** What a caller may wrap around one scenario: the driver it sees and the hooks it reports through. */
export interface Instrument {
  driver?: VendorDriver;
  hooks?: EngineHooks;
}

/**
 * One in-process mock driven without Playwright: the engine is runner-agnostic, so
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
    // In process no socket is opened: requests go to the app itself, under an address nothing listens on.
    const running: RunningMock = via.wire
      ? await startMock(mock, options)
      : { host: createMockHost(mock, options), baseUrl: IN_PROCESS_ORIGIN, close: async () => {} };
    const declaration: MockDeclaration = declared ?? { options: { ...options.options } };
    if (!declared && "idleMs" in options) declaration.idleMs = options.idleMs ?? null;
    if (!declared && "lifetimeMs" in options) declaration.lifetimeMs = options.lifetimeMs ?? null;
    const driver = findVendor(mock.id);
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
    // In-process by default: the same app, without the loopback socket (see InProcessTransport); `wire` for what needs real TCP.
    const transportOptions = { timeoutMs: target.stepTimeoutMs, clock: systemClock, tls: target.tls };
    const transport = via.wire
      ? new Transport(transportOptions)
      : new InProcessTransport(transportOptions, (request) => running.host.app.fetch(request));
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
   * Plans, resets the mock, runs and tears down one scenario. A request no route models is
   * a harness error (a mistyped driver URL) even where a step failed on the 404 — unless
   * `unmodelled: "evidence"`: a mutated mock that no longer serves a documented route is a
   * server that broke the behaviour, and the failed assertion is the verdict.
   */
  async run(
    suite: LoadedSuite,
    loaded: LoadedScenario,
    instrument: Instrument = {},
    options: { unmodelled?: "harness-error" | "evidence" } = {},
  ): Promise<ScenarioRun> {
    const { target, transport } = this;
    const skip = planScenario(loaded, target, this.driver).skip;
    if (skip) return { skip };
    const time = new VirtualTime(target.controlUrl as string, transport);
    await time.start({ reset: true });
    const runner = new ScenarioRunner({
      suite,
      loaded,
      target,
      driver: instrument.driver ?? this.driver,
      transport,
      time,
      hooks: instrument.hooks ?? silentHooks,
    });
    let failure: SessionprobeError | undefined;
    try {
      await runner.execute();
    } catch (e) {
      failure = e instanceof SessionprobeError ? e : new HarnessError(`[${target.name}] ${suite.file}`, (e as Error).message, { cause: e });
    } finally {
      await runner.teardown();
    }
    // A request no mock route models is a harness error (a mistyped driver URL), even when the step "passed" on the 404.
    const unmodelled = await this.unmodelled();
    const verdictStands = options.unmodelled === "evidence" && failure?.kind === "expectation";
    if (unmodelled.length && !verdictStands && !(failure && failure.kind !== "expectation")) {
      failure = new HarnessError(
        `[${target.name}] ${suite.file} "${loaded.scenario.name}"`,
        `requests that no route of the ${target.vendor} mock models: ${unmodelled.join(", ")} (a mistyped driver URL, or a route the mock lacks)`,
      );
    }
    return failure === undefined ? { runner } : { runner, error: failure.message, failure };
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
