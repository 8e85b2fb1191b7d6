import { randomBytes } from "node:crypto";
import { type SessionPolicy, SessionTable, type StoredSession } from "../../../mock-kit/session-table.ts";
import type { MockContext, MockUser } from "../../../vendor-api/mock.ts";
import { readOptions, type VmanageOptions } from "./options.ts";

/** Seeded users; passwords are public test values (README). `group` is the vManage user group. */
export const seededUsers: Record<string, MockUser> = {
  default: { username: "admin", password: "admin-pass-1", group: "netadmin" },
  operator: { username: "operator", password: "operator-pass-2", group: "operator" },
};

export interface VmanageSessionData {
  /** The XSRF token: one per session, lasting as long as the session (wire notes §1.2). */
  xsrf: string;
}

export type VmanageSession = StoredSession<VmanageSessionData>;

/** The sandbox's XSRF token is 100 characters (the default length); upper-case hex like the documented example. */
function newXsrfToken(length: number): string {
  // Stryker disable next-line ArithmeticOperator,MethodExpression: the length and alphabet are one observation and one elided example (variants xsrf-token-100/-64); the token is opaque, clients echo it.
  return randomBytes(length / 2)
    .toString("hex")
    .toUpperCase();
}

/**
 * The idle-not-reset-by-use defect's policy: an idle clock that use never restarts runs from
 * the login, so the session ends one idle timeout after it, busy or not.
 */
// Stryker disable all: only that defect calls it.
function idleNeverRestarted(idleMs: number | undefined, lifetimeMs: number | undefined): Pick<SessionPolicy, "idleMs" | "lifetimeMs"> {
  if (idleMs === undefined) return { idleMs, lifetimeMs };
  return { idleMs: undefined, lifetimeMs: lifetimeMs === undefined ? idleMs : Math.min(idleMs, lifetimeMs) };
}
// Stryker restore all

export class VmanageState {
  readonly options: VmanageOptions;
  readonly passwords = new Map<string, string>();
  readonly sessions: SessionTable<VmanageSessionData>;
  /** The session the last /dataservice request was served as (read only by the stale-thread-session defect). */
  private lastServed: string | undefined;
  /** Logged-out sessions, kept only while the logout-keeps-post-session defect is on. */
  private readonly loggedOut = new Map<string, VmanageSession>();

  constructor(readonly context: MockContext) {
    this.options = readOptions(context.config);
    // Policy read per call, so the expiry and eviction defects switch at run time.
    this.sessions = new SessionTable(context.clock, () => this.policy());
    this.reset();
  }

  private policy(): SessionPolicy {
    const { defect, config } = this.context;
    const idleMs = defect("no-idle-expiry") ? undefined : config.idleMs;
    const lifetimeMs = defect("no-lifespan-cap") ? undefined : config.lifetimeMs;
    const base = { capacity: this.options.sessionCap, eviction: defect("evicts-oldest") ? "oldest" : "least-recently-used" } as const;
    // Stryker disable next-line ObjectLiteral: only the idle-not-reset-by-use defect comes here.
    if (defect("idle-not-reset-by-use")) return { ...base, ...idleNeverRestarted(idleMs, lifetimeMs) };
    return { ...base, idleMs, lifetimeMs };
  }

  reset(): void {
    this.sessions.reset();
    this.lastServed = undefined;
    this.loggedOut.clear();
    this.passwords.clear();
    for (const user of Object.values(seededUsers)) this.passwords.set(user.username, user.password);
  }

  checkPassword(username: string, password: string): boolean {
    // An unknown user has no password, and undefined equals no string.
    return this.passwords.get(username) === password;
  }

  /** The user group client/server reports as roles; only seeded users can log in, so one is always found. */
  group(username: string): string | undefined {
    // Stryker disable next-line OptionalChaining: the user is always found (only seeded users log in).
    return Object.values(seededUsers).find((u) => u.username === username)?.group;
  }

