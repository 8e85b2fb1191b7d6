import type { Expect, PlainStep } from "../../../scenario/schema.ts";
import { type ExploreContext, Readings } from "../../model.ts";
import type { ExploreSystem } from "../../system.ts";

/**
 * What the vManage documents say a server holds (cisco-catalyst-manager-authentication.txt,
 * wire notes §1), as exploration tracks it: sessions with their last use (idle timeout,
 * VM-08), their login (lifetime, VM-09) and their order of use (the least recently used
 * is evicted beyond the cap, VM-10), each ended by an event (logout, eviction) or by time.
 *
 * A session is always known to be alive or dead: time passes only where no session ends
 * within the margin, a request that may or may not count as use (one the server refused)
 * widens the session's last use to a window, and the cap is crossed only when the least
 * recently used session is certain. What the documents leave OPEN is kept as readings.
 */
export type UserKey = "default" | "second";

export interface VmSession {
  slot: string;
  user: UserKey;
  /** Creation order: the oldest session is the one with the smallest. */
  born: number;
  openedAt: number;
  /** The last use the server certainly counted, and the latest one it may have counted (a refused request). */
  lastUseAt: number;
  lastUseLatest: number;
  /** Order of the last certain use, and of the latest possible one: the least recently used is decided by these. */
  useSeq: number;
  maybeSeq: number;
  /** The ids a refusal is about, once an event (logout, eviction) ended it. */
  ended?: string[];
  /** Ids whose frame conditions an event put at stake since the session was last seen alive: a refusal now breaks them. */
  atStake: Set<string>;
  /** `${slot}x` holds its XSRF token (read from client/token). */
  token: boolean;
}

/** How a server answers a GET without a valid session (wire notes §1.4, UNCERTAIN): the login page, or a redirect to it. */
export type NoSessionGet = "page" | "redirect";
/** A guarded POST without a valid session: the same answer as a GET, or the SessionTokenFilter's 403 first (§1.3/§1.4). */
export type NoSessionPost = "as-get" | "xsrf-403";
/** Whether two sessions of one account share one XSRF token (undocumented: the suite observes it). */
export type TokenScope = "per-session" | "per-account";
/** Whether a POST logout needs the token on ≥20.12 (wire notes §1.5, UNCERTAIN). */
export type LogoutToken = "optional" | "required";
/** Whether a release serves the /logout method it is not declared to serve. */
export type Served = "served" | "refused";

export interface VmModel {
  context: ExploreContext;
  /** The target's now as of the last step. */
  now: number;
  /** The server's own timeouts (undefined: none); the context's are what `%` in an expire step is relative to. */
  idleMs: number | undefined;
  lifetimeMs: number | undefined;
  cap: number | undefined;
  xsrfEnforced: boolean;
  xsrfExempt: ReadonlySet<string>;
  logoutMethod: "post" | "get" | "both";
  secondUser: string | undefined;
  sessions: Map<string, VmSession>;
  opened: number;
  seq: number;
  /** A run crosses the cap by a flood at most once: it is the costly command. */
  flooded: boolean;
  readings: {
    noSessionGet: Readings<NoSessionGet>;
    noSessionPost: Readings<NoSessionPost>;
    tokenScope: Readings<TokenScope>;
    logoutToken: Readings<LogoutToken>;
    getLogout: Readings<Served>;
    postLogout: Readings<Served>;
  };
}

/** The server's timeouts as declared (a mock's exactly; a real target's else the documented ones), none where unset. */
function serverTimeouts(context: ExploreContext): { idleMs?: number | undefined; lifetimeMs?: number | undefined } {
  const { target, driver } = context;
  const declared = target.kind === "mock" || target.timeouts.idleMs !== undefined || target.timeouts.lifetimeMs !== undefined;
  return declared ? target.timeouts : driver.documentedTimeouts;
}

