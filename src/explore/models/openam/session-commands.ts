import fc from "fast-check";
import { keepAliveSchedule } from "../../../engine/time.ts";
import type { Expect, PlainStep } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import type { ExploreSystem } from "../../system.ts";
import {
  type AmModel,
  type AmSession,
  accessAt,
  aliveWhy,
  bodyOf,
  certainAccess,
  deadWhy,
  ids,
  isLive,
  learnGone,
  liveness,
  loginArgs,
  logoutAccess,
  mustNotMove,
  NOT_ALLOWED,
  observeLogoutAccess,
  pick,
  possibleAccess,
  SETTABLE,
  siblings,
  stateWhy,
  step,
  tokenOf,
  type UserKey,
  usernameRef,
  verifiedAlive,
} from "./state.ts";

/**
 * Authenticate, validate, logout, time, and the rules every action shares: no caller
 * (AM-12), no tokenId (AM-11), the API version (AM-13) (wire notes §2.1–2.3, §2.5).
 */
export const CREST = "openam/crest-error";
/**
 * What a `session:` judgement asserts through: the driver's probe is validate with no caller
 * (AM-02), and each carrier is probed with validate and no tokenId (what AM-11 says such a call does).
 */
export const JUDGED = ["AM-02", "AM-11"];

function openSession(model: AmModel, user: UserKey, slot: string): AmSession {
  const session: AmSession = {
    slot,
    user,
    createdAt: model.now,
    lastUsedAt: model.now,
    lastUsedLatest: model.now,
    lastUseBy: [],
    liveFrame: new Set(),
    idleWhy: new Set(),
    propFrame: new Set(),
  };
  model.sessions.set(slot, session);
  return session;
}

/** Session quotas are off unless a deployment turns them on: a login opens one session and ends none. */
export const mayLogin = (m: Readonly<AmModel>, user: UserKey) =>
  [...m.sessions.values()].filter((s) => liveness(m, s) !== "dead").length < 5 &&
  m.opened < 8 &&
  (user === "admin" || m.context.target.users.demo !== undefined);

export async function logIn(model: AmModel, system: ExploreSystem, user: UserKey, judge: boolean): Promise<AmSession> {
  const slot = `s${++model.opened}`;
  const earlier = [...model.sessions.values()].filter((s) => s.user === user);
  await step(model, system, {
    login: loginArgs(user),
    as: slot,
    covers: judge ? ["AM-01", ...JUDGED] : ["AM-01"],
    expect: {
      status: 200,
      schema: "openam/authenticate-success",
      cookies: { "${options.cookieName}": { set: true, httpOnly: true } },
      body: { tokenId: { type: "string", nonEmpty: true }, realm: "/" },
      ...(judge ? { session: "valid" as const } : {}),
    },
    capture: { [`${slot}tok`]: "body.tokenId" },
  });
  for (const s of earlier) s.liveFrame.add("AM-01");
  return openSession(model, user, slot);
}

const login = (user: UserKey, judge: boolean) =>
  command<AmModel>(`login ${user}${judge ? " (judged)" : ""}`, {
    check: (m) => mayLogin(m, user),
    run: async (model, system) => {
      await logIn(model, system, user, judge);
    },
  });

const wrongLogin = (kind: "unknown-user" | "wrong-password") =>
  command<AmModel>(`login ${kind}`, {
    check: (m) => kind === "unknown-user" || m.context.allows.wrongPasswords,
    run: async (model, system) => {
      const login =
        kind === "unknown-user" ? { username: "no-such-user-${random}", password: "wrong-${random}" } : { password: "wrong-${random}" };
      await step(model, system, {
        login,
        as: "refused",
        covers: ["AM-01"],
        expect: {
          status: 401,
          schema: CREST,
          cookies: { "${options.cookieName}": { set: false } },
          body: { code: 401, reason: "Unauthorized", tokenId: { exists: false } },
        },
      });
    },
  });

