import { randomBytes } from "node:crypto";
import { join } from "node:path";

const RUN_ID_ENV = "SESSIONPROBE_RUN_ID";

/**
 * One id per run, set by the Playwright config before workers start (they inherit
 * it), so locks and budgets are shared by every worker of a run and never by the
 * next run.
 */
export function runId(): string {
  const existing = process.env[RUN_ID_ENV];
  if (existing) return existing;
  const id = randomBytes(6).toString("hex");
  process.env[RUN_ID_ENV] = id;
  return id;
}

/** Where this run keeps what its workers coordinate on, per target. */
export function runStateDir(target: string): string {
  return join(process.env.SESSIONPROBE_REPORTS ?? "reports", ".run-state", runId(), target);
}
