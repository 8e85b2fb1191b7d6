import { randomBytes } from "node:crypto";
import { SessionTable, type StoredSession } from "../core/session-table.ts";
import type { MockContext, MockUser } from "../core/types.ts";
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
  return randomBytes(length / 2)
    .toString("hex")
    .toUpperCase();
}

export class VmanageState {
  readonly options: VmanageOptions;
  readonly passwords = new Map<string, string>();
  readonly sessions: SessionTable<VmanageSessionData>;

  constructor(readonly context: MockContext) {
    this.options = readOptions(context.config);
    // Policy read per call, so the expiry and eviction defects switch at run time.
    this.sessions = new SessionTable(context.clock, () => ({
      idleMs: context.defect("no-idle-expiry") ? undefined : context.config.idleMs,
      lifetimeMs: context.defect("no-lifespan-cap") ? undefined : context.config.lifetimeMs,
      capacity: this.options.sessionCap,
      eviction: this.evictsOldest() ? "oldest" : "least-recently-used",
    }));
    this.reset();
  }

  reset(): void {
    this.sessions.reset();
    this.passwords.clear();
    for (const user of Object.values(seededUsers)) this.passwords.set(user.username, user.password);
  }

  checkPassword(username: string, password: string): boolean {
    const expected = this.passwords.get(username);
    return expected !== undefined && expected === password;
  }

  group(username: string): string {
    return Object.values(seededUsers).find((u) => u.username === username)?.group ?? "basic";
  }

  /** A new session; past the cap the table evicts the least recently used one (or, with the defect, the oldest). */
  open(username: string): VmanageSession {
    const session = this.sessions.open(username, { xsrf: newXsrfToken(this.options.xsrfTokenLength) });
    // Mint points: the leak proof searches reports for exactly these values.
    this.context.issued(session.id, "session id");
    this.context.issued(session.data.xsrf, "xsrf token");
    return session;
  }

  /** The session named by the JSESSIONID cookie; any authenticated request counts as use. */
  use(id: string | undefined): VmanageSession | undefined {
    return this.sessions.find(id, { touch: true });
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

  private evictsOldest(): boolean {
    return this.context.defect("evicts-oldest");
  }
}