/** What validate of the session answers in the model's state: valid with its user, valid:false, or either near its end. */
function validateExpect(model: AmModel, target: AmSession): Expect {
  const state = liveness(model, target);
  if (state === "live")
    return {
      status: 200,
      schema: "openam/validate-valid",
      body: { valid: true, uid: usernameRef(target.user), realm: "/", sessionUid: { nonEmpty: true } },
    };
  if (state === "dead") return { status: 200, schema: "openam/validate-invalid", body: { valid: false, uid: { exists: false } } };
  return { status: 200 };
}

/**
 * validate of one session's token: with no caller (the driver's form), or sent by another
 * session (the docs' form: the body's tokenId is judged, never the caller's).
 */
const validate = (t: number, c: number, via: "nobody" | "caller", judge: boolean) =>
  command<AmModel>(`validate session #${t} ${via === "caller" ? `sent by session #${c}` : "with no caller"}${judge ? " (judged)" : ""}`, {
    check: (m) => pick(m, t) !== undefined,
    run: async (model, system) => {
      const target = pick(model, t) as AmSession;
      const caller = via === "caller" ? pick(model, c, (s) => s !== target) : undefined;
      const state = liveness(model, target);
      const judged = judge && caller === undefined && state !== "near";
      const expect: Expect = { ...validateExpect(model, target), ...(judged ? { session: state === "live" ? "valid" : "invalid" } : {}) };
      const covers = ids(["AM-02"], stateWhy(model, target), judged ? JUDGED : []);
      const s: PlainStep = caller
        ? {
            action: "sessions-action",
            as: caller.slot,
            title: `validate session ${target.slot}'s token, sent by session ${caller.slot}`,
            with: { action: "validate", body: { tokenId: tokenOf(target) } },
            covers,
            expect,
          }
        : { action: "validate", as: target.slot, covers, expect };
      const result = await step(model, system, s);
      if (state === "live") verifiedAlive(target);
      learnGone(model, target, result);
      if (caller) possibleAccess(model, caller);
    },
  });

const validateUnknown = (c: number, withCaller: boolean) =>
  command<AmModel>(`validate an unknown token${withCaller ? ` sent by session #${c}` : ""}`, {
    check: (m) => !withCaller || pick(m, c, (s) => isLive(m, s)) !== undefined,
    run: async (model, system) => {
      const caller = withCaller ? (pick(model, c, (s) => isLive(model, s)) as AmSession) : undefined;
      const expect: Expect = { status: 200, schema: "openam/validate-invalid", body: { valid: false, uid: { exists: false } } };
      await step(
        model,
        system,
        caller
          ? {
              action: "sessions-action",
              as: caller.slot,
              title: "an unknown tokenId is valid:false although the caller's own token is live",
              with: { action: "validate", body: { tokenId: "no-such-token-${random}" } },
              covers: ["AM-02"],
              expect,
            }
          : { action: "validate", with: { tokenId: "no-such-token-${random}" }, covers: ["AM-02"], expect },
      );
      if (caller) possibleAccess(model, caller);
    },
  });

/** The session ended by a request: its user's other sessions must outlive it. */
export function ended(model: AmModel, target: AmSession, why: string[], spared?: AmSession): void {
  target.ended = why;
  for (const s of siblings(model, target)) if (s !== spared) s.liveFrame.add(why[0] as string);
}

const logoutSelf = (t: number) =>
  command<AmModel>(`logout session #${t}`, {
    check: (m) => pick(m, t) !== undefined,
    run: async (model, system) => {
      const target = pick(model, t) as AmSession;
      const state = liveness(model, target);
      const expect: Expect =
        state === "live"
          ? { status: 200, schema: "openam/logout-result", body: { result: "Successfully logged out" }, session: "invalid" }
          : state === "dead"
            ? { status: [200, 401], schema: "openam/logout-dead-token" }
            : { status: [200, 401] };
      const result = await step(model, system, {
        logout: {},
        as: target.slot,
        covers: ids(["AM-06"], state === "live" ? JUDGED : [], stateWhy(model, target)),
        expect,
      });
      if (state === "live" || bodyOf(result)?.result === "Successfully logged out") ended(model, target, ["AM-06"]);
      else if (state === "near") target.ended = ["AM-10"];
    },
  });

