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
  /** Its place in the console's order of Logons, whoever the user: the tables keep no order across users. */
  logonNumber: number;
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
  private logons = 0;
  /**
   * X-API-Session → user of the sessions watched for an idle ending: filled only while the
   * `idle-expiry-ends-user-sessions` defect is on, so the clean mock keeps no such list.
   */
  private readonly idleWatch = new Map<string, string>();
  /** JSESSIONIDs whose servlet session outlived its logoff (the `logoff-keeps-servlet-session` defect), by user. */
  private readonly orphanedServletSessions = new Map<string, string>();

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
    const data = { jsessionId: newCookieId(), ccfwSession: newCookieId(), logonNumber: ++this.logons };
    const session = this.tables.get(username)?.open(username, data);
    if (!session) return undefined;
    if (this.context.defect("idle-expiry-ends-user-sessions")) this.idleWatch.set(session.id, username);
    this.context.issued(session.id, "X-API-Session");
    this.context.issued(data.jsessionId, "JSESSIONID cookie");
    this.context.issued(data.ccfwSession, "CCFWSESSION cookie");
    return session;
  }

  find(token: string | undefined, options: { touch: boolean }): HmcSession | undefined {
    this.endSessionsOfIdledUsers();
    for (const table of this.tables.values()) {
      const session = table.find(token, options);
      if (!session) continue;
      // The `idle-clock-per-user` defect: one last-activity time per user, so use of any session keeps all of them.
      if (options.touch && this.context.defect("idle-clock-per-user")) for (const other of table.live()) table.find(other.id, options);
      return session;
    }
    return undefined;
  }

  /** The live session whose JSESSIONID cookie this is, counted as use (the `session-cookie-only` defect, `logonCookies=authorize`). */
  findByCookie(jsessionId: string): HmcSession | undefined {
    const match = this.live().find((s) => s.data.jsessionId === jsessionId);
    return match ? this.find(match.id, { touch: true }) : undefined;
  }

  /** The earliest Logon's live session whose X-API-Session begins with this (the `x-api-session-prefix-lookup` defect), counted as use. */
  findByPrefix(prefix: string): HmcSession | undefined {
    const match = this.live()
      .filter((s) => s.id.startsWith(prefix))
      .sort((a, b) => a.data.logonNumber - b.data.logonNumber)[0];
    return match ? this.find(match.id, { touch: true }) : undefined;
  }

  /** The user a servlet session still stands for after its logoff (the `logoff-keeps-servlet-session` defect). */
  orphanedServletUser(jsessionId: string): string | undefined {
    return this.orphanedServletSessions.get(jsessionId);
  }

  keepServletSession(session: HmcSession): void {
    this.orphanedServletSessions.set(session.data.jsessionId, session.user);
  }

  close(token: string): boolean {
    return [...this.tables.values()].some((table) => table.close(token));
  }

  /** The user's live sessions, oldest Logon first. */
  sessionsOf(username: string): HmcSession[] {
    return (this.tables.get(username)?.live() ?? []).sort((a, b) => a.data.logonNumber - b.data.logonNumber);
  }

  closeAllOf(username: string): void {
    for (const session of this.sessionsOf(username)) this.close(session.id);
  }

  /** The live session whose Logon came last before this one's, whoever its user. */
  loggedOnBefore(session: HmcSession): HmcSession | undefined {
    let previous: HmcSession | undefined;
    for (const other of this.live()) {
      if (other.data.logonNumber >= session.data.logonNumber) continue;
      if (!previous || other.data.logonNumber > previous.data.logonNumber) previous = other;
    }
    return previous;
  }

  /**
   * The `idle-expiry-ends-user-sessions` defect: a session found idled out takes every
   * other session of its user with it, as a timeout handler that logs the user off would.
   */
  private endSessionsOfIdledUsers(): void {
    if (!this.context.defect("idle-expiry-ends-user-sessions")) return;
    for (const [token, username] of this.idleWatch) {
      const table = this.tables.get(username);
      if (table?.find(token, { touch: false })) continue;
      this.idleWatch.delete(token);
      if (table?.endReason(token) === "idle") for (const other of table.live()) table.close(other.id);
    }
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
    this.logons = 0;
    this.idleWatch.clear();
    this.orphanedServletSessions.clear();
  }
}
