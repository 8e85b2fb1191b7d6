import type { VendorDriver } from "../vendor-api/driver.ts";
import { isExclusive, planScenario, stepsFor } from "../engine/plan.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { scenarioTitle } from "../scenario/title.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { type TargetTimings, timingKey } from "./timings.ts";

/**
 * A run against a real target with `expiry: wait` costs its longest scenario, not the sum of
 * its waits, when every wait has a worker to wait in while the others run. A Playwright worker
 * runs one test at a time, so a waiting scenario holds its worker for the whole wait: with the
 * two default workers, AM's five waits queued behind each other (78.8 s at idle 20 s / lifetime
 * 45 s, where its longest scenario takes 47 s).
 *
 * So the run is scheduled like jobs on machines: scenarios are declared longest first
 * (Playwright hands them to workers in declaration order, each to the first free worker: list
 * scheduling, which with that order is LPT), and each target's project gets the workers with
 * which that schedule, plus the workers' own start-up, ends soonest. Scenarios that only send
 * requests fill the gaps. The durations are estimates from the plan: the waits exactly, a
 * generous cost per step and per scenario for the rest.
 */

/**
 * What a step and a scenario's own bookkeeping (fixtures, teardown's logouts, evidence) cost the estimate.
 * Generous on purpose: an estimate too short packs the requests-only scenarios behind the waits on too
 * few workers and the run ends after its longest scenario (HMC over HTTPS on a busy 2-core machine:
 * 0.3–1.3 s a scenario, ≈ 150 ms a step), while one too long costs only a worker process.
 */
export const STEP_ESTIMATE_MS = 150;
export const SCENARIO_ESTIMATE_MS = 250;
/**
 * What starting a worker costs the run: node, Playwright, the config, the spec and the harness. Measured in the
 * nightly bench row on this 2-core machine (docs/performance.md), the package installed on Node 24 as teams run it:
 * the first scenario started 0.6 s after "Running" with 2 workers, 1.1-1.4 s with 5 and 2.6 s with 9 or 10, ≈ 0.27 s
 * of wall time per worker more, so ≈ 0.6 s of one core each (this checkout through tsx on Node 20: ≈ 0.38 s, 0.75 s).
 * It was 1.5 s while every worker read and compiled the targets file, and with each scenario's cost learned from
 * the last run that over-estimate gave HMC two workers where three ended the run a second sooner. Workers start
 * together and share the cores, so w workers on c cores are ready after about max(1, w / c) of it.
 */
export const WORKER_START_MS = 600;
/** The workers of a target that waits in real time: at least the default, at most this many (a worker is a process of ≈ 200 MiB). */
export const MAX_WAIT_WORKERS = 16;

/** One scenario of a target, as the scheduler sees it. */
export interface ScheduledScenario {
  loaded: LoadedScenario;
  /** Its estimated duration: its real-time waits plus a cost per step and per scenario. */
  estimateMs: number;
  /** Real time its waits take (0: it only sends requests). */
  waitMs: number;
}

export interface TargetSchedule {
  /** The scenarios that run in the target's project (not the guarded ones, not those the plan skips), longest first. */
  scenarios: ScheduledScenario[];
  /** How many of them wait in real time. */
  waiting: number;
  /** The longest estimate: no schedule can end before it. */
  criticalMs: number;
  /** Workers with which the project, run alone, is estimated to end soonest (`min` when nothing waits). */
  workers: number;
}

/** When list scheduling (each job, in order, to the worker that frees first) ends on `workers` workers. */
export function makespan(durations: readonly number[], workers: number): number {
  const free = Array.from({ length: Math.max(1, Math.floor(workers)) }, () => 0);
  for (const d of durations) {
    let first = 0;
    for (let i = 1; i < free.length; i++) if ((free[i] as number) < (free[first] as number)) first = i;
    free[first] = (free[first] as number) + d;
  }
  return Math.max(...free);
}