/**
 * The docs' form: one session's token in the header, another's in the body; the body's
 * session ends, the caller lives on. A plain user logging out a token it does not own: the
 * fork lets anyone with a session, AM-12 wants an administrator — open until answered.
 */
const logoutOther = (c: number, t: number) =>
  command<AmModel>(`session #${c} logs out session #${t}`, {
    check: (m) => {
      const caller = pick(m, c, (s) => isLive(m, s));
      return caller !== undefined && pick(m, t, (s) => s !== caller) !== undefined;
    },
    run: async (model, system) => {
      const caller = pick(model, c, (s) => isLive(model, s)) as AmSession;
      const target = pick(model, t, (s) => s !== caller) as AmSession;
      const state = liveness(model, target);
      const may = logoutAccess(model, caller, target);
      // A target already gone: the fork's 200 "Token has expired"; AM 7/8's answer is not documented. Never "Successfully logged out".
      const expect: Expect =
        state === "live" && may.join() === "allowed"
          ? { status: 200, schema: "openam/logout-result", body: { result: "Successfully logged out" }, session: "valid" }
          : state === "live" && may.join() === "forbidden"
            ? { status: 403, schema: CREST, session: "valid" }
            : state === "live"
              ? { status: [200, 403], text: { matches: '"result"\\s*:\\s*"Successfully logged out"|"code"\\s*:\\s*403' }, session: "valid" }
              : state === "dead"
                ? { status: [200, 400, 401, 403], body: { result: { notEquals: "Successfully logged out" } } }
                : { status: [200, 400, 401, 403] };
      const result = await step(model, system, {
        action: "sessions-action",
        as: caller.slot,
        title: `session ${caller.slot} logs out session ${target.slot} by its tokenId`,
        with: { action: "logout", body: { tokenId: tokenOf(target) } },
        covers: ids(
          ["AM-06"],
          may.includes("forbidden") ? ["AM-12"] : [],
          state === "live" ? JUDGED : [],
          stateWhy(model, target),
          aliveWhy(model, caller),
        ),
        expect,
      });
      const seen = result?.exchange.response.status;
      observeLogoutAccess(model, caller, target, seen);
      possibleAccess(model, caller);
      if (state === "live") verifiedAlive(caller);
      if (bodyOf(result)?.result === "Successfully logged out") ended(model, target, ["AM-06"], caller);
      else {
        if (state === "near" && seen === 200) target.ended = ["AM-10"];
        if (seen === 403) target.liveFrame.add("AM-12");
        caller.liveFrame.add("AM-06");
      }
    },
  });

type Wait = { of: "idle" | "frequency"; share: number };
const IDLE_SHARES = [10, 35, 60, 85, 110, 150, 220];
const FREQUENCY_SHARES = [50, 150];

function waitMs(m: Readonly<AmModel>, wait: Wait): number | undefined {
  const base = wait.of === "idle" ? m.idleMs : m.frequencyMs;
  return base === undefined ? undefined : Math.round((base * wait.share) / 100);
}

/** No tracked session is within its margin of an end when the time has passed. */
function landsClear(m: Readonly<AmModel>, ms: number, replaced?: AmSession): boolean {
  return [...m.sessions.values()].every((s) => liveness(m, replaced?.slot === s.slot ? replaced : s, m.now + ms) !== "near");
}

const pass = (wait: Wait) =>
  command<AmModel>(`let ${wait.share}% of the ${wait.of === "idle" ? "idle timeout" : "latest-access update frequency"} pass`, {
    check: (m) => {
      const ms = waitMs(m, wait);
      return m.context.allows.time && ms !== undefined && ms <= m.context.allows.maxWaitMs && landsClear(m, ms);
    },
    run: async (model, system) => {
      await step(model, system, {
        expire: { idle: wait.of === "idle" ? `${wait.share}%` : `${wait.share}% of latestAccessUpdateFrequency` },
      });
    },
  });

const KEEP_EVERY = 33;
const LIFETIME_SHARES = [40, 75, 110, 150];

