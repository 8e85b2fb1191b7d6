import { writeFileSync } from "node:fs";
import { join } from "node:path";

/** Set by bench/run.ts: where each worker of a measured run writes how its start-up went. */
export const STARTUP_DIR_ENV = "BENCH_STARTUP_DIR";

/** One worker's start-up, in ms: `atMs` since the process started (node, Playwright, the config), then each phase. */
export interface StartupTiming {
  side: string;
  pid: number;
  atMs: number;
  phases: Record<string, number>;
}

/**
 * Times the phases of a bench spec's module in a worker (the runner is not timed): each
 * `phase` runs in order, and the worker writes one JSON file when the last one ends.
 */
export async function timedStartup(side: string, phases: [string, () => Promise<unknown>][]): Promise<void> {
  const dir = process.env[STARTUP_DIR_ENV];
  const inWorker = process.env.TEST_WORKER_INDEX !== undefined;
  const timing: StartupTiming = { side, pid: process.pid, atMs: performance.now(), phases: {} };
  for (const [name, run] of phases) {
    const started = performance.now();
    await run();
    timing.phases[name] = performance.now() - started;
  }
  if (dir && inWorker) writeFileSync(join(dir, `${side}-${process.pid}.json`), JSON.stringify(timing));
}
