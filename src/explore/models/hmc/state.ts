import { optionDurationMs } from "../../../engine/time.ts";
import { type ExploreContext, Readings } from "../../model.ts";

/**
 * What the Logon/Logoff page and the wire notes (§2) say an HMC holds, as exploration
 * tracks it: every accepted Logon is a session of its own (sessions pile up, §2.2),
 * authorized by its X-API-Session alone, ended by DELETE Logon or by its user's own idle
 * timeout (HMC-09, a per-user setting), and by a lifetime where the target declares one.
 *
 * OPEN codes are kept as readings until the server shows which it uses: the refusal of a
 * missing or dead session (401, or 403 on some releases: HMC-06), the status of a
 * logoff (200 or 204: HMC-07), the refusal of a wrong Content-Type (400 or 415: HMC-08).
 */
export type UserKey = "default" | "operator";
export type RefusalCode = "401" | "403";
export type LogoffCode = "200" | "204";
export type ContentTypeCode = "400" | "415";

export interface HmcSession {
  slot: string;
  user: UserKey;
  /** When its Logon was sent and answered: the lifetime runs from a moment in between. */
  loggedOnFrom: number;
  loggedOnTo: number;
  /** The last use the server certainly counted, sent at usedFrom and answered at usedTo. */
  usedFrom: number;
  usedTo: number;
  /** Time was made to pass since its last use: with an undeclared idle timeout its fate is unknown. */
  waitedSinceUse: boolean;
  /** Ended by a DELETE Logon that presented it. */
  loggedOff: boolean;
  /** Refused where either answer was allowed: from then on it is gone. */
  seenEnded: boolean;
  /**
   * Ids of what happened since it was last seen live that must not have ended it (another
   * Logon, a logoff of another session, a refused Logon, time passing…): a use that finds it
   * gone is a failure of those too.
   */
  exposedTo: Set<string>;
  /** Ids of what happened since its last use that must not have counted as its use (another session's use, a bogus header). */
  touchedBy: Set<string>;
}

export interface HmcModel {
  context: ExploreContext;
  /** The target's now as of the last step (its clock: virtual on a mock). */
  now: number;
  /** Each user's own idle timeout: undefined when the target does not say, Infinity when it has none. */
  idleMs: Record<UserKey, number | undefined>;
  lifetimeMs: number | undefined;
  refusal: Readings<RefusalCode>;
  logoff: Readings<LogoffCode>;
  contentType: Readings<ContentTypeCode>;
  sessions: Map<string, HmcSession>;
  /** Sessions opened so far (slot names are never reused within a run). */
  opened: number;
}

/** The operator's "Idle timeout minutes" from the target's options; 0 means none (the HMC's own convention). */
export function operatorIdleMs(context: ExploreContext): number | undefined {
  const ms = optionDurationMs(context.options.operatorIdleTimeout);
  return ms === 0 ? Number.POSITIVE_INFINITY : ms;
}

export function initialModel(context: ExploreContext): HmcModel {
  return {
    context,
    now: 0,
    // Read as declared, not through timeoutFor: that falls back from idle to lifetime and back, and the HMC keeps them apart.
    idleMs: { default: context.target.timeouts.idleMs, operator: operatorIdleMs(context) },
    lifetimeMs: context.target.timeouts.lifetimeMs,
    refusal: new Readings<RefusalCode>(["401", "403"]),
    logoff: new Readings<LogoffCode>(["200", "204"]),
    contentType: new Readings<ContentTypeCode>(["400", "415"]),
    sessions: new Map(),
    opened: 0,
  };
}

export type Fate = "live" | "ended" | "near" | "unknown";
export type EndCause = "logoff" | "idle" | "lifetime" | "seen";

/** Where one deadline stands at `now`: clearly ahead, clearly behind, or within the margin where either answer is right. */
function against(context: ExploreContext, earliest: number, latest: number, timeoutMs: number, now: number): Fate {
  const margin = context.marginOf(timeoutMs);
  if (earliest + timeoutMs - now > margin) return "live";
  if (latest + timeoutMs - now < -margin) return "ended";
  return "near";
}

/** A session's fate at `now` (the model's, or a later instant a wait would land on), and why it ended if it did. */
export function fateOf(model: Readonly<HmcModel>, session: HmcSession, now = model.now): { fate: Fate; cause?: EndCause } {
  if (session.loggedOff) return { fate: "ended", cause: "logoff" };
  if (session.seenEnded) return { fate: "ended", cause: "seen" };
  const { context } = model;
  const lifetime =
    model.lifetimeMs === undefined ? "live" : against(context, session.loggedOnFrom, session.loggedOnTo, model.lifetimeMs, now);
  if (lifetime === "ended") return { fate: "ended", cause: "lifetime" };
  const idleMs = model.idleMs[session.user];
  const idle =
    idleMs === undefined
      ? session.waitedSinceUse
        ? "unknown"
        : "live"
      : idleMs === Number.POSITIVE_INFINITY
        ? "live"
        : against(context, session.usedFrom, session.usedTo, idleMs, now);
  if (idle === "ended") return { fate: "ended", cause: "idle" };
  if (lifetime === "near" || idle === "near") return { fate: "near" };
  return { fate: idle };
}

export const isLive = (model: Readonly<HmcModel>, session: HmcSession) => fateOf(model, session).fate === "live";

/** Sessions the server may still hold: every one not certainly ended. */
export const maybeLive = (model: Readonly<HmcModel>) => [...model.sessions.values()].filter((s) => fateOf(model, s).fate !== "ended");

/** Marks every session that may still be live as exposed to what just happened (and, for some events, as possibly touched by it). */
export function expose(model: HmcModel, ids: readonly string[], which: (s: HmcSession) => boolean = () => true, touched = false): void {
  for (const session of maybeLive(model)) {
    if (!which(session)) continue;
    for (const id of ids) (touched ? session.touchedBy : session.exposedTo).add(id);
  }
}

/** The session was seen live: what might have ended or touched it is settled. */
export function usedNow(model: HmcModel, session: HmcSession, sentAt: number): void {
  session.usedFrom = sentAt;
  session.usedTo = model.now;
  session.waitedSinceUse = false;
  session.exposedTo.clear();
  session.touchedBy.clear();
  // Its use is its own: the user's other sessions must not count it (a per-user idle clock, one session behind two Logons).
  expose(model, ["HMC-01", "HMC-09"], (s) => s !== session && s.user === session.user, true);
}

export const usernameRef = (user: UserKey) => (user === "default" ? "${credentials.username}" : "${users.operator.username}");
export const tokenRef = (session: HmcSession) => `\${${session.slot}tok}`;
export const sortedIds = (ids: Iterable<string>) => [...new Set(ids)].sort();
