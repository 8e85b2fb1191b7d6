import { randomBytes } from "node:crypto";
import { type SessionPolicy, SessionTable, type StoredSession } from "../core/session-table.ts";
import type { MockContext, MockUser } from "../core/types.ts";
import { parseDuration } from "../../time/duration.ts";

/**
 * Seeded users; passwords are public test values. The HMC keeps the idle timeout per
 * user ("Idle timeout minutes" in User Properties, HMC-09): `idleTimeout` (a duration,
 * `0s` = never) overrides the mock-wide `idleMs` for that user. The operator's password
 * holds an `&` so drivers must XML-escape it, as pypowervm does.
 */
export const seededUsers: Record<string, MockUser> = {
  default: { username: "hscroot", password: "hmc-pass-1" },
  operator: { username: "hmcoper", password: "oper&pass-2", idleTimeout: "5m" },
};

export interface HmcSessionData {
  jsessionId: string;
  ccfwSession: string;
}

export type HmcSession = StoredSession<HmcSessionData>;

/** Opaque base64url-ish, 200 characters with one `=` pad, like the captured X-API-Session. */
export function newApiSession(): string {
  return randomBytes(149).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

export function newCookieId(): string {
  return randomBytes(16).toString("hex").toUpperCase();
}

/** A user's own idle timeout; `0s` means never, as 0 minutes does on the HMC. */
export function userIdleMs(user: MockUser): number | undefined {
  if (user.idleTimeout === undefined) return undefined;
  const ms = parseDuration(user.idleTimeout);
  return ms === 0 ? Number.POSITIVE_INFINITY : ms;
}

/**
 * One session table per user, so each applies that user's idle timeout; the table
 * still judges expiry, sweeps and remembers why a session ended.
 */
export class HmcState {
  private readonly tables = new Map<string, SessionTable<HmcSessionData>>();
  private transactions = 0;

  constructor(readonly context: MockContext) {
    for (const user of Object.values(seededUsers)) {
      const ownIdle = userIdleMs(user);
      this.tables.set(user.username, new SessionTable(context.clock, () => this.policy(ownIdle), newApiSession));
    }
  }

  private policy(ownIdle: number | undefined): SessionPolicy {
    if (this.context.defect("sessions-never-expire")) return { eviction: "least-recently-used" };
    // Infinity (a user's `0s`) never elapses, so it needs no special case in the table.
    return {
      idleMs: ownIdle ?? this.context.config.idleMs,
      lifetimeMs: this.context.config.lifetimeMs,
      eviction: "least-recently-used",
    };
  }

  user(username: string): MockUser | undefined {
    return Object.values(seededUsers).find((u) => u.username === username);
  }

  open(username: string): HmcSession | undefined {
    return this.tables.get(username)?.open(username, { jsessionId: newCookieId(), ccfwSession: newCookieId() });
  }

  find(token: string | undefined, options: { touch: boolean }): HmcSession | undefined {
    for (const table of this.tables.values()) {
      const session = table.find(token, options);
      if (session) return session;
    }
    return undefined;
  }

  close(token: string): boolean {
    return [...this.tables.values()].some((table) => table.close(token));
  }

  live(): HmcSession[] {
    return [...this.tables.values()].flatMap((table) => table.live());
  }

  /** `XT10000001`, `XT10000002`…: the shape of the captured x-transaction-id. */
  nextTransactionId(): string {
    this.transactions += 1;
    return `XT${10_000_000 + this.transactions}`;
  }

  reset(): void {
    for (const table of this.tables.values()) table.reset();
    this.transactions = 0;
  }
}
