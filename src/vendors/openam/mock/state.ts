import { type SessionPolicy, SessionTable, type StoredSession } from "../../../mock-kit/session-table.ts";
import type { MockContext } from "../../../vendor-api/mock.ts";
import { type AmSettings, readSettings } from "./settings.ts";
import { newAuditId, newSessionHandle, newTokenId } from "./tokens.ts";
import type { AmUser } from "./users.ts";

export interface AmSessionData {
  realm: string;
  universalId: string;
  admin: boolean;
  handle: string;
  sessionUid: string;
  /** Session properties; AMCtxId is set at login and protected. */
  properties: Map<string, string>;
}

export type AmSession = StoredSession<AmSessionData>;

/** Properties AM never lets REST set, even when allow-listed (amster SessionPropertyWhiteList reference). */
export const PROTECTED_PROPERTIES: ReadonlySet<string> = new Set(["AMCtxId", "SessionHandle", "sessionUid", "UserId", "Principal"]);

export class OpenamState {
  readonly sessions: SessionTable<AmSessionData>;
  readonly settings: AmSettings;
  /** Sessions ended by logout, kept only so defects that miss a logout (validate, a cookie cache, the query index) can answer from a stale copy. */
  private readonly loggedOut = new Map<string, AmSession>();
  /** Callback logins in progress: authId → realm and start time. */
  readonly pendingLogins = new Map<string, { realm: string; startedAt: number }>();
  /** Settable properties per universalId: where the properties-per-user defect keeps them. */
  private readonly userProperties = new Map<string, Map<string, string>>();

  constructor(readonly context: MockContext) {
    this.settings = readSettings(context.config.options);
    this.sessions = new SessionTable<AmSessionData>(context.clock, () => this.policy(), newTokenId);
  }

  /** Idle and maximum session time from the config, read per call so defects switch at once. */
  private policy(): SessionPolicy {
    const lifetimeMs = this.context.defect("no-max-session-time") ? undefined : this.context.config.lifetimeMs;
    // Stryker disable next-line StringLiteral: AM sets no session quota here: only the mock's own bound on open sessions ever evicts.
    return { idleMs: this.context.config.idleMs, lifetimeMs, eviction: "least-recently-used" };
  }

  login(user: AmUser): AmSession {
    if (this.context.defect("login-ends-user-sessions")) for (const s of this.sessionsOf(user.universalId)) this.logout(s);
    const properties = new Map([["AMCtxId", newAuditId()]]);
    const data = {
      realm: user.realm,
      universalId: user.universalId,
      admin: user.admin === "true",
      handle: newSessionHandle(),
      sessionUid: newAuditId(),
      properties,
    };
    const session = this.sessions.open(user.username, data);
    // Minted here: the tokenId (also the SSO cookie's value) and the handle, which is enough to end the session.
    // Stryker disable next-line StringLiteral: the kind labels the control plane's record of minted credentials, which no answer carries.
    this.context.issued(session.id, "token");
    // Stryker disable next-line StringLiteral: as above.
    this.context.issued(data.handle, "session-handle");
    return session;
  }

  /** Ends a session; true when it was live. */
  logout(session: AmSession): boolean {
    const ended = this.sessions.close(session.id);
    // Stryker disable all: only defects read the ended sessions (validate-after-logout, logout-cookie-still-valid, query-lists-ended-sessions), and the 1,000 is the mock's own bound on them.
    if (ended) {
      this.loggedOut.set(session.id, session);
      if (this.loggedOut.size > 1_000) {
        const oldest = this.loggedOut.keys().next().value;
        if (oldest !== undefined) this.loggedOut.delete(oldest);
      }
    }
    // Stryker restore all
    return ended;
  }

  // Stryker disable all: only defects answer from stale copies (validate-after-logout, logout-cookie-still-valid, query-lists-ended-sessions) or end a user's other sessions (login-, logout-, logoutbyhandle-ends-user-sessions, idle-reset-per-user).
  staleCopy(token: string): AmSession | undefined {
    return this.loggedOut.get(token);
  }

  /** Logged-out sessions the mock still remembers (for defects that answer from stale copies). */
  staleCopies(): AmSession[] {
    return [...this.loggedOut.values()];
  }

  /** The live sessions of one identity (a user's other sessions, which its behaviours must leave alone). */
  sessionsOf(universalId: string): AmSession[] {
    return this.sessions.live().filter((s) => s.data.universalId === universalId);
  }
  // Stryker restore all

  /**
   * Where a session's settable properties live: the session itself, as in AM. The
   * properties-per-user defect keeps one map per user, so every session of the user shares it.
   * Protected properties (AMCtxId) stay the session's own either way.
   */
  propertiesOf(session: AmSession): Map<string, string> {
    if (!this.context.defect("properties-per-user")) return session.data.properties;
    // Stryker disable next-line all: only the properties-per-user defect shares one map per user.
    let shared = this.userProperties.get(session.data.universalId);
    // Stryker disable next-line all: as above.
    if (!shared) {
      shared = new Map();
      this.userProperties.set(session.data.universalId, shared);
    }
    return shared;
  }

  byHandle(handle: string): AmSession | undefined {
    return this.sessions.live().find((s) => s.data.handle === handle);
  }

  // Stryker disable next-line BlockStatement: the control plane's reset (the harness's side door), not the vendor's behaviour.
  reset(): void {
    this.sessions.reset();
    this.loggedOut.clear();
    this.pendingLogins.clear();
    this.userProperties.clear();
  }
}
