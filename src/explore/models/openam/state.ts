import type { StepResult } from "../../../vendor-api/driver.ts";
import { optionDurationMs } from "../../../engine/time.ts";
import type { Expect, PlainStep } from "../../../scenario/schema.ts";
import { type ExploreContext, Readings } from "../../model.ts";
import type { ExploreSystem } from "../../system.ts";

/**
 * What the documents say an AM server holds (openam-sessions-endpoint.txt, wire notes §2),
 * as exploration tracks it. The target's credentials are an administrator and users.demo
 * a plain user, as the suites assume.
 *
 * Idle time: a session's last access is known exactly where the documents say a call
 * resets it (getSessionInfoAndResetIdleTime, a refresh past the update frequency) or
 * leaves it (validate, getSessionInfo); whether a session's use as the caller of any other
 * action counts as access is not documented, so such a use only widens the window in which
 * its last access may lie ([lastUsedAt, lastUsedLatest]). Time never lands where that
 * window makes its liveness undecidable.
 */
export type UserKey = "admin" | "demo";

export interface AmSession {
  slot: string;
  user: UserKey;
  createdAt: number;
  /** The last access the server certainly counted. */
  lastUsedAt: number;
  /** The last access it may have counted (a use as a caller). */
  lastUsedLatest: number;
  /** What made lastUsedAt: a reset (AM-04), a refresh (AM-09) or nothing but the login. */
  lastUseBy: string[];
  /** Ended by a request, with the ids of what ended it. */
  ended?: string[];
  /** Ids of calls since the last check that must have left it alive (a login, another session's logout, a refused request). */
  liveFrame: Set<string>;
  /** Ids of calls since its last certain access (or last idle read) that must not have moved its idle time. */
  idleWhy: Set<string>;
  /** The capture holding its last read maxIdleExpirationTime, the access it reflects, and what has certainly moved it since. */
  idle?: { cap: string; access: number; movedBy?: string[] };
  /** The capture holding its maxSessionExpirationTime, which never changes. */
  lifeCap?: string;
  /** Its settable property's value as sp-${random}-<n>, or undefined: as the login left it (not a value this run set). */
  property?: number;
  /** Ids of calls since its last property read that must not have changed its properties. */
  propFrame: Set<string>;
  /** The capture holding its sessionHandle (taken by a query that listed it alone). */
  handle?: string;
}

/** Whether a user's other sessions count as its own for getSessionInfo & co. (the notes: "the caller owns tokenId"). */
export type Ownership = "user" | "session";
/** getSessionInfo of a session's own token with no caller: refused by the filter (AM-12) or answered (AM 7.5/8 recordings). */
export type NoCallerInfo = "refused" | "answered";
/** logout of a token the caller does not own: open to anyone with a session (the fork's authz module), or owner-or-admin as AM-12 has it. */
export type LogoutScope = "anyone" | "owner";
/** updateSessionProperties: allow-listed names may be sent alone (DOC) or must be exactly the settable list (the fork). */
export type PropertyUpdate = "subset" | "exact";

export interface AmModel {
  context: ExploreContext;
  /** The target's now as of the last step (its clock: virtual on a mock). */
  now: number;
  idleMs: number | undefined;
  lifetimeMs: number | undefined;
  /** Latest Access Time Update Frequency: refresh resets idle time only past it. */
  frequencyMs: number | undefined;
  /** The allow-listed properties REST may set; the first is the one exploration sets. */
  settable: string[];
  sessions: Map<string, AmSession>;
  /** Sessions opened so far (slot names are never reused within a run). */
  opened: number;
  /** Property values used so far (sp-${random}-<n>). */
  values: number;
  ownership: Readings<Ownership>;
  noCallerInfo: Readings<NoCallerInfo>;
  logoutScope: Readings<LogoutScope>;
  propertyUpdate: Readings<PropertyUpdate>;
}

/** Properties AM keeps for itself even when allow-listed (wire notes §2.3–2.4). */
const PROTECTED = new Set(["AMCtxId", "SessionHandle", "sessionUid", "UserId", "Principal"]);