export function initialModel(context: ExploreContext): VmModel {
  const { options } = context;
  const timeouts = serverTimeouts(context);
  const cap = Number(options.sessionCap);
  const method = options.logoutMethod;
  const second = context.driver.secondUser;
  return {
    context,
    now: 0,
    idleMs: timeouts.idleMs,
    lifetimeMs: timeouts.lifetimeMs,
    cap: Number.isInteger(cap) && cap > 0 ? cap : undefined,
    xsrfEnforced: options.xsrfToken !== "absent",
    xsrfExempt: new Set(
      (options.xsrfAllowList ?? "")
        .split(",")
        .map((p) => p.trim())
        .filter((p) => p !== ""),
    ),
    logoutMethod: method === "get" || method === "both" ? method : "post",
    secondUser: second !== undefined && context.target.users[second] !== undefined ? second : undefined,
    sessions: new Map(),
    opened: 0,
    seq: 0,
    flooded: false,
    readings: {
      noSessionGet: new Readings<NoSessionGet>(["page", "redirect"]),
      noSessionPost: new Readings<NoSessionPost>(["as-get", "xsrf-403"]),
      tokenScope: new Readings<TokenScope>(["per-session", "per-account"]),
      logoutToken: new Readings<LogoutToken>(["optional", "required"]),
      getLogout: new Readings<Served>(["served", "refused"]),
      postLogout: new Readings<Served>(["served", "refused"]),
    },
  };
}

export type Life = "live" | "dead" | "near";

/**
 * Alive, dead, or too close to an end to tell, at `at` (default: now). Dead by time
 * names the timeouts that certainly passed: VM-08 for the idle one, VM-09 for the lifetime.
 */
export function life(model: Readonly<VmModel>, s: VmSession, at = model.now): { state: Life; ids: string[] } {
  if (s.ended) return { state: "dead", ids: s.ended };
  const ends: { earliest: number; latest: number; timeout: number; id: string }[] = [];
  if (model.idleMs !== undefined)
    ends.push({ earliest: s.lastUseAt + model.idleMs, latest: s.lastUseLatest + model.idleMs, timeout: model.idleMs, id: "VM-08" });
  if (model.lifetimeMs !== undefined)
    ends.push({ earliest: s.openedAt + model.lifetimeMs, latest: s.openedAt + model.lifetimeMs, timeout: model.lifetimeMs, id: "VM-09" });
  const passed: string[] = [];
  let near = false;
  for (const end of ends) {
    const margin = model.context.marginOf(end.timeout);
    if (at > end.latest + margin) passed.push(end.id);
    else if (at >= end.earliest - margin) near = true;
  }
  if (passed.length) return { state: "dead", ids: passed };
  return { state: near ? "near" : "live", ids: [] };
}

export const isLive = (model: Readonly<VmModel>, s: VmSession) => life(model, s).state === "live";
export const isDecided = (model: Readonly<VmModel>, s: VmSession) => life(model, s).state !== "near";

/** A session chosen by position among those that pass `ok` (fast-check picks the number before the model exists). */
export function pick(model: Readonly<VmModel>, n: number, ok: (s: VmSession) => boolean): VmSession | undefined {
  const candidates = [...model.sessions.values()].filter(ok);
  return candidates.length ? candidates[n % candidates.length] : undefined;
}

export const liveSessions = (model: Readonly<VmModel>) => [...model.sessions.values()].filter((s) => isLive(model, s));
export const nearSessions = (model: Readonly<VmModel>) => [...model.sessions.values()].filter((s) => life(model, s).state === "near");

/** The session certainly least recently used among these, if one is. */
export function leastRecentlyUsed(sessions: readonly VmSession[]): VmSession | undefined {
  const byUse = [...sessions].sort((a, b) => a.useSeq - b.useSeq);
  const [first, ...rest] = byUse;
  if (!first) return undefined;
  return rest.every((s) => first.maybeSeq < s.useSeq) ? first : undefined;
}

/** A use the server certainly counted, between `before` and now. */
export function used(model: VmModel, s: VmSession, before: number): void {
  s.lastUseAt = before;
  s.lastUseLatest = model.now;
  s.useSeq = ++model.seq;
  s.maybeSeq = s.useSeq;
}

/** A request the server refused: whether it counted as use, no document says. */
export function maybeUsed(model: VmModel, s: VmSession): void {
  s.lastUseLatest = model.now;
  s.maybeSeq = ++model.seq;
}

/** An event that must leave these sessions alone: a refusal of one of them is now about these ids too. */
export function stake(model: VmModel, ids: readonly string[], which: (s: VmSession) => boolean = () => true): void {
  for (const s of model.sessions.values()) if (!s.ended && which(s)) for (const id of ids) s.atStake.add(id);
}

