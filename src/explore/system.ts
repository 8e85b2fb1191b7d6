import type { StepResult, VendorDriver } from "../vendor-api/driver.ts";
import { ExpectationFailure } from "../engine/failure.ts";
import { silentHooks } from "../engine/hooks.ts";
import { ScenarioRunner } from "../engine/run-scenario.ts";
import type { TimeControl } from "../engine/time.ts";
import type { Transport } from "../http/transport.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { STEP_VERBS, type StepVerb } from "../scenario/schema-names.ts";
import type { PlainStep } from "../scenario/schema.ts";
import type { ResolvedTarget } from "../targets/types.ts";

export interface StepOptions {
  /**
   * The ids a refusal as unauthenticated ("unauthenticated", a 401 on most vendors) is about when the step's own assertions were
   * about something else: the step went through a session the model held live, so a 401 says
   * the session ended — by one of the events since it was last seen live.
   */
  ifUnauthenticated?: string[];
}

/**
 * The system under exploration, as the model's commands see it: steps of the scenario
 * language, run one at a time through the same engine as `sessionprobe run` (so a step's
 * `expect:` is judged exactly as it would be in a suite), and written down as they run,
 * so that a counterexample becomes a scenario that reproduces it.
 */
export class ExploreSystem {
  readonly transcript: PlainStep[] = [];
  private readonly runner: ScenarioRunner;
  private readonly time: TimeControl;
  private readonly driver: VendorDriver;

  constructor(options: {
    target: ResolvedTarget;
    driver: VendorDriver;
    transport: Transport;
    time: TimeControl;
    file: string;
    ids: string[];
  }) {
    const { target, driver, transport, time, file, ids } = options;
    this.time = time;
    this.driver = driver;
    const suite: LoadedSuite = { file, absolutePath: file, vendor: target.vendor, service: "exploration", scenarios: [] };
    const loaded: LoadedScenario = {
      scenario: { name: "exploration", covers: ids.length ? ids : ["X-00"], steps: [{ logout: null }] },
      position: { line: 1, column: 1 },
      steps: [],
    };
    this.runner = new ScenarioRunner({ suite, loaded, target, driver, transport, time, hooks: silentHooks });
  }

  /** Runs one step now; its expectations must hold, or it throws the engine's failure (an ExpectationFailure names what broke). */
  async step(step: PlainStep, options: StepOptions = {}): Promise<StepResult | undefined> {
    const index = this.transcript.length;
    this.transcript.push(step);
    const verb = STEP_VERBS.find((v) => v in step) as StepVerb;
    try {
      return await this.runner.runOne({ step, verb, index, position: { line: index + 1, column: 1 } });
    } catch (error) {
      this.failedAt ??= index;
      // Refused as unauthenticated where the model held the session live: the failure is about whatever could have ended it.
      if (
        options.ifUnauthenticated &&
        error instanceof ExpectationFailure &&
        error.exchange &&
        this.driver.classify(error.exchange) === "unauthenticated"
      )
        error.ids = options.ifUnauthenticated;
      throw error;
    }
  }

  /** The index of the first step that failed, if one did: what a counterexample ends with. */
  failedAt: number | undefined;

  /** The steps up to and including the first failure (all of them when none failed). */
  get evidence(): PlainStep[] {
    return this.failedAt === undefined ? [...this.transcript] : this.transcript.slice(0, this.failedAt + 1);
  }

  /** The target's now (its virtual clock on a mock), as the engine reads it. */
  now(): number {
    return this.time.now();
  }

  /** Logs out what the exploration left open (and the tokens its sessions created). */
  async teardown(): Promise<void> {
    await this.runner.teardown();
  }
}
