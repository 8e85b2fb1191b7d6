import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Clock, sleep } from "../time/clock.ts";
import { runStateDir } from "./run-state.ts";

/**
 * The guard's order without a phase of its own: a target's guarded scenarios (they evict or re-password the
 * account's other sessions) run after every other scenario of the target has ended. Playwright ran them as the
 * target project's teardown, a phase that began only when every target's every scenario had ended, each guarded
 * project on a newly started worker: ≈ 1.2 s after the last scenario of a nightly run against four targets.
 * Now the guarded project runs beside the others; each guarded scenario, before anything of it reaches the
 * target, waits here for the runner's word that the others have ended. The runner's reporter
 * (src/report/others-ended-reporter.ts) knows, as the run goes, which scenarios of each target the run holds
 * and which have ended for good (a failed attempt with a retry left has not), and leaves the word in the run's
 * state folder, which its workers share.
 *
 * Never a deadlock: the guarded projects come after every other project, so a guarded scenario takes a worker
 * only when no other scenario can (Playwright dispatches in order); a retry goes to the front of the queue with
 * Playwright's "immediate" retry strategy, which the config sets; and a guarded project runs one scenario at a
 * time, so it holds one worker while it waits.
 */
const OTHERS_ENDED_FILE = "others-ended";

/**
 * The annotation a guarded scenario carries: how long it waited for the others of its target (not its own duration),
 * and when it went on. Written and read here only.
 */
export const OTHERS_ENDED_ANNOTATION = "waited-for-others";

export function othersEndedNote(waitedMs: number, releasedAt: number): string {
  return `${waitedMs} ms, until ${new Date(releasedAt).toISOString()}`;
}

/** What a note says: the wait in ms and when it ended (ms since the epoch); undefined without one. */
export function readOthersEndedNote(note: string | undefined): { waitedMs: number; releasedAt: number } | undefined {
  const match = /^(\d+) ms, until (\S+)$/.exec(note ?? "");
  return match ? { waitedMs: Number(match[1]), releasedAt: Date.parse(match[2] as string) } : undefined;
}

const othersEndedFile = (target: string) => join(runStateDir(target), OTHERS_ENDED_FILE);

/** The runner: every scenario of `target` outside its guarded project has ended. */
export function markOthersEnded(target: string): void {
  mkdirSync(runStateDir(target), { recursive: true });
  writeFileSync(othersEndedFile(target), "");
}

/** A guarded scenario: returns once the others of its target have ended, with how long it waited and when it went on. */
export async function awaitOthersEnded(target: string, clock: Clock, pollMs = 50): Promise<{ waitedMs: number; releasedAt: number }> {
  const file = othersEndedFile(target);
  const started = clock.now();
  while (!existsSync(file)) await sleep(pollMs);
  const releasedAt = clock.now();
  return { waitedMs: releasedAt - started, releasedAt };
}

/** A test of the run as the runner sees it: its id, its target (none for the mocks), and whether it is guarded. */
export interface RunTest {
  id: string;
  target?: string;
  guarded: boolean;
}

/**
 * Which targets' other scenarios have all ended, as their ends come in. `ended` takes a test's end and
 * whether it was its last attempt; it returns the targets whose others are all over with it.
 */
export class OthersEnded {
  private readonly pending = new Map<string, Set<string>>();
  private readonly done = new Set<string>();

  constructor(tests: readonly RunTest[]) {
    for (const test of tests) {
      if (test.target === undefined) continue;
      const pending = this.pending.get(test.target) ?? new Set<string>();
      if (!test.guarded) pending.add(test.id);
      this.pending.set(test.target, pending);
    }
  }

  /** The targets with nothing else to wait for from the start (only guarded scenarios of theirs in this run). */
  initially(): string[] {
    return this.settle();
  }

  ended(id: string, lastAttempt: boolean): string[] {
    if (!lastAttempt) return [];
    for (const pending of this.pending.values()) pending.delete(id);
    return this.settle();
  }

  private settle(): string[] {
    const now: string[] = [];
    for (const [target, pending] of this.pending)
      if (!pending.size && !this.done.has(target)) {
        this.done.add(target);
        now.push(target);
      }
    return now;
  }
}

/**
 * Whether an attempt is a test's last: Playwright retries an attempt whose status is not the expected one while
 * retries are left; a skipped or interrupted test is not retried.
 */
export function isLastAttempt(test: { expectedStatus: string; retries: number }, result: { status: string; retry: number }): boolean {
  if (result.status === test.expectedStatus || result.status === "skipped" || result.status === "interrupted") return true;
  return result.retry >= test.retries;
}