export interface SizingOptions {
  /** The fewest workers a target's project gets. */
  min: number;
  /** The most (default MAX_WAIT_WORKERS). */
  max?: number;
  /** The cores the workers share (start-up is CPU-bound). */
  cores: number;
  workerStartMs?: number;
}

/** When a run of these targets is estimated to end: its workers' start-up, then the latest target's schedule. */
export function estimatedEnd(
  durationsByTarget: readonly (readonly number[])[],
  workers: readonly number[],
  options: SizingOptions,
): number {
  const total = workers.reduce((a, b) => a + b, 0);
  const startUp = (options.workerStartMs ?? WORKER_START_MS) * Math.max(1, total / Math.max(1, options.cores));
  return startUp + Math.max(0, ...durationsByTarget.map((d, i) => makespan(d, workers[i] ?? options.min)));
}

/**
 * Workers for each target of a run (each list of durations, in the order given, is one target's
 * project): starting from `min` each, a worker more for the targets whose schedule ends last, as
 * long as that makes the run end sooner, start-up included. A target alone gets what its own
 * schedule needs; targets run together share the cores their workers start on.
 */
export function workersFor(durationsByTarget: readonly (readonly number[])[], options: SizingOptions): number[] {
  const max = Math.max(options.min, options.max ?? MAX_WAIT_WORKERS);
  let workers = durationsByTarget.map(() => options.min);
  let end = estimatedEnd(durationsByTarget, workers, options);
  for (;;) {
    const spans = durationsByTarget.map((d, i) => makespan(d, workers[i] as number));
    const latest = Math.max(0, ...spans);
    // The fewest more workers for the targets that end last that make the run end sooner: a worker
    // more may change nothing until the jobs divide better (forty equal waits: 8, 9 → 10 workers).
    let better: number[] | undefined;
    for (let k = 1; !better && workers.some((w, i) => spans[i] === latest && w + k <= max); k++) {
      const more = workers.map((w, i) => (spans[i] === latest ? Math.min(max, w + k) : w));
      const moreEnd = estimatedEnd(durationsByTarget, more, options);
      if (moreEnd < end) {
        better = more;
        end = moreEnd;
      }
    }
    if (!better) return workers;
    workers = better;
  }
}

/** Longest first; equal estimates keep the suites' order (the sort is stable). */
export function longestFirst<T extends { estimateMs: number }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => b.estimateMs - a.estimateMs);
}

/** The schedule of one target's project: its scenarios in the order to declare them, and the workers it needs alone. */
export function targetSchedule(
  suites: readonly LoadedSuite[],
  target: ResolvedTarget,
  driver: VendorDriver,
  options: SizingOptions,
  learned?: TargetTimings,
): TargetSchedule {
  const scenarios: ScheduledScenario[] = [];
  for (const suite of suites) {
    if (suite.vendor !== target.vendor) continue;
    for (const loaded of suite.scenarios) {
      if (isExclusive(loaded)) continue;
      const plan = planScenario(loaded, target, driver);
      if (plan.skip) continue;
      // What it cost here last time, apart from its waits (src/coordination/timings.ts); else a guess from its steps.
      const learnedMs = learned?.get(timingKey(`${suite.vendor}/${suite.service}`, scenarioTitle(loaded.scenario)));
      const ownMs = learnedMs ?? SCENARIO_ESTIMATE_MS + stepsFor(loaded, target, driver).length * STEP_ESTIMATE_MS;
      scenarios.push({ loaded, waitMs: plan.elapsedWaitMs, estimateMs: plan.elapsedWaitMs + ownMs });
    }
  }
  const ordered = longestFirst(scenarios);
  const waiting = ordered.filter((s) => s.waitMs > 0).length;
  return {
    scenarios: ordered,
    waiting,
    criticalMs: ordered[0]?.estimateMs ?? 0,
    workers: waiting ? (workersFor([ordered.map((s) => s.estimateMs)], options)[0] as number) : options.min,
  };
}