export function initialModel(context: ExploreContext): AmModel {
  const settable = (context.options.sessionPropertyAllowList ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "" && !PROTECTED.has(s));
  return {
    context,
    now: 0,
    idleMs: context.idleMs,
    lifetimeMs: context.lifetimeMs,
    frequencyMs: optionDurationMs(context.options.latestAccessUpdateFrequency),
    settable,
    sessions: new Map(),
    opened: 0,
    values: 0,
    ownership: new Readings<Ownership>(["user", "session"]),
    noCallerInfo: new Readings<NoCallerInfo>(["refused", "answered"]),
    logoutScope: new Readings<LogoutScope>(["anyone", "owner"]),
    propertyUpdate: new Readings<PropertyUpdate>(["subset", "exact"]),
  };
}

/** A reset's effect on an idle read shows only once the printed second moves: AM prints instants to the second. */
export const SECOND_APART_MS = 2_000;

export type Liveness = "live" | "dead" | "near";

/** Is the session certainly alive, certainly over, or too close to one of its ends to tell, at `at`? */
export function liveness(model: Readonly<AmModel>, s: AmSession, at = model.now): Liveness {
  if (s.ended) return "dead";
  const { idleMs, lifetimeMs } = model;
  const { marginOf } = model.context;
  let live = true;
  if (lifetimeMs !== undefined) {
    const left = s.createdAt + lifetimeMs - at;
    if (left < -marginOf(lifetimeMs)) return "dead";
    if (left <= marginOf(lifetimeMs)) live = false;
  }
  if (idleMs !== undefined) {
    if (s.lastUsedLatest + idleMs - at < -marginOf(idleMs)) return "dead";
    if (s.lastUsedAt + idleMs - at <= marginOf(idleMs)) live = false;
  }
  return live ? "live" : "near";
}

export const isLive = (model: Readonly<AmModel>, s: AmSession) => liveness(model, s) === "live";

/** Unique ids in order. */
export function ids(...parts: (Iterable<string> | undefined)[]): string[] {
  const out = new Set<string>();
  for (const part of parts) for (const id of part ?? []) out.add(id);
  return [...out];
}

/** Why the model expects it alive: what might have ended it wrongly, and what its liveness rests on once time has passed. */
export function aliveWhy(model: Readonly<AmModel>, s: AmSession): string[] {
  return ids(s.liveFrame, model.now > s.lastUsedAt ? ["AM-10", ...s.lastUseBy] : []);
}

/** Why the model expects it over: what ended it, or the timeout and whatever must not have kept it alive. */
export function deadWhy(_model: Readonly<AmModel>, s: AmSession): string[] {
  return s.ended ? [...s.ended] : ids(["AM-10"], s.idleWhy);
}

/** The ids a check of the session is about, in whichever state the model holds it. */
export function stateWhy(model: Readonly<AmModel>, s: AmSession): string[] {
  const state = liveness(model, s);
  return state === "live" ? aliveWhy(model, s) : state === "dead" ? deadWhy(model, s) : ids(aliveWhy(model, s), deadWhy(model, s));
}

/** A step proved the session alive: what might have ended it is answered. */
export function verifiedAlive(s: AmSession): void {
  s.liveFrame.clear();
}

/** The documents say this call reset the session's idle time now. */
export function certainAccess(model: AmModel, s: AmSession, by: string[]): void {
  if (liveness(model, s) !== "dead") accessAt(s, by, model.now);
}

/** Its idle time started again at `now` (a keep-alive inside a wait, or the model's now). */
export function accessAt(s: AmSession, by: string[], now: number): void {
  if (s.idle?.movedBy) s.idle.movedBy = ids(s.idle.movedBy, by);
  else if (s.idle) {
    const exact = s.lastUsedAt === s.lastUsedLatest && s.idle.access === s.lastUsedAt;
    if (exact && now - s.idle.access >= SECOND_APART_MS) s.idle.movedBy = by;
    else if (!(exact && now === s.idle.access)) delete s.idle;
  }
  s.lastUsedAt = now;
  s.lastUsedLatest = now;
  s.lastUseBy = by;
  s.idleWhy.clear();
}

/** The call may or may not have counted as an access of the session (undocumented). */
export function possibleAccess(model: AmModel, s: AmSession): void {
  if (liveness(model, s) === "dead" || model.now === s.lastUsedLatest) return;
  s.lastUsedLatest = model.now;
  // An access at another instant may have moved the printed expiry: equal to the last read no longer holds (later than it still does).
  if (model.now !== s.lastUsedAt && !s.idle?.movedBy) delete s.idle;
}

/** Another session's call that must not have moved this one's idle time (a sibling's reset, a read). */
export function mustNotMove(s: AmSession, id: string): void {
  s.idleWhy.add(id);
}