/** The engine's keep-alive instants for the session (src/engine/expire.ts), and where they leave its last access. */
function keepAlivePlan(m: Readonly<AmModel>, s: AmSession, share: number) {
  const { idleMs, lifetimeMs } = m;
  if (idleMs === undefined || lifetimeMs === undefined) return undefined;
  const total = Math.round((lifetimeMs * share) / 100);
  const every = Math.round((idleMs * KEEP_EVERY) / 100);
  const lastSafe = lifetimeMs - m.context.marginOf(lifetimeMs) - (m.now - s.createdAt);
  const at = keepAliveSchedule(total, every, lastSafe);
  const last = at.length ? m.now + (at[at.length - 1] as number) : undefined;
  return { total, every, last };
}

/**
 * Maximum session time (AM-10) while getSessionInfoAndResetIdleTime keeps the session
 * busy every third of the idle timeout (AM-04): a keep-alive that finds it gone fails.
 */
const keepAlive = (t: number, share: number) =>
  command<AmModel>(`keep session #${t} alive for ${share}% of the lifetime`, {
    check: (m) => {
      const s = pick(m, t, (x) => isLive(m, x));
      const plan = s && keepAlivePlan(m, s, share);
      if (!s || !plan || !m.context.allows.time || plan.total > m.context.allows.maxWaitMs) return false;
      const idle = m.idleMs as number;
      // The first keep-alive must find it certainly alive, and so must each after it.
      if (m.now - s.lastUsedAt + plan.every >= idle - m.context.marginOf(idle)) return false;
      const after = plan.last === undefined ? s : { ...s, lastUsedAt: plan.last, lastUsedLatest: Math.max(plan.last, s.lastUsedLatest) };
      return landsClear(m, plan.total, after);
    },
    run: async (model, system) => {
      const s = pick(model, t, (x) => isLive(model, x)) as AmSession;
      const plan = keepAlivePlan(model, s, share);
      const covers = ids(["AM-04", "AM-10"], aliveWhy(model, s));
      await step(model, system, {
        expire: { absolute: `${share}%`, keepAlive: `${KEEP_EVERY}%`, using: "get-session-info-and-reset-idle-time" },
        as: s.slot,
        covers,
      });
      if (plan?.last === undefined) return;
      // Each keep-alive reset it: its last access is the last keep-alive, and the user's other sessions were not reset.
      accessAt(s, ["AM-04"], plan.last);
      verifiedAlive(s);
      for (const o of siblings(model, s)) mustNotMove(o, "AM-04");
    },
  });

/** A session already over, as the caller of its own token: the filter refuses it (AM-12), or the dead-target answers. */
type DeadCall = "logout" | "get-session-info" | "get-session-info-and-reset-idle-time" | "refresh" | "get-session-properties" | "query";

const deadCaller = (c: number, call: DeadCall) =>
  command<AmModel>(`${call} as ended session #${c}`, {
    check: (m) => pick(m, c, (s) => liveness(m, s) === "dead") !== undefined,
    run: async (model, system) => {
      const caller = pick(model, c, (s) => liveness(model, s) === "dead") as AmSession;
      const expect: Expect =
        call === "logout"
          ? { status: [200, 401], schema: "openam/logout-dead-token" }
          : call === "get-session-info" || call === "get-session-info-and-reset-idle-time" || call === "refresh"
            ? { status: [200, 400, 401], schema: "openam/dead-target-info" }
            : call === "get-session-properties"
              ? { status: [400, 401], schema: CREST }
              : { status: 401, schema: CREST, body: { code: 401 } };
      const covers = ids(["AM-12"], deadWhy(model, caller));
      await step(
        model,
        system,
        call === "logout" ? { logout: {}, as: caller.slot, covers, expect } : { action: call, as: caller.slot, covers, expect },
      );
    },
  });

/** Every action but validate needs a caller session: without one, the filter refuses (401) and nothing happens. */
type NoCallerCall =
  | "getSessionInfo"
  | "getSessionInfoAndResetIdleTime"
  | "getSessionProperties"
  | "updateSessionProperties"
  | "refresh"
  | "logout"
  | "logoutByHandle"
  | "query";

