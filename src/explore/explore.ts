import fc from "fast-check";
import type { VendorDriver } from "../vendor-api/driver.ts";
import { failureKind, type FailureKind, SessionprobeError } from "../errors/errors.ts";
import type { TimeControl } from "../engine/time.ts";
import type { Transport } from "../http/transport.ts";
import type { PlainStep } from "../scenario/schema.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { type ExploreContext, exploreContext, type VendorModel } from "./model.ts";
import { ExploreSystem } from "./system.ts";

/** Where exploration talks to: a target, its driver and transport, and a fresh clock (and, on a mock, a reset) per run. */
export interface ExploreSetup {
  target: ResolvedTarget;
  driver: VendorDriver;
  transport: Transport;
  /** Before each run: the time control to use, the target put back in its starting state where it can be. */
  freshTime(): Promise<TimeControl>;
}

export interface ExploreOptions {
  runs: number;
  seed: number;
  /** Commands per run, at most. */
  maxCommands?: number;
  /** Where the counterexample scenario will be written: the runner's errors name it. */
  file: string;
}

export interface Finding {
  /** expectation: the server broke a documented behaviour; anything else is no verdict on the server. */
  kind: FailureKind;
  message: string;
  /** The ids the failed step asserts. */
  ids: readonly string[];
  /** The shrunk sequence, as scenario steps up to and including the one that failed. */
  steps: PlainStep[];
  /** fast-check's own account of the shrunk command sequence. */
  commands: string;
}

export interface ExploreOutcome {
  /** Where a counterexample is to be written (the steps' locations name it). */
  file: string;
  runs: number;
  /** Steps sent across every run (shrinking included). */
  steps: number;
  seed: number;
  durationMs: number;
  finding?: Finding;
}

/**
 * Model-based exploration: fast-check runs random command sequences of the model against
 * the target, each answer checked against the model; a failing sequence is shrunk, then
 * run once more to write it down as scenario steps.
 */
export async function explore<M extends object>(
  setup: ExploreSetup,
  model: VendorModel<M>,
  options: ExploreOptions,
): Promise<ExploreOutcome> {
  // How long the exploration itself took (a figure for the report), not a time of the target: the monotonic clock.
  const started = performance.now();
  const context = exploreContext(setup.target, setup.driver);
  const unavailable = model.unavailable?.(context);
  if (unavailable) throw new ExploreUnavailable(unavailable);
  let steps = 0;
  const runOnce = async (commands: Iterable<fc.AsyncCommand<M, ExploreSystem>>, system: ExploreSystem) => {
    const state = model.initial(context);
    try {
      await fc.asyncModelRun(() => ({ model: state, real: system }), commands);
    } finally {
      // Putting things back must not hide why the run failed: its own failure is thrown only when the run passed.
      const cleanup = async () => {
        await model.finish?.(state, system);
        await system.teardown();
      };
      steps += system.transcript.length;
      if (system.failedAt === undefined) await cleanup();
      else await cleanup().catch(() => undefined);
    }
  };
  const newSystem = async () => new ExploreSystem({ ...setup, time: await setup.freshTime(), file: options.file, ids: [...model.ids] });
  const property = fc.asyncProperty(
    fc.commands(model.commands(context), { maxCommands: options.maxCommands ?? 80, size: "max" }),
    async (commands) => runOnce(commands, await newSystem()),
  );
  const result = await fc.check(property, { numRuns: options.runs, seed: options.seed });
  const outcome: ExploreOutcome = { file: options.file, runs: result.numRuns, steps: 0, seed: options.seed, durationMs: 0 };
  if (result.failed && result.counterexample) {
    const [commands] = result.counterexample;
    // Run the shrunk sequence once more, to write down exactly the steps it takes.
    const system = await newSystem();
    let error: unknown = result.errorInstance;
    try {
      await runOnce(commands, system);
    } catch (e) {
      error = e;
    }
    outcome.finding = {
      kind: failureKind(error),
      message: error instanceof Error ? error.message : String(error),
      ids: error instanceof SessionprobeError ? (error.ids ?? []) : [],
      steps: system.evidence,
      commands: String(commands),
    };
  }
  outcome.steps = steps;
  outcome.durationMs = Math.round(performance.now() - started);
  return outcome;
}

/** The target lacks what the model needs (a second user, say): exploration does not start. */
export class ExploreUnavailable extends SessionprobeError {
  constructor(message: string) {
    super("SP_EXPLORE_UNAVAILABLE", message);
  }
}

export type { ExploreContext };
