import { randomBytes } from "node:crypto";
import { type SessionPolicy, SessionTable, type StoredSession } from "../core/session-table.ts";
import type { MockContext, MockUser } from "../core/types.ts";
import type { HmcOptions } from "./options.ts";

/**
 * Seeded users; passwords are public test values. The operator's password holds an `&`
 * so drivers must XML-escape it, as pypowervm does. The HMC keeps the idle timeout per
 * user ("Idle timeout minutes" in User Properties, HMC-09): the default user follows the
 * mock-wide `idleMs`, the operator the `operatorIdleTimeout` option.
 */
export const seededUsers: Record<string, MockUser> = {
  default: { username: "hscroot", password: "hmc-pass-1" },
  operator: { username: "hmcoper", password: "oper&pass-2" },
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

/**
 * One session table per user, so each applies that user's idle timeout; the table
 * still judges expiry, sweeps and remembers why a session ended.
 */
export class HmcState {
  private readonly tables = new Map<string, SessionTable<HmcSessionData>>();
  private transactions = 0;

  constructor(
    readonly context: MockContext,
    readonly options: HmcOptions,
  ) {
    const ownIdle: Record<string, number | undefined> = { [seededUsers.operator?.username ?? ""]: options.operatorIdleMs };
    for (const user of Object.values(seededUsers)) {
      this.tables.set(user.username, new SessionTable(context.clock, () => this.policy(ownIdle[user.username]), newApiSession));
    }
  }

  private policy(ownIdle: number | undefined): SessionPolicy {
    if (this.context.defect("sessions-never-expire")) return { eviction: "least-recently-used" };
    const perUser = ownIdle !== undefined && !this.context.defect("one-idle-timeout");
    // Infinity (a user's `0s`) never elapses, so it needs no special case in the table.
    return {
      idleMs: perUser ? ownIdle : this.context.config.idleMs,
      lifetimeMs: this.context.config.lifetimeMs,
      eviction: "least-recently-used",
    };
  }

  user(username: string): MockUser | undefined {
    return Object.values(seededUsers).find((u) => u.username === username);
  }

  /** Opens a session; every credential it mints is recorded where it is made (the leak proof's source). */
  open(username: string): HmcSession | undefined {
    const data = { jsessionId: newCookieId(), ccfwSession: newCookieId() };
    const session = this.tables.get(username)?.open(username, data);
    if (!session) return undefined;
    this.context.issued(session.id, "X-API-Session");
    this.context.issued(data.jsessionId, "JSESSIONID cookie");
    this.context.issued(data.ccfwSession, "CCFWSESSION cookie");
    return session;
  }

  find(token: string | undefined, options: { touch: boolean }): HmcSession | undefined {
    for (const table of this.tables.values()) {
      const session = table.find(token, options);
      if (session) return session;
    }
    return undefined;
  }

  /** The live session whose JSESSIONID cookie this is, counted as use (the `session-cookie-only` defect). */
  findByCookie(jsessionId: string): HmcSession | undefined {
    const match = this.live().find((s) => s.data.jsessionId === jsessionId);
    return match ? this.find(match.id, { touch: true }) : undefined;
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