const noCaller = (t: number, call: NoCallerCall) =>
  command<AmModel>(`${call} of session #${t} without a caller`, {
    check: (m) => pick(m, t) !== undefined,
    run: async (model, system) => {
      const target = pick(model, t) as AmSession;
      if (call === "getSessionInfo") return noCallerInfo(model, system, target);
      const refused: Expect = { status: 401, schema: CREST, body: { code: 401, reason: "Unauthorized" } };
      const body =
        call === "logoutByHandle"
          ? { sessionHandles: [] }
          : call === "updateSessionProperties"
            ? { tokenId: tokenOf(target), [model.settable.length ? SETTABLE : NOT_ALLOWED]: "nc-${random}" }
            : { tokenId: tokenOf(target) };
      await step(
        model,
        system,
        call === "query"
          ? {
              action: "query",
              as: target.slot,
              title: "query without a caller",
              with: { caller: "none" },
              covers: ["AM-12"],
              expect: refused,
            }
          : {
              action: "sessions-action",
              as: target.slot,
              title: `${call} without a caller`,
              with: { action: call, body, caller: "none" },
              covers: ["AM-12"],
              expect: refused,
            },
      );
      // Refused: it must have ended, reset and changed nothing.
      target.liveFrame.add("AM-12");
      target.idleWhy.add("AM-12");
      if (call === "updateSessionProperties" && model.settable.length) target.propFrame.add("AM-12");
    },
  });

/**
 * getSessionInfo of a session's own token with no caller: the filter's 401 (the OpenAM fork's
 * route), or, as recordings of AM 7.5/8.0 show, 200 with the session's info. Either holds until
 * the server has shown which it does.
 */
async function noCallerInfo(model: AmModel, system: ExploreSystem, target: AmSession): Promise<void> {
  const state = liveness(model, target);
  const readings = model.noCallerInfo.allowed((r) => [r]);
  const user = usernameRef(target.user);
  const expect: Expect =
    state !== "live"
      ? { status: [200, 400, 401], ...(state === "dead" ? { schema: "openam/dead-target-info" } : {}) }
      : readings.length > 1
        ? { status: [200, 401], text: { matches: `"code"\\s*:\\s*401|"username"\\s*:\\s*"${user}"` } }
        : readings[0] === "refused"
          ? { status: 401, schema: CREST, body: { code: 401, reason: "Unauthorized" } }
          : { status: 200, schema: "openam/session-info", body: { username: user, realm: "/" } };
  const result = await step(model, system, {
    action: "sessions-action",
    as: target.slot,
    title: "getSessionInfo of the session's own token without a caller",
    with: { action: "getSessionInfo", body: { tokenId: tokenOf(target) }, caller: "none" },
    covers:
      state === "live"
        ? ids(["AM-12", "AM-03"], readings.includes("answered") ? aliveWhy(model, target) : [])
        : ids(["AM-12"], stateWhy(model, target)),
    expect,
  });
  const seen = result?.exchange.response.status;
  if (state === "live" && (seen === 200 || seen === 401)) {
    model.noCallerInfo.observe(seen === 200 ? "answered" : "refused", (r) => [r]);
    if (seen === 200) verifiedAlive(target);
  }
  mustNotMove(target, "AM-03");
  target.liveFrame.add("AM-12");
}

/** The body schema's tokenId (AM-11): without it, 400 or the action on the caller's own token, never anything else. */
type MissingCall =
  | "validate"
  | "validate-with-caller"
  | "get-session-info"
  | "get-session-info-and-reset-idle-time"
  | "get-session-properties"
  | "update-session-properties"
  | "refresh"
  | "logout";

const MISSING_SCHEMA: Record<Exclude<MissingCall, "validate">, string> = {
  "validate-with-caller": "openam/missing-tokenid-validate",
  "get-session-info": "openam/missing-tokenid-info",
  "get-session-info-and-reset-idle-time": "openam/missing-tokenid-info",
  "get-session-properties": "openam/missing-tokenid-properties",
  "update-session-properties": "openam/missing-tokenid-properties",
  refresh: "openam/missing-tokenid-refresh",
  logout: "openam/missing-tokenid-logout",
};