export function opened(model: VmModel, user: UserKey, slot: string): VmSession {
  const s: VmSession = {
    slot,
    user,
    born: model.opened,
    openedAt: model.now,
    lastUseAt: model.now,
    lastUseLatest: model.now,
    useSeq: ++model.seq,
    maybeSeq: model.seq,
    atStake: new Set(),
    token: false,
  };
  model.sessions.set(slot, s);
  return s;
}

/** Runs the step and moves the model's clock to the target's; `before` is the clock when it started. */
export async function step(model: VmModel, system: ExploreSystem, s: PlainStep) {
  const before = model.now;
  const result = await system.step(s);
  model.now = system.now();
  return { result, before, status: result?.exchange.response.status };
}

export const status = (list: readonly number[]): NonNullable<Expect["status"]> =>
  list.length === 1 ? (list[0] as number) : [...new Set(list)].sort((a, b) => a - b);

export const cookieRef = (s: VmSession) => `JSESSIONID=\${${s.slot}j}`;
export const tokenRef = (s: VmSession) => `\${${s.slot}x}`;
export const usernameRef = (model: Readonly<VmModel>, user: UserKey) =>
  user === "default" ? "${credentials.username}" : `\${users.${model.secondUser}.username}`;
export const loginArgs = (model: Readonly<VmModel>, user: UserKey) => (user === "default" ? {} : { user: model.secondUser as string });

/** The login page's mark and the token's alphabet (wire notes §1.1, §1.2). */
export const LOGIN_PAGE = "<html";
export const TOKEN_TEXT = "^[A-Za-z0-9._~+/=-]+$";
/** The POST query body the wire notes name (§1.3): it changes nothing, yet needs the token. */
export const QUERY = { query: { condition: "AND", rules: [] } };
export const QUERY_PATHS = ["alarms", "statistics/interface"] as const;

/** Does the SessionTokenFilter guard this POST (19.2 and later, not allow-listed)? */
export const guarded = (model: Readonly<VmModel>, path: string) => model.xsrfEnforced && !model.xsrfExempt.has(`/dataservice/${path}`);

/**
 * What a live session's JSON answer must show: JSON, not the login page. Whether it repeats the
 * session's JSESSIONID is not judged: the same value again is legal (RFC 6265; variant
 * session-cookie-repeated), and a new session id shows when the old cookie stops working (VM-11).
 */
export function liveAnswer(schema: string): Expect {
  return {
    status: 200,
    schema,
    headers: { "content-type": { contains: "json" } },
  };
}

function noSessionGetStatus(r: NoSessionGet): number[] {
  return r === "page" ? [200] : [302];
}

function noSessionStatuses(model: Readonly<VmModel>, method: "GET" | "POST", checked: boolean): number[] {
  const get = model.readings.noSessionGet.allowed(noSessionGetStatus);
  if (method === "GET") return get;
  return model.readings.noSessionPost.allowed((p) => (p === "xsrf-403" && checked ? [403] : get));
}

/**
 * What a request without a valid session may answer (VM-06): the login page (200) or a
 * redirect to it (302), and for a guarded POST possibly the SessionTokenFilter's 403;
 * never JSON data, never 401. Once the server showed its way, only that way.
 */
export function deadAnswer(model: Readonly<VmModel>, method: "GET" | "POST", checked: boolean): Expect {
  const statuses = noSessionStatuses(model, method, checked);
  const expect: Expect = { status: status(statuses), headers: { "content-type": { notContains: "json" } } };
  if (statuses.length === 1 && statuses[0] === 200) expect.text = { matches: LOGIN_PAGE };
  if (statuses.length === 1 && statuses[0] === 302)
    (expect.headers as Record<string, unknown>).location = { matches: "welcome\\.html|login" };
  return expect;
}

/** Keeps the readings of the no-session answer that allow what the server said. */
export function observeDead(model: VmModel, method: "GET" | "POST", checked: boolean, seen: number | undefined): void {
  if (seen === undefined) return;
  const { noSessionGet, noSessionPost } = model.readings;
  if (method === "GET") {
    noSessionGet.observe(seen, noSessionGetStatus);
    return;
  }
  if (checked && seen === 403) {
    noSessionPost.observe("xsrf-403", (p) => [p]);
    return;
  }
  noSessionPost.observe("as-get", (p) => (checked ? [p] : ["as-get", "xsrf-403"]));
  noSessionGet.observe(seen, noSessionGetStatus);
}