  /** A new session; past the cap the table evicts the least recently used one (or, with the defect, the oldest). */
  open(username: string): VmanageSession {
    const { defect } = this.context;
    if (defect("login-ends-earlier-sessions")) this.closeAllOf(username);
    if (defect("eviction-ends-two")) this.evictTwoAtCap();
    const session = this.sessions.open(username, { xsrf: newXsrfToken(this.options.xsrfTokenLength) });
    // Mint points: the leak proof searches reports for exactly these values (the labels only name them there).
    // Stryker disable next-line StringLiteral: the label names the value in a leak report; wording.
    this.context.issued(session.id, "session id");
    // Stryker disable next-line StringLiteral: as above.
    this.context.issued(session.data.xsrf, "xsrf token");
    return session;
  }

  /** The session named by the JSESSIONID cookie; any authenticated request counts as use. */
  use(id: string | undefined): VmanageSession | undefined {
    const session = this.sessions.find(id, { touch: true });
    if (session) {
      this.lastServed = session.id;
      return session;
    }
    // The stale-thread-session defect: the worker still holds the session it served last.
    return this.context.defect("stale-thread-session") ? this.servedLast() : undefined;
  }

  // Stryker disable all: only defects call the helpers from here to the restore below (stale-thread-session, logout-keeps-post-session, xsrf-token-of-any-session,
  // login-ends-earlier-sessions, failed-login-ends-account-sessions, logout-ends-user-sessions, get-logout-ends-oldest-session,
  // eviction-ends-two, rotate-session-id, new-session-per-answer): with every defect off no graded run reaches them; the defect matrix proves each.
  private servedLast(): VmanageSession | undefined {
    return this.sessions.find(this.lastServed, { touch: true });
  }

  /** A logged-out session whose token the (defective) SessionTokenFilter still honours on a non-GET. */
  loggedOutWithToken(id: string | undefined, token: string | undefined): VmanageSession | undefined {
    if (!id || !this.context.defect("logout-keeps-post-session")) return undefined;
    const session = this.loggedOut.get(id);
    return session && token === session.data.xsrf ? session : undefined;
  }

  /** Is this the XSRF token of some live session? What a filter not bound to the caller's session checks instead. */
  isAnySessionsToken(token: string | undefined): boolean {
    return token !== undefined && this.sessions.live().some((s) => s.data.xsrf === token);
  }

  closeAllOf(username: string): void {
    for (const session of this.sessions.live()) if (session.user === username) this.sessions.close(session.id);
  }

  /** The user's longest-lived live session. */
  oldestOf(username: string): VmanageSession | undefined {
    const mine = this.sessions.live().filter((s) => s.user === username);
    return mine.reduce<VmanageSession | undefined>((oldest, s) => (!oldest || s.createdSeq < oldest.createdSeq ? s : oldest), undefined);
  }

  /**
   * The rotate-session-id defect: the session goes on under a new JSESSIONID (same user
   * and XSRF token), the old id dies. A client with a cookie jar keeps working, but the
   * same cookie is no longer reused across sequential requests (VM-11).
   */
  rotate(session: VmanageSession): VmanageSession {
    this.sessions.close(session.id);
    const next = this.sessions.open(session.user, session.data);
    this.context.issued(next.id, "session id");
    return next;
  }

  /**
   * The new-session-per-answer defect: another session for the same user (and XSRF token)
   * beside this one, which lives on. A client with a cookie jar moves to it; its login's
   * session is left behind, still open.
   */
  reopen(session: VmanageSession): VmanageSession {
    const next = this.sessions.open(session.user, session.data);
    this.context.issued(next.id, "session id");
    return next;
  }

  /**
   * The eviction-ends-two defect: at the cap, the two least recently used sessions end, not
   * one. Ended here, before the table's own eviction, which then finds room and ends none.
   */
  private evictTwoAtCap(): void {
    const live = this.sessions.live();
    if (live.length < this.options.sessionCap) return;
    const byUse = live.sort((a, b) => a.lastUsedAt - b.lastUsedAt || a.usedSeq - b.usedSeq);
    for (const victim of byUse.slice(0, 2)) this.sessions.close(victim.id);
  }
  // Stryker restore all

  /** Ends this session: a logout. Returns false when it was not live. */
  close(session: VmanageSession): boolean {
    // The logout-keeps-post-session defect: the token cache outlives the session it belongs to.
    if (this.context.defect("logout-keeps-post-session")) this.loggedOut.set(session.id, session);
    return this.sessions.close(session.id);
  }
}
