import type { VendorDriver } from "../drivers/types.ts";
import type { LoadedScenario } from "../scenario/load.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { formatDuration, parseDuration } from "../time/duration.ts";
import { references } from "../scenario/interpolate.ts";
import { resolveTimeExpr } from "./time.ts";

/** Tags that a real target must allow explicitly (`allow:` in the targets file), and why. */
export const GUARDED_TAGS: Record<string, string> = {
  "session-flood": "opens many sessions and can evict other users' sessions on a shared server",
  "changes-password": "changes the account's password (and restores it at the end)",
  "date-travel": "needs calendar days to pass (an expiration date), which only a mock's clock can do quickly",
};

/**
 * Tags of scenarios that would evict or invalidate other sessions of the same
 * account (or change its password under them): on a shared server they run alone.
 */
export const EXCLUSIVE_TAGS = ["session-flood", "changes-password", "exclusive"];

/** Scenarios that send wrong credentials: counted against the target's lockout budget. */
export const WRONG_CREDENTIALS_TAG = "wrong-credentials";

export function isExclusive(loaded: LoadedScenario): boolean {
  return (loaded.scenario.tags ?? []).some((tag) => EXCLUSIVE_TAGS.includes(tag));
}

/** Credential fields a scenario names that the target does not declare. */
function missingCredentials(loaded: LoadedScenario, target: ResolvedTarget): string[] {
  const missing = new Set<string>();
  for (const name of references(loaded.scenario.steps)) {
    const [head, a, b] = name.split(".");
    if (head === "credentials" && a && target.credentials[a] === undefined) missing.add(name);
    if (head === "users" && a && b && target.users[a]?.[b] === undefined) missing.add(name);
  }
  return [...missing];
}

export interface ScenarioPlan {
  /** Why the scenario will not run here, if it will not. */
  skip?: string;
  /** Time the scenario makes pass (virtual or waited). */
  totalWaitMs: number;
  /** Real time it will wait (0 against mocks). */
  realWaitMs: number;
}

/**
 * The timeout an `expire` keyword is relative to. A service with one validity period
 * (Control-M) declares whichever it has, so idle falls back to lifetime and back.
 * The vendor's documented values apply only to a real target that declares none.
 */
export function timeoutFor(kind: "idle" | "absolute", target: ResolvedTarget, driver: VendorDriver): number | undefined {
  const declared = target.timeouts.idleMs !== undefined || target.timeouts.lifetimeMs !== undefined;
  const source = declared || target.kind === "mock" ? target.timeouts : { idleMs: driver.documentedTimeouts.idleMs, lifetimeMs: driver.documentedTimeouts.lifetimeMs };
  return kind === "idle" ? (source.idleMs ?? source.lifetimeMs) : (source.lifetimeMs ?? source.idleMs);
}

/** A literal wait tied to something other than the timeout (a refresh throttle) needs a long enough timeout. */
function unmetRequirement(loaded: LoadedScenario, target: ResolvedTarget, driver: VendorDriver): string | undefined {
  const { requires } = loaded.scenario;
  if (!requires) return undefined;
  const checks = [
    ["idle timeout", requires.idleTimeoutAtLeast, timeoutFor("idle", target, driver)],
    ["lifetime", requires.lifetimeAtLeast, timeoutFor("absolute", target, driver)],
  ] as const;
  for (const [what, needed, actual] of checks) {
    if (needed === undefined) continue;
    if (actual !== undefined && actual < parseDuration(needed)) return `needs an ${what} of at least ${needed}; target ${target.name} has ${formatDuration(actual)}`;
  }
  return undefined;
}

/** Decides before any request whether the scenario runs against this target, and what it will cost in time. */
export function planScenario(loaded: LoadedScenario, target: ResolvedTarget, driver: VendorDriver): ScenarioPlan {
  const { scenario } = loaded;
  if (scenario.skip) return { skip: scenario.skip, totalWaitMs: 0, realWaitMs: 0 };
  if (target.kind === "real") {
    for (const tag of scenario.tags ?? []) {
      const why = GUARDED_TAGS[tag];
      if (why && !target.allow.includes(tag)) return { skip: `tagged ${tag}: it ${why}; add "${tag}" to allow: for target ${target.name} to run it`, totalWaitMs: 0, realWaitMs: 0 };
    }
  }
  const unmet = unmetRequirement(loaded, target, driver);
  if (unmet) return { skip: unmet, totalWaitMs: 0, realWaitMs: 0 };
  const missing = missingCredentials(loaded, target);
  if (missing.length) return { skip: `needs ${missing.join(", ")}, which target ${target.name} does not declare`, totalWaitMs: 0, realWaitMs: 0 };
  let total = 0;
  for (const { step } of loaded.steps) {
    if (!("expire" in step)) continue;
    const { idle, absolute } = step.expire;
    try {
      if (idle) total += resolveTimeExpr(idle, timeoutFor("idle", target, driver), target.timeouts.marginMs);
      if (absolute) total += resolveTimeExpr(absolute, timeoutFor("absolute", target, driver), target.timeouts.marginMs);
    } catch (error) {
      return { skip: `${(error as Error).message}: declare session.idleTimeout or session.lifetime for target ${target.name}`, totalWaitMs: 0, realWaitMs: 0 };
    }
  }
  if (total > 0 && target.expiry === "skip") return { skip: `needs ${formatDuration(total)} to pass and target ${target.name} has expiry: skip`, totalWaitMs: total, realWaitMs: 0 };
  const realWaitMs = target.expiry === "wait" ? total : 0;
  if (realWaitMs > target.maxWaitMs) return { skip: `would wait ${formatDuration(realWaitMs)} in real time, more than maxWait ${formatDuration(target.maxWaitMs)} of target ${target.name}`, totalWaitMs: total, realWaitMs };
  return { totalWaitMs: total, realWaitMs };
}