const missingTokenId = (c: number, call: MissingCall) =>
  command<AmModel>(`${call} without tokenId as session #${c}`, {
    check: (m) => pick(m, c, (s) => isLive(m, s)) !== undefined,
    run: async (model, system) => {
      const caller = pick(model, c, (s) => isLive(model, s)) as AmSession;
      const covers = ids(["AM-11"], aliveWhy(model, caller));
      let s: PlainStep;
      if (call === "validate")
        s = {
          action: "validate",
          as: caller.slot,
          title: "validate with no tokenId and no token anywhere",
          with: { body: {} },
          covers: ["AM-11"],
          expect: { status: 400, schema: CREST, body: { code: 400 } },
        };
      else if (call === "validate-with-caller" || call === "logout")
        s = {
          action: "sessions-action",
          as: caller.slot,
          title: `${call === "logout" ? "logout" : "validate"} with the caller's token only`,
          with: { action: call === "logout" ? "logout" : "validate", body: {} },
          covers,
          expect: { status: [200, 400], schema: MISSING_SCHEMA[call] },
        };
      else s = { action: call, as: caller.slot, with: { body: {} }, covers, expect: { status: [200, 400], schema: MISSING_SCHEMA[call] } };
      const result = await step(model, system, s);
      const seen = result?.exchange.response.status;
      if (call === "validate") return;
      verifiedAlive(caller);
      if (call === "logout") {
        if (seen === 200) ended(model, caller, ["AM-06", "AM-11"]);
        else caller.liveFrame.add("AM-11");
        return;
      }
      // Acting on the caller: a reset resets it, a refresh follows its throttle; otherwise the use may count as access.
      if (seen === 200 && call === "get-session-info-and-reset-idle-time") certainAccess(model, caller, ["AM-04", "AM-11"]);
      else if (seen === 200 && call === "refresh") refreshed(model, caller);
      else if (call !== "get-session-info" && call !== "validate-with-caller") possibleAccess(model, caller);
      if (call === "get-session-info" || call === "validate-with-caller") mustNotMove(caller, "AM-11");
    },
  });

/** What a refresh did to its target: reset past the update frequency, nothing within it, either too close to tell. */
export function refreshOutcome(model: Readonly<AmModel>, target: AmSession): "reset" | "throttled" | "unsure" {
  const frequency = model.frequencyMs;
  if (frequency === undefined) return "unsure";
  const margin = model.context.marginOf(frequency);
  if (model.now - target.lastUsedLatest > frequency + margin) return "reset";
  if (model.now - target.lastUsedAt < frequency - margin) return "throttled";
  return "unsure";
}

export function refreshed(model: AmModel, target: AmSession): void {
  const outcome = refreshOutcome(model, target);
  if (outcome === "reset") certainAccess(model, target, ["AM-09"]);
  else if (outcome === "throttled") mustNotMove(target, "AM-09");
  else possibleAccess(model, target);
  for (const o of siblings(model, target)) mustNotMove(o, "AM-09");
}

type Version = "4.0" | "3.1" | "declared" | "99.0";

/** Accept-API-Version is honoured and answered with Content-API-Version (AM-13). */
const apiVersion = (c: number, version: Version, on: "validate" | "get-session-info") =>
  command<AmModel>(`${on} with resource version ${version} as session #${c}`, {
    check: (m) => pick(m, c, (s) => isLive(m, s)) !== undefined,
    run: async (model, system) => {
      const caller = pick(model, c, (s) => isLive(model, s)) as AmSession;
      const header = version === "declared" ? "resource=${options.resourceVersion}, protocol=1.0" : `resource=${version}, protocol=1.0`;
      const answered =
        version === "4.0" ? "resource=4.0" : version === "3.1" ? { matches: "^resource=3\\.1$" } : "resource=${options.resourceVersion}";
      const expect: Expect =
        version === "99.0"
          ? { status: [400, 404], schema: CREST }
          : {
              status: 200,
              schema: on === "validate" ? "openam/validate-valid" : "openam/session-info",
              headers: { "content-api-version": answered },
            };
      await step(model, system, {
        action: on,
        as: caller.slot,
        with: { apiVersion: header },
        covers: version === "99.0" ? ["AM-13"] : ids(["AM-13"], aliveWhy(model, caller)),
        expect,
      });
      if (version !== "99.0") verifiedAlive(caller);
      if (on === "get-session-info") mustNotMove(caller, "AM-03");
    },
  });

