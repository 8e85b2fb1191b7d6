import { Readings } from "../../model.ts";
import type { ExploreContext } from "../../model.ts";

/**
 * What the documents say a Control-M server holds (controlm-session-service.txt,
 * controlm-authentication-service.txt, wire notes §1), as exploration tracks it.
 *
 * A session token is valid for one validity period (30 minutes documented; the target's
 * declared lifetime): whether it runs from issue or from last use is OPEN (CTM-S-06), so
 * both readings are kept until an answer tells them apart.
 */
export type Validity = "from-issue" | "from-last-use";
export type UserKey = "default" | "other";

export interface CtmSession {
  slot: string;
  user: UserKey;
  /** A password login (Bearer) or the seeded API token (x-api-key) of the default user. */
  kind: "password" | "api-key";
  issuedAt: number;
  /** The last use the server certainly counted (a Bearer request it accepted). */
  lastUsedAt: number;
  /** The last use it may have counted (a session token it accepted as x-api-key, unverified). */
  lastUsedLatest: number;
  /** Logged out: refused whichever way its token is sent. */
  loggedOut: boolean;
  /** A password change may or may not end the user's other sessions (undocumented): unknown until used. */
  unsure: boolean;
  /** When the server last showed it live (an event sequence number). */
  confirmedSeq: number;
}

export interface CtmToken {
  /** sp-${random}-<key>: unique per run. */
  key: string;
  owner: UserKey;
  roles: string[];
  /** The UTC day (days since the epoch) of its expirationDate; undefined: it never expires. */
  expiryDay?: number;
  /** Updated since it was created: a read-back is about CTM-A-10. */
  updated: boolean;
  /** A second create with its name was refused: a read-back shows the refusal changed nothing (CTM-A-04). */
  duplicateRefused: boolean;
  /** The UTC day (days since the epoch) it was created on. */
  createdDay: number;
  /** The session slot that created it: the driver deletes a session's tokens when it logs out. */
  createdBy: string;
  deleted: boolean;
  /** Whether its value was captured (a create answered 200 through the model). */
  valueCaptured: boolean;
}

export interface CtmModel {
  context: ExploreContext;
  /** The target's now as of the last step (its clock: virtual on a mock). */
  now: number;
  validityMs: number | undefined;
  validity: Readings<Validity>;
  sessions: Map<string, CtmSession>;
  tokens: Map<string, CtmToken>;
  /** Names whose create was refused, with the ids the refusal was about: a later GET is 404 for those ids. */
  refused: Map<string, string[]>;
  /** The default account's password: the original, or the n-th one this run set (Np-${random}-n-x9). */
  password: number;
  /** Sessions opened so far (slot names are never reused within a run). */
  opened: number;
  /** What happened in the run that could end a session, in order, with the ids each is about. */
  events: { seq: number; ids: string[] }[];
  seq: number;
  /** Token updates the server accepted: every later read-back also shows an update changed nothing else (CTM-A-10). */
  updates: number;
}

export const DAY_MS = 86_400_000;
export const dayOf = (ms: number) => Math.floor(ms / DAY_MS);

/** Roles each user holds, as the suites assume them (the default account holds Admin and User; the second user User only). */
export const HELD: Record<UserKey, readonly string[]> = { default: ["Admin", "User"], other: ["User"] };

export function initialModel(context: ExploreContext): CtmModel {
  return {
    context,
    now: 0,
    validityMs: context.lifetimeMs ?? context.idleMs,
    validity: new Readings<Validity>(["from-issue", "from-last-use"]),
    sessions: new Map(),
    tokens: new Map(),
    refused: new Map(),
    password: 0,
    opened: 0,
    events: [],
    seq: 0,
    updates: 0,
  };
}

/** Records something that may end sessions (a login, a logout, a password change, time passing). */
export function happened(model: CtmModel, ids: string[]): void {
  model.events.push({ seq: ++model.seq, ids });
}

/**
 * What a refusal of a session the model held live is about: the token's documented use
 * (CTM-S-03) and every event since the server last showed it live — one of them ended it.
 */
export function livenessIds(model: CtmModel, session: CtmSession): string[] {
  const since = model.events.filter((e) => e.seq > session.confirmedSeq).flatMap((e) => e.ids);
  return [...new Set([session.kind === "password" ? "CTM-S-03" : "CTM-A-03", ...since])];
}

/** Under one reading, is the session's token still within its validity, past it, or too close to tell? */
export function liveness(model: CtmModel, session: CtmSession, reading: Validity): "live" | "expired" | "near" {
  if (session.kind === "api-key") return "live";
  const validity = model.validityMs;
  if (validity === undefined) return "live";
  const earliest = reading === "from-issue" ? session.issuedAt : session.lastUsedAt;
  const latest = reading === "from-issue" ? session.issuedAt : session.lastUsedLatest;
  const margin = model.context.marginOf(validity);
  if (earliest + validity - model.now > margin) return "live";
  if (latest + validity - model.now < -margin) return "expired";
  return "near";
}

/** The statuses a Bearer use of the session may answer, under one reading. */
export function bearerStatuses(model: CtmModel, session: CtmSession, reading: Validity): number[] {
  if (session.loggedOut) return [401];
  const state = liveness(model, session, reading);
  if (session.unsure) return state === "live" ? [200, 401] : [401];
  return state === "live" ? [200] : state === "expired" ? [401] : [200, 401];
}

export const usernameRef = (user: UserKey) => (user === "default" ? "${credentials.username}" : "${users.other.username}");
export const tokenName = (key: string) => `sp-\${random}-${key}`;
export const passwordRef = (n: number) => (n === 0 ? "${credentials.password}" : `Np-\${random}-${n}-x9`);
