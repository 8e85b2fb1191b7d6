import { type SessionPolicy, SessionTable, type StoredSession } from "../core/session-table.ts";
import type { MockContext } from "../core/types.ts";
import { parseDuration } from "../../time/duration.ts";
import { sessionVersionsFor } from "./api-version.ts";
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

/** The options, read once: they describe the deployment, not something a scenario flips mid-run. */
export interface AmSettings {
  cookieName: string;
  contextPath: string;
  sessionVersions: string[];
  refreshThrottleMs: number;
  allowList: string[];
  missingTokenId: "reject" | "caller";
}

export function readSettings(options: Record<string, string>): AmSettings {
  const contextPath = (options.contextPath ?? "/am").replace(/\/+$/, "");
  if (contextPath !== "" && !/^\/[\w.-]+(?:\/[\w.-]+)*$/.test(contextPath)) throw new Error(`contextPath must look like /am or be empty; got "${contextPath}"`);
  const frequency = (options.latestAccessUpdateFrequency ?? "60").trim();
  const missing = options.missingTokenId ?? "reject";
  if (missing !== "reject" && missing !== "caller") throw new Error(`missingTokenId must be reject or caller; got "${missing}"`);
  return {
    cookieName: options.cookieName || "iPlanetDirectoryPro",
    contextPath,
    sessionVersions: sessionVersionsFor(options.resourceVersion ?? "4.0"),
    // AM configures the frequency in seconds; a duration ("90s") is accepted too.
    refreshThrottleMs: /^\d+$/.test(frequency) ? Number(frequency) * 1000 : parseDuration(frequency),
    allowList: (options.sessionPropertyAllowList ?? "AMCtxId,department").split(",").map((s) => s.trim()).filter(Boolean),
    missingTokenId: missing,
  };
}

export class OpenamState {
  readonly sessions: SessionTable<AmSessionData>;
  readonly settings: AmSettings;
  /** Sessions ended by logout, kept only so the validate-after-logout defect can answer from a stale copy. */
  private readonly loggedOut = new Map<string, AmSession>();
  /** Callback logins in progress: authId → realm and start time. */
  readonly pendingLogins = new Map<string, { realm: string; startedAt: number }>();

  constructor(readonly context: MockContext) {
    this.settings = readSettings(context.config.options);
    this.sessions = new SessionTable<AmSessionData>(context.clock, () => this.policy(), newTokenId);
  }

  /** Idle and maximum session time from the config, read per call so defects switch at once. */
  private policy(): SessionPolicy {
    const lifetimeMs = this.context.defect("no-max-session-time") ? undefined : this.context.config.lifetimeMs;
    return { idleMs: this.context.config.idleMs, lifetimeMs, eviction: "least-recently-used" };
  }

  login(user: AmUser): AmSession {
    const properties = new Map([["AMCtxId", newAuditId()]]);
    const data = { realm: user.realm, universalId: user.universalId, admin: user.admin === "true", handle: newSessionHandle(), sessionUid: newAuditId(), properties };
    return this.sessions.open(user.username, data);
  }

  /** Ends a session; true when it was live. */
  logout(session: AmSession): boolean {
    const ended = this.sessions.close(session.id);
    if (ended) {
      this.loggedOut.set(session.id, session);
      if (this.loggedOut.size > 1_000) {
        const oldest = this.loggedOut.keys().next().value;
        if (oldest !== undefined) this.loggedOut.delete(oldest);
      }
    }
    return ended;
  }

  staleCopy(token: string): AmSession | undefined {
    return this.loggedOut.get(token);
  }

  byHandle(handle: string): AmSession | undefined {
    return this.sessions.live().find((s) => s.data.handle === handle);
  }

  reset(): void {
    this.sessions.reset();
    this.loggedOut.clear();
    this.pendingLogins.clear();
  }
}
