import { randomBytes } from "node:crypto";
import type { Clock } from "../time/clock.ts";

export type EvictionPolicy = "least-recently-used" | "oldest";

export interface SessionPolicy {
  /** Inactivity allowed before the session ends; undefined = no idle limit. */
  idleMs?: number | undefined;
  /** Lifetime from creation regardless of use; undefined = no limit. */
  lifetimeMs?: number | undefined;
  /** Most sessions open at once; undefined = unlimited. */
  capacity?: number | undefined;
  eviction: EvictionPolicy;
}

export interface StoredSession<T> {
  id: string;
  user: string;
  createdAt: number;
  lastUsedAt: number;
  /** Order of creation and of last use: breaks ties when the clock stands still (a frozen mock clock). */
  createdSeq: number;
  usedSeq: number;
  data: T;
}

export type EndReason = "idle" | "lifetime" | "evicted" | "closed";

/**
 * The most sessions one table keeps open, whatever the vendor's own capacity (none
 * documented for Control-M, the HMC or AM): the mock's bound, not a vendor's. Past it
 * a login still succeeds and the table evicts by its policy (least recently used, as
 * vManage documents for its own cap and AM's session quota does by default), so a
 * client that logs in 3,000 or 300,000 times without logging out cannot grow the
 * mock's memory without bound (issue 14). Ten thousand is far beyond what a suite
 * holds open; a vendor cap (vManage's 100) applies below it.
 */
export const MAX_OPEN_SESSIONS = 10_000;
/** How many ended sessions the table remembers the reason of, at least (at most twice as many). */
export const MAX_ENDED = 10_000;

/**
 * Sessions with idle and absolute expiry and a capacity, judged against the mock's
 * clock. The policy is read on every call, so defects switched on at run time (a
 * session that never expires, an eviction that picks the wrong victim) apply at once.
 */
export class SessionTable<T = Record<string, never>> {
  private readonly sessions = new Map<string, StoredSession<T>>();
  /**
   * Why recently ended sessions ended, where the table decided it (idle, lifetime,
   * evicted), so mocks can answer like the vendor does; a session the mock closed itself
   * needs no record (every logout paid for one). In two generations, so remembering one
   * more costs a map insertion, not an eviction scan: at least the last MAX_ENDED such
   * endings are remembered, at most twice as many.
   */
  private ended = new Map<string, EndReason>();
  private endedBefore = new Map<string, EndReason>();
  private seq = 0;

  constructor(
    private readonly clock: Clock,
    private readonly policy: () => SessionPolicy,
    // Stryker disable next-line MethodExpression: a random id's letter case is documented nowhere and read by no one.
    private readonly newId: () => string = () => randomBytes(32).toString("hex").toUpperCase(),
    private readonly maxOpen = MAX_OPEN_SESSIONS,
  ) {}

