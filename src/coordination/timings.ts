import { readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/**
 * What each scenario cost against each target the last time it ran there, apart from its real-time
 * waits: its requests, its fixtures and its teardown. The sizing of a run against targets that wait
 * (src/coordination/wait-schedule.ts) takes it instead of the plan's guess of 150 ms a step, which has
 * to be generous for a slow server over HTTPS and so sized a fast one too many workers: against local
 * HTTPS servers a Control-M scenario that only sends requests took 0.1–0.4 s, estimated 1–3 s, and the
 * run started five workers for two waits (docs/performance.md, "Nightly runs").
 *
 * Written beside the reports by every run against a targets file (a nightly job keeps the reports
 * folder's history.jsonl and this file between runs: docs/ci.md); a scenario that did not run keeps
 * its last time, one that never ran is estimated from its plan. It holds target names, scenario titles and milliseconds.
 */
export const TIMINGS_FILE = "timings.json";
const FORMAT = "sessionprobe-timings/1";

/** A target's learned costs, by timingKey. */
export type TargetTimings = Map<string, number>;

/** A scenario's name in the file: its service and its test title, which do not move when its file is edited above it. */
export function timingKey(service: string, title: string): string {
  return `${service} › ${title}`;
}

/** Each target's learned costs; none when the file is missing or not ours (the plan's estimates then). */
export function readTimings(reportsDir: string): Map<string, TargetTimings> {
  try {
    const stored = JSON.parse(readFileSync(join(reportsDir, TIMINGS_FILE), "utf8")) as {
      format?: string;
      targets?: Record<string, Record<string, unknown>>;
    };
    if (stored.format !== FORMAT || typeof stored.targets !== "object" || stored.targets === null) return new Map();
    return new Map(
      Object.entries(stored.targets).map(([target, costs]) => [
        target,
        new Map(Object.entries(costs).filter((e): e is [string, number] => typeof e[1] === "number" && Number.isFinite(e[1]) && e[1] >= 0)),
      ]),
    );
  } catch {
    return new Map();
  }
}

/** One scenario as it ran, as the summary records it. */
export interface RanScenario {
  target: string;
  service: string;
  title: string;
  status: string;
  durationMs?: number | undefined;
  /** The wall time of its real-time waits. */
  elapsedWaitMs?: number | undefined;
  rendezvousMs?: number | undefined;
  /** A guarded scenario's wait for the target's other scenarios to end. */
  othersWaitMs?: number | undefined;
}

/** The scenarios that ran (not skipped) written over their last times; the others' kept. */
export function learnTimings(reportsDir: string, ran: readonly RanScenario[]): void {
  const timings = readTimings(reportsDir);
  for (const s of ran) {
    if (s.status === "skipped" || s.durationMs === undefined) continue;
    const own = Math.max(0, Math.round(s.durationMs - (s.elapsedWaitMs ?? 0) - (s.rendezvousMs ?? 0) - (s.othersWaitMs ?? 0)));
    const target = timings.get(s.target) ?? new Map<string, number>();
    target.set(timingKey(s.service, s.title), own);
    timings.set(s.target, target);
  }
  const file = join(reportsDir, TIMINGS_FILE);
  const targets = Object.fromEntries([...timings].map(([target, costs]) => [target, Object.fromEntries([...costs].sort())]));
  // Whole or not at all: a run cut short never leaves half a file for the next one to misread.
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ format: FORMAT, targets }, null, 1)}\n`);
  renameSync(`${file}.tmp`, file);
}