/** The user's other tracked sessions. */
export function siblings(model: Readonly<AmModel>, s: AmSession): AmSession[] {
  return [...model.sessions.values()].filter((o) => o !== s && o.user === s.user);
}

/** A session chosen by position among those that pass `ok` (fast-check picks the number before the model exists). */
export function pick(model: Readonly<AmModel>, n: number, ok: (s: AmSession) => boolean = () => true): AmSession | undefined {
  const candidates = [...model.sessions.values()].filter(ok);
  return candidates.length ? candidates[n % candidates.length] : undefined;
}

/** May this caller read or change that session? "yes", "no", or either while ownership is open. */
export function access(model: Readonly<AmModel>, caller: AmSession, target: AmSession): ("allowed" | "forbidden")[] {
  if (caller.user === "admin" || caller === target) return ["allowed"];
  if (caller.user !== target.user) return ["forbidden"];
  return model.ownership.allowed((r) => (r === "user" ? ["allowed"] : ["forbidden"]));
}

/** May this caller log that session out? The rule for reading it, unless logout is open to anyone with a session. */
export function logoutAccess(model: Readonly<AmModel>, caller: AmSession, target: AmSession): ("allowed" | "forbidden")[] {
  const readAccess = access(model, caller, target);
  return model.logoutScope.allowed((r) => (r === "anyone" ? ["allowed"] : readAccess));
}

/** A plain user's logout of a token it may not read says whether logout is open to anyone with a session. */
export function observeLogoutAccess(model: AmModel, caller: AmSession, target: AmSession, status: number | undefined): void {
  if (liveness(model, target) !== "live" || (status !== 200 && status !== 403)) return;
  const seen = status === 200 ? "allowed" : "forbidden";
  model.logoutScope.observe(seen, (r) => (r === "anyone" ? ["allowed"] : access(model, caller, target)));
  // Refused although an owner may: the caller does not own its user's other sessions.
  if (seen === "forbidden") observeAccess(model, caller, target, 403);
}

/** A user's answer about its own other session says whether the user's sessions count as its own. */
export function observeAccess(model: AmModel, caller: AmSession, target: AmSession, status: number | undefined): void {
  if (caller === target || caller.user !== target.user || caller.user === "admin" || liveness(model, target) !== "live") return;
  if (status === 200) model.ownership.observe("allowed", (r) => (r === "user" ? ["allowed"] : ["forbidden"]));
  if (status === 403) model.ownership.observe("forbidden", (r) => (r === "user" ? ["allowed"] : ["forbidden"]));
}

/** Runs the step and moves the model's clock to the target's. */
export async function step(model: AmModel, system: ExploreSystem, s: PlainStep) {
  const result = await system.step(s);
  model.now = system.now();
  return result;
}

export const status = (list: readonly number[]): NonNullable<Expect["status"]> =>
  list.length === 1 ? (list[0] as number) : [...new Set(list)].sort((a, b) => a - b);

export const tokenOf = (s: AmSession) => `\${${s.slot}tok}`;
export const usernameRef = (user: UserKey) => (user === "admin" ? "${credentials.username}" : "${users.demo.username}");
export const loginArgs = (user: UserKey) => (user === "admin" ? {} : { user: "demo" });
export const valueRef = (n: number) => `sp-\${random}-${n}`;
/** No property value this run set: what a session nobody set holds. */
export const NOT_SET_HERE = "^(?!sp-${random}-)";
export const SETTABLE = "${options.settableSessionProperty}";
export const NOT_ALLOWED = "sessionprobeNotAllowListed";

/** The call answered about a live session (a dead target's answer is {valid:false}, 400 or 401). */
export function answeredLive(result: StepResult | undefined): boolean {
  return result?.exchange.response.status === 200 && bodyOf(result)?.valid !== false;
}

/** A session near its end that the call found gone is over. */
export function learnGone(model: AmModel, target: AmSession, result: StepResult | undefined): void {
  const seen = result?.exchange.response.status;
  const gone = (seen === 200 && bodyOf(result)?.valid === false) || seen === 400 || seen === 401;
  if (liveness(model, target) === "near" && gone) target.ended = ["AM-10"];
}

/** The response's JSON body as an object, when it has one. */
export function bodyOf(result: StepResult | undefined): Record<string, unknown> | undefined {
  const parsed = result?.exchange.response.parsed;
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
}
