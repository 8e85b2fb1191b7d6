import { HarnessError, SessionprobeError } from "../engine/failure.ts";
import { type EngineHooks, silentHooks } from "../engine/hooks.ts";
import { planScenario, type ScenarioPlan } from "../engine/plan.ts";
import { ScenarioRunner, type ScenarioRunOptions } from "../engine/run-scenario.ts";
import { RealTime, type TimeControl, VirtualTime } from "../engine/time.ts";
import type { Clock } from "../time/clock.ts";
import type { Credentials, VendorDriver } from "../vendor-api/driver.ts";
import { checkLeaks, judgeUnmodelled, type LeakFindings, type UnmodelledPolicy } from "./control-checks.ts";

export type { LeakFindings, UnmodelledPolicy } from "./control-checks.ts";

type Transport = ScenarioRunOptions["transport"];

/** One scenario on one target, and how to reach it. */
export interface ScenarioInput {
  suite: ScenarioRunOptions["suite"];
  loaded: ScenarioRunOptions["loaded"];
  target: ScenarioRunOptions["target"];
  driver: VendorDriver;
  /** What the scenario's own requests travel on. */
  transport: Transport;
  /** How the harness asks the target's control plane (reset, clock, open sessions, unmodelled requests). */
  control: Transport;
  /** What real time runs on, for a target whose time cannot be moved. */
  clock: Clock;
}

/** What a caller wraps around the run; each is called once, at its point in the order `run()` documents. */
export interface PipelineHooks {
  /** After the plan, before the target is touched: a reason not to run here, or the credentials to run with. */
  admit?(plan: ScenarioPlan): { skip?: string; credentials?: Credentials };
  /** Admitted, before anything reaches the target (its time control included): a scenario that must wait its turn waits here. */
  awaitTurn?(): Promise<void>;
  /** The driver the runner sees and the hooks it reports through (a recorder, a test's steps). */
  instrument?(): { driver?: VendorDriver; hooks?: EngineHooks };
  /** The runner, before it runs: a caller whose test can be abandoned keeps it to tear it down itself. */
  onRunner?(runner: ScenarioRunner): void;
  /** Just before the steps (a test's timeout, a real-time rendezvous); what it throws ends the run unclassified. */
  beforeExecute?(plan: ScenarioPlan): Promise<void>;
}

export interface PipelineOptions {
  unmodelled: UnmodelledPolicy;
  /** Ask the mock how many sessions it still holds (the fixture reports it; most in-process runs do not need it). */
  countOpenSessions: boolean;
}

/** What happened after the steps: the teardown's account, then the mock's. */
export interface Aftermath {
  closedInTeardown: number;
  /** Already redacted by the runner. */
  teardownFailures: string[];
  /** Undefined for a target that is not this caller's own mock. */
  leaks?: LeakFindings;
}

/** How the scenario ended, when it failed. */
export interface ScenarioFailure {
  /** Classified: the runner's own error, a HarnessError for anything else, or the unmodelled requests' HarnessError. */
  error: SessionprobeError;
  /** As thrown by the steps, for a caller that rethrows it unchanged; for an unmodelled finding, `error` itself. */
  thrown: unknown;
  /** Which stage failed it: the steps, or the requests no mock route models. */
  stage: "execute" | "unmodelled";
}

export type ScenarioResult =
  | { skip: string }
  | { skip?: undefined; plan: ScenarioPlan; runner: ScenarioRunner; failure?: ScenarioFailure; aftermath: Aftermath };

/**
 * One scenario from plan to verdict, the same for the Playwright fixture and the in-process
 * runs, so neither can drift from the other: plan (or skip), admission, time control, the
 * runner, its steps, the failure classified, teardown, then what the mock says was left
 * behind (sessions, requests no route models).
 */
export class ScenarioPipeline {
  private runner: ScenarioRunner | undefined;
  private finishing: Promise<Aftermath> | undefined;

  constructor(
    private readonly input: ScenarioInput,
    private readonly hooks: PipelineHooks,
    private readonly options: PipelineOptions,
  ) {}

  async run(): Promise<ScenarioResult> {
    const { suite, loaded, target, driver, transport } = this.input;
    const plan = planScenario(loaded, target, driver);
    if (plan.skip) return { skip: plan.skip };
    const admission = this.hooks.admit?.(plan) ?? {};
    if (admission.skip) return { skip: admission.skip };
    await this.hooks.awaitTurn?.();
    const time = await this.timeControl();
    const instrument = this.hooks.instrument?.() ?? {};
    const runner = new ScenarioRunner({
      suite,
      loaded,
      target,
      driver: instrument.driver ?? driver,
      transport,
      time,
      hooks: instrument.hooks ?? silentHooks,
      credentials: admission.credentials,
    });
    this.runner = runner;
    this.hooks.onRunner?.(runner);
    let failure: ScenarioFailure | undefined;
    let aftermath: Aftermath;
    try {
      await this.hooks.beforeExecute?.(plan);
      failure = await this.execute(runner);
    } finally {
      // Sessions are logged out whatever happened, before the mock is asked what is left.
      aftermath = await this.finishWith(runner);
    }
    failure = this.judgeUnmodelled(failure, aftermath.leaks?.unmodelled ?? []);
    return failure ? { plan, runner, failure, aftermath } : { plan, runner, aftermath };
  }

  /**
   * Teardown, then the leak checks, once: `run()` calls it after the steps; a caller whose
   * test was abandoned mid-run (a timeout) calls it from its own cleanup and gets the same
   * account. Undefined when no runner was built (skipped, or failed before).
   */
  finish(): Promise<Aftermath> | undefined {
    return this.runner && this.finishWith(this.runner);
  }

  private finishWith(runner: ScenarioRunner): Promise<Aftermath> {
    this.finishing ??= (async () => {
      const outcome = await runner.teardown();
      const leaks = await checkLeaks(this.input.target, this.input.control, { countOpenSessions: this.options.countOpenSessions });
      const aftermath: Aftermath = { closedInTeardown: outcome.closedInTeardown, teardownFailures: outcome.teardownFailures };
      if (leaks) aftermath.leaks = leaks;
      return aftermath;
    })();
    return this.finishing;
  }

  /** A mock's clock is moved through its control plane; any other target's time passes for real. */
  private async timeControl(): Promise<TimeControl> {
    const { target, control, clock } = this.input;
    if (target.expiry === "virtual" && target.controlUrl) {
      const virtual = new VirtualTime(target.controlUrl, control);
      await virtual.start({ reset: true });
      return virtual;
    }
    return new RealTime(clock);
  }

  private async execute(runner: ScenarioRunner): Promise<ScenarioFailure | undefined> {
    try {
      await runner.execute();
      return undefined;
    } catch (thrown) {
      const { target, suite } = this.input;
      const error =
        thrown instanceof SessionprobeError
          ? thrown
          : new HarnessError(`[${target.name}] ${suite.file}`, (thrown as Error).message, { cause: thrown });
      return { error, thrown, stage: "execute" };
    }
  }

  private judgeUnmodelled(failure: ScenarioFailure | undefined, unmodelled: readonly string[]): ScenarioFailure | undefined {
    const { target, suite, loaded } = this.input;
    const judged = judgeUnmodelled(failure?.error, unmodelled, this.options.unmodelled, {
      target,
      file: suite.file,
      name: loaded.scenario.name,
    });
    if (judged === failure?.error) return failure;
    return judged && { error: judged, thrown: judged, stage: "unmodelled" };
  }
}