  open(user: string, data: T): StoredSession<T> {
    const policy = this.policy();
    const now = this.clock.now();
    this.sweep(policy, now);
    const { eviction } = policy;
    const capacity = Math.min(policy.capacity ?? this.maxOpen, this.maxOpen);
    while (this.sessions.size >= capacity) {
      const victim = this.pickVictim(eviction);
      // Stryker disable next-line ConditionalExpression: a table at its capacity (at least 1) always has a victim.
      if (!victim) break;
      // Stryker disable next-line StringLiteral: the reason is kept only for a defect (see endReason).
      this.end(victim.id, "evicted");
    }
    const seq = ++this.seq;
    const session: StoredSession<T> = { id: this.newId(), user, createdAt: now, lastUsedAt: now, createdSeq: seq, usedSeq: seq, data };
    this.sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id, or undefined; `touch` counts the lookup as use. */
  find(id: string | undefined, options: { touch: boolean }): StoredSession<T> | undefined {
    // Stryker disable next-line ConditionalExpression: no session has an empty id, so the lookup below finds none either.
    if (!id) return undefined;
    const session = this.sessions.get(id);
    if (!session) return undefined;
    const now = this.clock.now();
    const expiredBy = this.expiredBy(session, this.policy(), now);
    if (expiredBy) {
      this.end(id, expiredBy);
      return undefined;
    }
    if (options.touch) {
      session.lastUsedAt = now;
      session.usedSeq = ++this.seq;
    }
    return session;
  }

  // Stryker disable all: only the HMC defect idle-expiry-ends-user-sessions asks why a session ended.
  /** Why a session id no longer works, if the table ended it (idle, lifetime, evicted) recently. */
  endReason(id: string): EndReason | undefined {
    return this.ended.get(id) ?? this.endedBefore.get(id);
  }
  // Stryker restore all

  /** Ends a live session; false when there was none (the HMC keeps one table per user and asks each). */
  close(id: string): boolean {
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: counting a lookup as use makes no difference to a session ended at once.
    const live = this.find(id, { touch: false });
    if (!live) return false;
    // Stryker disable next-line StringLiteral: the reason is kept only for a defect (see endReason).
    this.end(id, "closed");
    return true;
  }

  live(): StoredSession<T>[] {
    this.sweep(this.policy(), this.clock.now());
    return [...this.sessions.values()];
  }

  // Stryker disable next-line BlockStatement: the control plane's reset (the harness's side door), not the vendor's behaviour.
  reset(): void {
    this.sessions.clear();
    this.ended.clear();
    this.endedBefore.clear();
  }

  private expiredBy(session: StoredSession<T>, policy = this.policy(), now = this.clock.now()): EndReason | undefined {
    const { idleMs, lifetimeMs } = policy;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: a comparison with undefined is false anyway; a timeout documented in minutes is not asserted to the millisecond.
    if (lifetimeMs !== undefined && now - session.createdAt >= lifetimeMs) return "lifetime";
    // Stryker disable next-line ConditionalExpression,EqualityOperator: as above.
    if (idleMs !== undefined && now - session.lastUsedAt >= idleMs) return "idle";
    return undefined;
  }

  /**
   * Ends every expired session; the policy and the time read once, not once per session. A
   * lookup ends an expired session anyway, so the sweep shows only in the count of open sessions
   * (the control plane's) and at a cap, where an expired session would otherwise be the least
   * recently used victim — the same answers, unless one ended by its lifetime was used more
   * recently than a live one: whether ended sessions count toward a cap no document settles.
   */
  // Stryker disable all: see above.
  private sweep(policy: SessionPolicy, now: number): void {
    if (policy.idleMs === undefined && policy.lifetimeMs === undefined) return;
    for (const session of this.sessions.values()) {
      const reason = this.expiredBy(session, policy, now);
      if (reason) this.end(session.id, reason);
    }
  }
  // Stryker restore all

  /**
   * The least recently used session (or, for a defect, the oldest). Every open and every use
   * takes the next number in one sequence, and the clock never goes back, so the sequence
   * orders sessions as their times do — and still when the clock stands still (a frozen mock clock).
   */
  private pickVictim(eviction: EvictionPolicy): StoredSession<T> | undefined {
    // Stryker disable next-line ConditionalExpression,StringLiteral: only the evicts-oldest defect asks for the oldest.
    const order = (s: StoredSession<T>) => (eviction === "oldest" ? s.createdSeq : s.usedSeq);
    let victim: StoredSession<T> | undefined;
    for (const session of this.sessions.values()) {
      // Stryker disable next-line EqualityOperator: sequence numbers are unique, so < and <= pick the same.
      if (!victim || order(session) < order(victim)) victim = session;
    }
    return victim;
  }

  private end(id: string, reason: EndReason): void {
    this.sessions.delete(id);
    // Stryker disable all: the reasons are kept only for a defect (see endReason), and bounded.
    if (reason === "closed") return;
    // Remember only recent endings: a flood scenario must not grow this without bound.
    if (this.ended.size >= MAX_ENDED) {
      this.endedBefore = this.ended;
      this.ended = new Map();
    }
    this.ended.set(id, reason);
    // Stryker restore all
  }
}
