import fc from "fast-check";
import type { VendorDriver } from "../vendor-api/driver.ts";
import { marginFor, timeoutFor } from "../engine/plan.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { optionScope } from "../targets/options.ts";
import type { ExploreSystem } from "./system.ts";

/**
 * A reference model of one vendor's documented session semantics, written from the vendor
 * documents and the wire notes — never from the mock (src/explore/models/ may not import
 * src/mocks: a model shared with a mock agrees with it by construction).
 *
 * fast-check generates sequences of the model's commands; each command runs one or more
 * scenario steps whose `expect:` is the set of answers the model allows in its current
 * state (legal variants and OPEN points accepted in every form, never guessed), then
 * updates the model from what the server answered.
 */
export interface ExploreContext {
  target: ResolvedTarget;
  driver: VendorDriver;
  /** The target's deployment options, defaults filled in (what `${options.…}` reads). */
  options: Readonly<Record<string, string | undefined>>;
  idleMs: number | undefined;
  lifetimeMs: number | undefined;
  /** How close to a timeout no answer is asserted: the target's margin. */
  marginOf(timeoutMs: number): number;
  /** What this target allows exploration to do (real-target guards). */
  allows: {
    /** Time may pass: virtual on a mock, real within maxWait on a target with expiry: wait. */
    time: boolean;
    /** The longest single wait. */
    maxWaitMs: number;
    /**
     * Wrong passwords: on a mock without limit; on a real target only for its disposable
     * account (`lockout.account`, named here as the user to send them for) and at most the
     * target's lockout budget per exploration (spend them with `spendWrongPassword`).
     */
    wrongPasswords: boolean;
    wrongPasswordUser?: string;
    /** Logging in up to the declared session cap (tag session-flood). */
    flood: boolean;
    /** Changing a password (tag changes-password; restored at the end of each run). */
    passwordChange: boolean;
    /** Calendar days passing (tag date-travel): only a mock's clock. */
    dateTravel: boolean;
  };
}

export type ModelCommand<M extends object> = fc.AsyncCommand<M, ExploreSystem>;

export interface VendorModel<M extends object> {
  vendor: string;
  /** The behaviour ids this model checks. */
  ids: readonly string[];
  /** Why exploration cannot run against this target (a user it needs is missing), if it cannot. */
  unavailable?(context: ExploreContext): string | undefined;
  initial(context: ExploreContext): M;
  commands(context: ExploreContext): fc.Arbitrary<ModelCommand<M>>[];
  /** Puts back what a run changed beyond sessions (a password), before the sessions are logged out. */
  finish?(model: M, system: ExploreSystem): Promise<void>;
}

/** The context of a target: its timeouts as a suite reads them, and what its guards allow. */
export function exploreContext(target: ResolvedTarget, driver: VendorDriver): ExploreContext {
  const mock = target.kind === "mock";
  // A sessionprobe mock (built in, or served with its control plane usable) moves its clock: time and days pass at once.
  const virtual = mock || target.controlUrl !== undefined;
  return {
    target,
    driver,
    options: optionScope(driver, target.options),
    idleMs: timeoutFor("idle", target, driver),
    lifetimeMs: timeoutFor("absolute", target, driver),
    marginOf: (timeoutMs) => marginFor(timeoutMs, target),
    allows: {
      time: virtual || target.expiry === "wait",
      maxWaitMs: virtual ? Number.POSITIVE_INFINITY : target.maxWaitMs,
      wrongPasswords: mock || target.lockout.account !== undefined,
      ...(mock || target.lockout.account === undefined ? {} : { wrongPasswordUser: target.lockout.account }),
      flood: target.allow.includes("session-flood"),
      passwordChange: target.allow.includes("changes-password"),
      dateTravel: virtual,
    },
  };
}

/**
 * Command arbitraries with weights: fast-check picks among a list uniformly, and a run of
 * forty commands must reach the deep states (a token created, days passed, then used) often.
 */
export function weighted<M extends object>(...entries: [number, fc.Arbitrary<ModelCommand<M>>][]): fc.Arbitrary<ModelCommand<M>>[] {
  return [fcOneof(entries)];
}

function fcOneof<M extends object>(entries: [number, fc.Arbitrary<ModelCommand<M>>][]): fc.Arbitrary<ModelCommand<M>> {
  return fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));
}

/** Budgets shared by every run of one exploration, per context. */
const wrongPasswordsSpent = new WeakMap<ExploreContext, number>();

/**
 * Takes one wrong password from the target's lockout budget, if any is left (a mock's is
 * unlimited). Every run of an exploration shares the budget, shrinking included.
 */
export function spendWrongPassword(context: ExploreContext): boolean {
  if (!context.allows.wrongPasswords) return false;
  const spent = wrongPasswordsSpent.get(context) ?? 0;
  if (spent >= context.target.lockout.budget) return false;
  wrongPasswordsSpent.set(context, spent + 1);
  return true;
}

/** Whether one more wrong password may be sent (without spending it: for a command's check). */
export function wrongPasswordLeft(context: ExploreContext): boolean {
  return context.allows.wrongPasswords && (wrongPasswordsSpent.get(context) ?? 0) < context.target.lockout.budget;
}

/** A command from its parts: fast-check's AsyncCommand, with the name its counterexamples print. */
export function command<M extends object>(
  name: string,
  parts: { check?: (model: Readonly<M>) => boolean; run: (model: M, system: ExploreSystem) => Promise<void> },
): ModelCommand<M> {
  return {
    check: parts.check ?? (() => true),
    run: parts.run,
    toString: () => name,
  };
}

/**
 * The readings of an OPEN point still consistent with what the server said: each answer
 * keeps only the readings that allow it. Before any answer every reading is possible, so
 * an expectation is the union of what each allows.
 */
export class Readings<R extends string> {
  private possible: Set<R>;
  constructor(all: readonly R[]) {
    this.possible = new Set(all);
  }

  get current(): readonly R[] {
    return [...this.possible];
  }

  /** The union over the possible readings of what each allows. */
  allowed<T>(per: (reading: R) => readonly T[]): T[] {
    return [...new Set(this.current.flatMap((r) => [...per(r)]))];
  }

  /** Keeps the readings under which `seen` was allowed (the expectation already made sure one does). */
  observe<T>(seen: T, per: (reading: R) => readonly T[]): void {
    const keep = this.current.filter((r) => per(r).includes(seen));
    if (keep.length) this.possible = new Set(keep);
  }

  clone(): Readings<R> {
    const copy = new Readings<R>([]);
    copy.possible = new Set(this.possible);
    return copy;
  }
}
