import { randomBytes } from "node:crypto";
import { type SessionPolicy, SessionTable, type StoredSession } from "../../../mock-kit/session-table.ts";
import type { MockContext, MockUser } from "../../../vendor-api/mock.ts";
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
  // Stryker disable next-line StringLiteral: whichever characters stand in for + and / (or none), the token stays opaque, unique and base64url-ish.
  return randomBytes(149).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
}

export function newCookieId(): string {
  // Stryker disable next-line MethodExpression: a servlet session id's letter case is documented nowhere and read by no client.
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
    // Stryker disable next-line OptionalChaining,StringLiteral: the operator is always seeded; the fallback only satisfies the type.
    const ownIdle: Record<string, number | undefined> = { [seededUsers.operator?.username ?? ""]: options.operatorIdleMs };
    for (const user of Object.values(seededUsers)) {
      this.tables.set(user.username, new SessionTable(context.clock, () => this.policy(ownIdle[user.username]), newApiSession));
    }
  }

  private policy(ownIdle: number | undefined): SessionPolicy {
    // Stryker disable next-line all: only the sessions-never-expire defect gets here.
    if (this.context.defect("sessions-never-expire")) return { eviction: "least-recently-used" };
    const perUser = ownIdle !== undefined && !this.context.defect("one-idle-timeout");
    // Infinity (a user's `0s`) never elapses, so it needs no special case in the table.
    return {
      idleMs: perUser ? ownIdle : this.context.config.idleMs,
      lifetimeMs: this.context.config.lifetimeMs,
      // Stryker disable next-line StringLiteral: the HMC sets no capacity; the rule applies only at the mock's own safety bound of open sessions.
      eviction: "least-recently-used",
    };
  }

  user(username: string): MockUser | undefined {
    return Object.values(seededUsers).find((u) => u.username === username);
  }

  /** Opens a session; every credential it mints is recorded where it is made (the leak proof's source). */
  open(username: string): HmcSession | undefined {
    // Stryker disable next-line UpdateOperator: only defects read the Logon order (sessionsOf, loggedOnBefore, findByPrefix).
    const data = { jsessionId: newCookieId(), ccfwSession: newCookieId(), logonNumber: ++this.logons };
    // Stryker disable next-line OptionalChaining: every seeded user has a table, and only seeded users get here.
    const session = this.tables.get(username)?.open(username, data);
    // Stryker disable next-line ConditionalExpression: a table always opens the session (at its safety bound it evicts one first).
    if (!session) return undefined;
    if (this.context.defect("idle-expiry-ends-user-sessions")) this.idleWatch.set(session.id, username);
    // Stryker disable all: the labels name each credential in the harness's leak proof; nothing of them reaches the wire.
    this.context.issued(session.id, "X-API-Session");
    this.context.issued(data.jsessionId, "JSESSIONID cookie");
    this.context.issued(data.ccfwSession, "CCFWSESSION cookie");
    // Stryker restore all
    return session;
  }

  find(token: string | undefined, options: { touch: boolean }): HmcSession | undefined {
    this.endSessionsOfIdledUsers();
    for (const table of this.tables.values()) {
      const session = table.find(token, options);
      if (!session) continue;
      // The `idle-clock-per-user` defect: one last-activity time per user, so use of any session keeps all of them.
      // Stryker disable next-line all: with the defect off the condition is false whatever its other half.
      if (options.touch && this.context.defect("idle-clock-per-user")) for (const other of table.live()) table.find(other.id, options);
      return session;
    }
    return undefined;
  }

  /**
   * The live session whose JSESSIONID cookie this is, counted as use (the `session-cookie-only` defect, `logonCookies=authorize`).
   * Finding none is the logonCookies=ignored form, legal by design (whether cookies authorize is UNVERIFIED).
   */
  // Stryker disable next-line BlockStatement: see above.
  findByCookie(jsessionId: string): HmcSession | undefined {
    // Stryker disable next-line ArrowFunction: see above.
    const match = this.live().find((s) => s.data.jsessionId === jsessionId);
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: whether cookie use restarts the idle clock is as UNVERIFIED as cookies authorizing at all.
    return match ? this.find(match.id, { touch: true }) : undefined;
  }

  // Stryker disable all: only the x-api-session-prefix-lookup, logoff-keeps-servlet-session and logoff-ends-* defects call these.
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

  // Stryker restore all
  close(token: string): boolean {
    return [...this.tables.values()].some((table) => table.close(token));
  }

  // Stryker disable all: only the logon-reuses-live-session, logon-ends-previous-sessions, logoff-ends-*, refused-logon-ends-sessions and idle-expiry-ends-user-sessions defects call these.
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

  // Stryker restore all
  live(): HmcSession[] {
    // Stryker disable next-line ArrayDeclaration,ArrowFunction: an empty list only hides sessions from the control plane (openSessions) and from cookies, which may not authorize (logonCookies=ignored).
    return [...this.tables.values()].flatMap((table) => table.live());
  }

  // Stryker disable all: x-transaction-id is a captured header no client acts on; reset is the control plane's side door.
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
