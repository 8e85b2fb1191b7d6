import type { VendorDriver } from "../vendor-api/driver.ts";
import type { LoadedScenario } from "../scenario/load.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { formatDuration } from "../time/duration.ts";
import { references } from "../scenario/interpolate.ts";
import { optionScope } from "../targets/options.ts";
import { defaultMargin, resolveTimeExpr } from "./time.ts";

/** `${options.<name>}` for one target: what `optionScope` resolves. */
type OptionScope = Readonly<Record<string, string | undefined>>;

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

/** References a scenario makes that the target cannot resolve: credential fields, users, deployment options. */
function unresolvable(loaded: LoadedScenario, target: ResolvedTarget, options: OptionScope): string[] {
  const missing = new Set<string>();
  for (const name of references(loaded.scenario.steps)) {
    const [head, a, b] = name.split(".");
    if (head === "credentials" && a && target.credentials[a] === undefined) missing.add(name);
    if (head === "users" && a && b && target.users[a]?.[b] === undefined) missing.add(name);
    if (head === "options" && a && options[a] === undefined) missing.add(name);
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
  /**
   * How long its real-time waits keep it running, as the scheduler orders and packs scenarios
   * by it: a wait counted `since: login` is only what is left of it when the step comes
   * (realWaitMs counts it whole, the bound the test's timeout needs). 0 against mocks.
   */
  elapsedWaitMs: number;
}

/**
 * The timeout an `expire` keyword is relative to. A service with one validity period
 * (Control-M) declares whichever it has, so idle falls back to lifetime and back.
 * The vendor's documented values apply only to a real target that declares none.
 */
export function timeoutFor(kind: "idle" | "absolute", target: ResolvedTarget, driver: VendorDriver): number | undefined {
  const declared = target.timeouts.idleMs !== undefined || target.timeouts.lifetimeMs !== undefined;
  const source =
    declared || target.kind === "mock"
      ? target.timeouts
      : { idleMs: driver.documentedTimeouts.idleMs, lifetimeMs: driver.documentedTimeouts.lifetimeMs };
  return kind === "idle" ? (source.idleMs ?? source.lifetimeMs) : (source.lifetimeMs ?? source.idleMs);
}

/** The margin `past` and `before` keep from a timeout: the target's declared one, else the default share. */
export function marginFor(timeoutMs: number, target: ResolvedTarget): number {
  return target.timeouts.marginMs ?? defaultMargin(timeoutMs);
}

/** What a scenario needs of the target's timeouts (`requires:`), as a duration or a share of a duration option. */
function unmetRequirement(loaded: LoadedScenario, target: ResolvedTarget, driver: VendorDriver, options: OptionScope): string | undefined {
  const { requires } = loaded.scenario;
  if (!requires) return undefined;
  const checks = [
    ["idle timeout", requires.idleTimeoutAtLeast, timeoutFor("idle", target, driver)],
    ["lifetime", requires.lifetimeAtLeast, timeoutFor("absolute", target, driver)],
  ] as const;
  for (const [what, needed, actual] of checks) {
    if (needed === undefined) continue;
    let neededMs: number;
    try {
      // `110% of idleTimeout`: a requirement on one timeout relative to the other is a share of it too.
      const idle = timeoutFor("idle", target, driver);
      const lifetime = timeoutFor("absolute", target, driver);
      const scope = {
        ...options,
        ...(idle === undefined ? {} : { idleTimeout: `${idle}ms` }),
        ...(lifetime === undefined ? {} : { lifetime: `${lifetime}ms` }),
      };
      neededMs = resolveTimeExpr(needed, undefined, undefined, scope);
    } catch (error) {
      return `${(error as Error).message}: declare it under options: for target ${target.name}`;
    }
    if (actual !== undefined && actual < neededMs)
      return `needs an ${what} of at least ${needed}${needed.includes(" of ") ? ` (${formatDuration(neededMs)})` : ""}; target ${target.name} has ${formatDuration(actual)}`;
  }
  return undefined;
}

/**
 * A keep-alive loop can only prove a lifetime when the session cannot die of idleness
 * first: keep-alives closer together than the idle timeout, and a final stretch (from
 * the last keep-alive, at lifetime − margin, to the end) shorter than it. Otherwise the
 * step could not fail on a server that never enforces the lifetime: not asserted here.
 */
function keepAliveProblem(
  step: { absolute?: string; keepAlive?: string },
  target: ResolvedTarget,
  driver: VendorDriver,
): string | undefined {
  if (!step.absolute || !step.keepAlive) return undefined;
  const idle = timeoutFor("idle", target, driver);
  const lifetime = timeoutFor("absolute", target, driver);
  if (idle === undefined || lifetime === undefined || idle >= lifetime) return undefined;
  const every = resolveTimeExpr(step.keepAlive, idle);
  const idleMargin = marginFor(idle, target);
  if (every <= 0 || every > idle - idleMargin)
    return `keepAlive ${step.keepAlive} is ${formatDuration(every)}, not at least ${formatDuration(idleMargin)} shorter than the idle timeout ${formatDuration(idle)}: the session would idle out between keep-alives`;
  const total = resolveTimeExpr(step.absolute, lifetime, target.timeouts.marginMs);
  const finalStretch = total - (lifetime - marginFor(lifetime, target));
  if (total > lifetime && finalStretch >= idle) {
    return `past the lifetime the session idles ${formatDuration(finalStretch)} after its last keep-alive, not less than the idle timeout ${formatDuration(idle)}: expiry would not prove the lifetime (declare a smaller session.expiryMargin)`;
  }
  return undefined;
}

/** Does the scenario send a wrong password for the target's own account (a login with `password:` and no `username:`)? */
export function sendsWrongPasswordForAccount(loaded: LoadedScenario): boolean {
  return (
    isWrongCredentials(loaded) &&
    loaded.steps.some(({ step }) => "login" in step && step.login?.password !== undefined && step.login.username === undefined)
  );
}

export function isWrongCredentials(loaded: LoadedScenario): boolean {
  return (loaded.scenario.tags ?? []).includes(WRONG_CREDENTIALS_TAG);
}

/**
 * The scenario's steps for this target: a repeat counted by a deployment option is unrolled with the target's value.
 * `options` is the target's option scope when the caller has it already (a scenario run computes it once).
 */
export function stepsFor(
  loaded: LoadedScenario,
  target: ResolvedTarget,
  driver: VendorDriver,
  options: OptionScope = optionScope(driver, target.options),
): LoadedScenario["steps"] {
  return loaded.stepsFor ? loaded.stepsFor(options) : loaded.steps;
}

/** Decides before any request whether the scenario runs against this target, and what it will cost in time. */
export function planScenario(loaded: LoadedScenario, target: ResolvedTarget, driver: VendorDriver): ScenarioPlan {
  const skip = (why: string, totalWaitMs = 0, realWaitMs = 0): ScenarioPlan => ({ skip: why, totalWaitMs, realWaitMs, elapsedWaitMs: 0 });
  const { scenario } = loaded;
  if (scenario.skip) return skip(scenario.skip);
  const options = optionScope(driver, target.options);
  if (target.kind === "real") {
    for (const tag of scenario.tags ?? []) {
      const why = GUARDED_TAGS[tag];
      if (why && !target.allow.includes(tag))
        return skip(`tagged ${tag}: it ${why}; add "${tag}" to allow: for target ${target.name} to run it`);
    }
    if (sendsWrongPasswordForAccount(loaded) && !target.lockout.account) {
      return skip(
        `not asserted on this target: it sends a wrong password for a real account, and target ${target.name} names no disposable account for that (lockout.account: a user under users:)`,
      );
    }
  }
  const unmet = unmetRequirement(loaded, target, driver, options);
  if (unmet) return skip(unmet);
  const missing = unresolvable(loaded, target, options);
  if (missing.length) return skip(`needs ${missing.join(", ")}, which target ${target.name} does not declare`);
  let steps: LoadedScenario["steps"];
  try {
    steps = stepsFor(loaded, target, driver, options);
  } catch (error) {
    return skip(`${(error as Error).message} (target ${target.name})`);
  }
  let total = 0;
  // The scenario's own clock (its waits only): where a wait counted from a login ends.
  let elapsed = 0;
  const loggedInAt = new Map<string, number>();
  // How long each session has lived, to see an "alive just before the idle timeout" that the lifetime would end first.
  const ages = new Map<string, number>();
  const lifetime = target.timeouts.lifetimeMs;
  for (const { step } of steps) {
    if ("login" in step) {
      ages.set(step.as ?? "default", 0);
      loggedInAt.set(step.as ?? "default", elapsed);
    }
    if (!("expire" in step)) continue;
    const { idle, absolute, since } = step.expire;
    let passed = 0;
    try {
      if (idle) {
        const idleMs = resolveTimeExpr(idle, timeoutFor("idle", target, driver), target.timeouts.marginMs, options);
        passed += idleMs;
        const from = since === "login" ? loggedInAt.get(step.as ?? "default") : undefined;
        elapsed += from === undefined ? idleMs : Math.max(0, from + idleMs - elapsed);
      }
      if (absolute) {
        const absoluteMs = resolveTimeExpr(absolute, timeoutFor("absolute", target, driver), target.timeouts.marginMs, options);
        passed += absoluteMs;
        elapsed += absoluteMs;
      }
    } catch (error) {
      return skip(`${(error as Error).message}: declare session.idleTimeout or session.lifetime (or the option) for target ${target.name}`);
    }
    total += passed;
    for (const [name, age] of ages) ages.set(name, age + passed);
    const keepAlive = keepAliveProblem(step.expire, target, driver);
    if (keepAlive) return skip(`not asserted at this target's timeouts: ${keepAlive}`);
    const session = step.as ?? "default";
    const age = ages.get(session);
    if (
      idle === "before" &&
      lifetime !== undefined &&
      target.timeouts.idleMs !== undefined &&
      age !== undefined &&
      age >= lifetime - marginFor(lifetime, target)
    ) {
      return skip(
        `not asserted at this target's timeouts: session "${session}" would be ${formatDuration(age)} old just before its idle timeout, past its lifetime of ${formatDuration(lifetime)} less the margin, so the lifetime would end it first`,
      );
    }
  }
  if (total > 0 && target.expiry === "skip")
    return skip(`needs ${formatDuration(total)} to pass and target ${target.name} has expiry: skip`, total);
  const realWaitMs = target.expiry === "wait" ? total : 0;
  if (realWaitMs > target.maxWaitMs)
    return skip(
      `would wait ${formatDuration(realWaitMs)} in real time, more than maxWait ${formatDuration(target.maxWaitMs)} of target ${target.name}`,
      total,
      realWaitMs,
    );
  return { totalWaitMs: total, realWaitMs, elapsedWaitMs: realWaitMs > 0 ? elapsed : 0 };
}
