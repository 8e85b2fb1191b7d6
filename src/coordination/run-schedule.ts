import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";

/**
 * The schedule a runner decided for its run, handed to its workers (src/coordination/workers.ts
 * decides it). Playwright evaluates the config again in every worker, so the runner leaves the
 * schedule in the environment its workers inherit, under its own pid, and a process whose parent
 * is that runner takes it from there. Kept apart from the sizing, which imports every vendor: the
 * config (evaluated in every worker, of a mocks run too) and a worker read the worker count the user
 * chose and the schedule without importing them.
 */
export const HANDED_ENV = "SESSIONPROBE_RUN_SCHEDULE";

/** Workers when nothing waits in real time: two fit a 2-core runner's memory (docs/performance.md). */
export const DEFAULT_WORKERS = 2;

/**
 * Workers of a run against the built-in mocks, unless the user chose: half the cores, at least one. Measured on
 * 2 cores (docs/performance.md, "Memory"): `npm run conformance` took 9.1 s (8.5–10.0) with one worker and 9.3 s
 * (8.4–9.9) with two, at 615 MiB instead of 815 MiB: the mocks run inside the workers on a virtual clock, so the
 * run is CPU-bound, and the runner, the reporters and the workers already share the two cores.
 */
export function mockWorkers(cores: number): number {
  return Math.max(1, Math.floor(cores / 2));
}
const WORKERS_ENV = "SESSIONPROBE_WORKERS";

/** The count the user chose: `--workers`/`-j` on Playwright's command line (Playwright applies it), or SESSIONPROBE_WORKERS. */
export function workersChosen(argv: readonly string[], env: NodeJS.ProcessEnv): number | undefined {
  const fromEnv = env[WORKERS_ENV] ? Number(env[WORKERS_ENV]) : undefined;
  const onCommandLine = argv.some((a) => /^(--workers|-j)(=|$)|^-j\d/.test(a));
  return onCommandLine ? (fromEnv ?? DEFAULT_WORKERS) : fromEnv;
}

/** How a run against targets that wait in real time is laid out: the order to declare scenarios in, and the workers. */
export interface RunSchedule {
  /** Workers sized to the waits, the run's and each waiting target's project's; absent when the user chose a count. */
  workers?: { total: number; byTarget: Map<string, number> };
  /**
   * Each scenario's estimated duration (the longest over the run's waiting targets of its vendor), by
   * scenarioKey: the conformance spec declares the waiting ones longest first.
   */
  estimates: Map<string, number>;
}

export interface Handed {
  workers?: { total: number; byTarget: [string, number][] };
  estimates: [string, number][];
}

/** A scenario's name in a schedule: where it is written, the same in the runner and every worker. */
export function scenarioKey(suite: Pick<LoadedSuite, "file">, loaded: Pick<LoadedScenario, "position">): string {
  return `${suite.file}:${loaded.position.line}:${loaded.position.column}`;
}

/**
 * The schedule this run's runner decided: in the runner after its config ran, and in its workers.
 * undefined: the runner decided there is none; null: no runner of this process decided anything.
 */
export function handedSchedule(env: NodeJS.ProcessEnv = process.env): RunSchedule | undefined | null {
  const handed = env[HANDED_ENV];
  const at = handed?.indexOf(":") ?? -1;
  if (!handed || at <= 0 || ![process.pid, process.ppid].includes(Number(handed.slice(0, at)))) return null;
  const stored = JSON.parse(handed.slice(at + 1)) as Handed | null;
  if (!stored) return undefined;
  return {
    ...(stored.workers && { workers: { total: stored.workers.total, byTarget: new Map(stored.workers.byTarget) } }),
    estimates: new Map(stored.estimates),
  };
}

/** The workers of one target's project, as the runner sized them; undefined when it did not size them. */
export function sizedWorkersOf(targetName: string, env: NodeJS.ProcessEnv = process.env): number | undefined {
  return handedSchedule(env)?.workers?.byTarget.get(targetName);
}

/**
 * How much shorter than the longest scheduled scenario of its vendor a scenario is estimated to be:
 * how long it may wait (at the rendezvous) without delaying the end of the run. Undefined when the
 * schedule has no estimate for it.
 */
export function slackMs(
  estimates: ReadonlyMap<string, number>,
  suites: readonly (Pick<LoadedSuite, "file" | "vendor"> & { scenarios: readonly Pick<LoadedScenario, "position">[] })[],
  suite: Pick<LoadedSuite, "file" | "vendor">,
  loaded: Pick<LoadedScenario, "position">,
): number | undefined {
  const own = estimates.get(scenarioKey(suite, loaded));
  if (own === undefined) return undefined;
  let longest = own;
  for (const other of suites)
    if (other.vendor === suite.vendor)
      for (const l of other.scenarios) longest = Math.max(longest, estimates.get(scenarioKey(other, l)) ?? 0);
  return longest - own;
}
