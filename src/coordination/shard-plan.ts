/**
 * Safety that follows from the plan, not from a lock on one disk. A sharded nightly run
 * spreads scenarios over machines that share nothing but the target, so:
 *
 * - Guarded scenarios — those that evict, invalidate or re-password the account's other
 *   sessions (session-flood, changes-password, exclusive) — live in a project of their own
 *   per real target (`<target>-guarded`), listed after every other project. Each waits,
 *   before anything of it reaches the target, until the runner has seen every other
 *   scenario of the target end (src/coordination/others-ended.ts), and the project runs one
 *   scenario at a time (one file, not fully parallel). A sharded run never executes it: a guarded test
 *   that lands on a shard is skipped with the reason, and the CI recipe runs the guarded
 *   project once, unsharded, in a job after the shards.
 * - The lockout budget (wrong-credential scenarios per run) is divided among the shards
 *   from `--shard i/n` alone: shard i gets ⌊budget/n⌋, plus one if i ≤ budget mod n. The
 *   shares add up to the budget whatever the machines do, so n shards cannot exceed it.
 */
export const GUARDED_PROJECT_SUFFIX = "-guarded";

/** The tag the conformance spec puts on every guarded scenario, which the projects select on. */
export const GUARDED_TAG = "@guarded";

export interface Shard {
  current: number;
  total: number;
}

/** This shard's share of a budget: deterministic, and the shares of 1..n sum to the budget. */
export function budgetShare(budget: number, shard: Shard | null | undefined): number {
  if (!shard || shard.total <= 1 || !Number.isFinite(budget)) return budget;
  const base = Math.floor(budget / shard.total);
  return base + (shard.current <= budget % shard.total ? 1 : 0);
}

export function isGuardedProject(projectName: string): boolean {
  return projectName.endsWith(GUARDED_PROJECT_SUFFIX);
}