const unknownAction = (c: number, withCaller: boolean) =>
  command<AmModel>(`an unknown action as session #${c}${withCaller ? "" : " without a caller"}`, {
    check: (m) => pick(m, c, (s) => isLive(m, s)) !== undefined,
    run: async (model, system) => {
      const caller = pick(model, c, (s) => isLive(model, s)) as AmSession;
      await step(model, system, {
        action: "sessions-action",
        as: caller.slot,
        with: { action: "sessionprobeNoSuchAction", body: { tokenId: tokenOf(caller) }, ...(withCaller ? {} : { caller: "none" }) },
        covers: withCaller ? ids(["AM-12"], aliveWhy(model, caller)) : ["AM-12"],
        expect: withCaller ? { status: 501, schema: CREST, body: { code: 501 } } : { status: [401, 501] },
      });
      if (withCaller) {
        verifiedAlive(caller);
        possibleAccess(model, caller);
      }
    },
  });

/** The session commands, with how often each is drawn. */
export function sessionCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<AmModel>>][] {
  const n = fc.nat({ max: 5 });
  return [
    [5, fc.tuple(fc.constantFrom<UserKey>("admin", "demo", "demo"), fc.boolean()).map(([u, j]) => login(u, j))],
    [1, fc.constantFrom<"unknown-user" | "wrong-password">("unknown-user", "wrong-password").map(wrongLogin)],
    [
      6,
      fc
        .tuple(n, n, fc.constantFrom<"nobody" | "caller">("nobody", "nobody", "caller"), fc.boolean())
        .map(([t, c, via, j]) => validate(t, c, via, j)),
    ],
    [1, fc.tuple(n, fc.boolean()).map(([c, w]) => validateUnknown(c, w))],
    [2, n.map(logoutSelf)],
    [2, fc.tuple(n, n).map(([c, t]) => logoutOther(c, t))],
    [
      4,
      fc.oneof(
        { weight: 3, arbitrary: fc.constantFrom(...IDLE_SHARES).map((share) => pass({ of: "idle", share })) },
        { weight: 1, arbitrary: fc.constantFrom(...FREQUENCY_SHARES).map((share) => pass({ of: "frequency", share })) },
      ),
    ],
    [1, fc.tuple(n, fc.constantFrom(...LIFETIME_SHARES)).map(([t, share]) => keepAlive(t, share))],
    [
      1,
      fc
        .tuple(
          n,
          fc.constantFrom<DeadCall>(
            "logout",
            "get-session-info",
            "get-session-info-and-reset-idle-time",
            "refresh",
            "get-session-properties",
            "query",
          ),
        )
        .map(([c, call]) => deadCaller(c, call)),
    ],
    [
      1,
      fc
        .tuple(
          n,
          fc.constantFrom<NoCallerCall>(
            "getSessionInfo",
            "getSessionInfo",
            "getSessionInfoAndResetIdleTime",
            "getSessionProperties",
            "updateSessionProperties",
            "refresh",
            "logout",
            "logoutByHandle",
            "query",
          ),
        )
        .map(([t, call]) => noCaller(t, call)),
    ],
    [
      1,
      fc
        .tuple(
          n,
          fc.constantFrom<MissingCall>(
            "validate",
            "validate-with-caller",
            "get-session-info",
            "get-session-info-and-reset-idle-time",
            "get-session-properties",
            "update-session-properties",
            "refresh",
            "logout",
          ),
        )
        .map(([c, call]) => missingTokenId(c, call)),
    ],
    [
      1,
      fc
        .tuple(
          n,
          fc.constantFrom<Version>("4.0", "3.1", "declared", "99.0"),
          fc.constantFrom<"validate" | "get-session-info">("validate", "get-session-info"),
        )
        // getSessionInfo is documented from resource 4.0 on; 3.1 is the docs' version for validate and logout.
        .map(([c, v, on]) => apiVersion(c, v, v === "3.1" ? "validate" : on)),
    ],
    [1, fc.tuple(n, fc.boolean()).map(([c, w]) => unknownAction(c, w))],
  ];
}
