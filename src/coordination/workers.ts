import { availableParallelism } from "node:os";
import { findDriver } from "../vendors/registry.ts";
import { collectSuites } from "../scenario/collection.ts";
import { findSuiteFiles } from "../scenario/discover.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { DEFAULT_WORKERS, HANDED_ENV, type Handed, handedSchedule, type RunSchedule, scenarioKey } from "./run-schedule.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { GUARDED_PROJECT_SUFFIX } from "./shard-plan.ts";
import { readTimings, type TargetTimings } from "./timings.ts";
import { type SizingOptions, targetSchedule, workersFor } from "./wait-schedule.ts";

/**
 * The schedule of a run against `targets` (src/coordination/wait-schedule.ts): undefined when no
 * target has `expiry: wait`. Each waiting target the run selects (`argv`'s --project) gets the
 * workers its schedule needs as its project's limit, sized together with the others selected (their
 * workers start on the same cores); the run gets their sum (plus the default count when a selected
 * target waits for nothing). A count the user chose (`chosen`) replaces the sizing; the order stays.
 *
 * The runner decides, once: Playwright evaluates the config again in every worker, so the runner
 * leaves the schedule in the environment its workers inherit, under its own pid, and a process
 * whose parent is that runner (a worker) takes it from there (handedSchedule). A run started from
 * inside another one (a harness test) has another runner, which computes its own.
 */
export async function runSchedule(
  targets: readonly ResolvedTarget[] | (() => Promise<readonly ResolvedTarget[]>),
  options: { chosen?: number | undefined; argv?: readonly string[]; reports?: string },
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunSchedule | undefined> {
  const handed = handedSchedule(env);
  if (handed !== null) return handed;
  // Resolved only here, where they are planned with: a worker takes the schedule its runner handed.
  const learned = options.reports === undefined ? new Map<string, TargetTimings>() : readTimings(options.reports);
  const schedule = await plan(typeof targets === "function" ? await targets() : targets, options.chosen, options.argv ?? [], learned);
  const stored: Handed | null = schedule
    ? {
        ...(schedule.workers && { workers: { total: schedule.workers.total, byTarget: [...schedule.workers.byTarget] } }),
        estimates: [...schedule.estimates],
      }
    : null;
  env[HANDED_ENV] = `${process.pid}:${JSON.stringify(stored)}`;
  return schedule;
}

/**
 * The targets a run selects with Playwright's `--project` (what `sessionprobe run --target` passes):
 * each named target, or its guarded project's target; every target when none is named, or when a
 * name is a pattern (Playwright matches those; the sizing then counts them all).
 */
export function selectedTargets<T extends { name: string }>(argv: readonly string[], targets: readonly T[]): T[] {
  const names: string[] = [];
  argv.forEach((arg, i) => {
    if (arg === "--project" && argv[i + 1] !== undefined) names.push(argv[i + 1] as string);
    else if (arg.startsWith("--project=")) names.push(arg.slice("--project=".length));
  });
  if (!names.length || names.some((n) => /[*?[]/.test(n))) return [...targets];
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  return targets.filter((t) => wanted.has(t.name.toLowerCase()) || wanted.has(`${t.name}${GUARDED_PROJECT_SUFFIX}`.toLowerCase()));
}

async function plan(
  targets: readonly ResolvedTarget[],
  chosen: number | undefined,
  argv: readonly string[],
  learned: ReadonlyMap<string, TargetTimings>,
): Promise<RunSchedule | undefined> {
  const waiting = targets.filter((t) => t.expiry === "wait");
  if (!waiting.length) return undefined;
  let suites: LoadedSuite[];
  try {
    suites = await collectSuites(findSuiteFiles());
  } catch {
    // A scenario file that does not load: the spec reports it, located; the run never starts.
    return undefined;
  }
  const sizing: SizingOptions = { min: DEFAULT_WORKERS, cores: availableParallelism() };
  const estimates = new Map<string, number>();
  const keys = new Map<LoadedScenario, string>();
  for (const suite of suites) for (const loaded of suite.scenarios) keys.set(loaded, scenarioKey(suite, loaded));
  const schedules = new Map<string, number[]>();
  for (const target of waiting) {
    const driver = findDriver(target.vendor);
    if (!driver) continue;
    const schedule = targetSchedule(suites, target, driver, sizing, learned.get(target.name));
    if (!schedule.waiting) continue;
    schedules.set(
      target.name,
      schedule.scenarios.map((s) => s.estimateMs),
    );
    for (const { loaded, estimateMs } of schedule.scenarios) {
      const key = keys.get(loaded) as string;
      estimates.set(key, Math.max(estimates.get(key) ?? 0, estimateMs));
    }
  }
  if (!schedules.size) return undefined;
  if (chosen !== undefined) return { estimates };
  // Sized together, the targets this run selects: their workers start on the same cores.
  const selected = selectedTargets(argv, targets);
  const sized = selected.filter((t) => schedules.has(t.name));
  const shares = workersFor(
    sized.map((t) => schedules.get(t.name) as number[]),
    sizing,
  );
  const byTarget = new Map(sized.map((t, i) => [t.name, shares[i] as number]));
  const others = selected.some((t) => !byTarget.has(t.name)) ? DEFAULT_WORKERS : 0;
  return {
    workers: {
      total: Math.max(
        DEFAULT_WORKERS,
        [...byTarget.values()].reduce((a, b) => a + b, others),
      ),
      byTarget,
    },
    estimates,
  };
}
