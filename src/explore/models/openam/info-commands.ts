import fc from "fast-check";
import type { Expect, Matcher, PlainStep } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import type { ExploreSystem } from "../../system.ts";
import { CREST, refreshed, refreshOutcome } from "./session-commands.ts";
import {
  type AmModel,
  type AmSession,
  access,
  aliveWhy,
  answeredLive,
  certainAccess,
  deadWhy,
  ids,
  isLive,
  learnGone,
  liveness,
  mustNotMove,
  observeAccess,
  pick,
  possibleAccess,
  SECOND_APART_MS,
  siblings,
  status,
  step,
  tokenOf,
  usernameRef,
  verifiedAlive,
} from "./state.ts";

/**
 * getSessionInfo (AM-03), getSessionInfoAndResetIdleTime (AM-04) and refresh (AM-09):
 * what each reports and what each does to the idle time of the session it names — and of
 * no other (wire notes §2.3). Idle expiries are compared with earlier answers through
 * captures, so a counterexample replays on any clock.
 */

/** The caller names another session by tokenId; its own is the driver's default. */
export const naming = (caller: AmSession, target: AmSession) => (caller === target ? {} : { tokenId: tokenOf(target) });

/** Its last access is known exactly, and the idle read it holds reflects that access. */
const exactRead = (s: AmSession) => s.idle !== undefined && s.lastUsedAt === s.lastUsedLatest && s.idle.access === s.lastUsedAt;

/** The session's properties as getSessionInfo may list them: never a value this run set elsewhere. */
function propertyText(model: Readonly<AmModel>, s: AmSession): Matcher | undefined {
  if (model.values === 0) return undefined;
  if (s.property === undefined) return { notContains: "sp-${random}-" };
  return { matches: `^(?![\\s\\S]*sp-\${random}-(?!${s.property}")\\d+")` };
}

interface InfoCheck {
  expect: Expect;
  covers: string[];
  capture: Record<string, string>;
}

/**
 * What getSessionInfo (or the reset, which answers the same) of a live session the caller
 * may read must answer: its user, an idle expiry equal to the last one read or later than
 * it, the same maximum expiry as ever, and no property value set on another session.
 */
function infoCheck(model: Readonly<AmModel>, target: AmSession, idle: "equal" | "after" | undefined, idleIds: string[]): InfoCheck {
  const body: Record<string, Matcher> = {
    username: usernameRef(target.user),
    realm: "/",
    "properties.AMCtxId": { exists: true },
  };
  const covers: string[] = [];
  if (idle && target.idle) {
    body.maxIdleExpirationTime = idle === "equal" ? `\${${target.idle.cap}}` : { after: `\${${target.idle.cap}}` };
    covers.push(...idleIds);
  }
  if (target.lifeCap) {
    body.maxSessionExpirationTime = `\${${target.lifeCap}}`;
    covers.push("AM-10");
  }
  const text = propertyText(model, target);
  if (text) covers.push("AM-05", ...target.propFrame);
  const capture: Record<string, string> = {};
  if (!target.lifeCap) capture[`${target.slot}max`] = "body.maxSessionExpirationTime";
  return { expect: { status: 200, schema: "openam/session-info", body, ...(text ? { text } : {}) }, covers, capture };
}

/** Takes the idle expiry the answer carries as the session's latest read, when its last access is exactly known. */
function tookRead(model: AmModel, target: AmSession, check: InfoCheck): void {
  if (check.capture[`${target.slot}max`]) target.lifeCap = `${target.slot}max`;
  if (target.lastUsedAt === target.lastUsedLatest) target.idle = { cap: `${target.slot}idle`, access: target.lastUsedAt };
  else delete target.idle;
  if (model.values > 0) target.propFrame.clear();
}

/** Answers for a target the caller may not see, or that is over, or near an end: the union of what each could be. */
function otherwise(model: Readonly<AmModel>, caller: AmSession, target: AmSession, about: string): { expect: Expect; covers: string[] } {
  const state = liveness(model, target);
  const may = access(model, caller, target);
  const statuses = [
    ...(state !== "dead" && may.includes("allowed") ? [200] : []),
    ...(may.includes("forbidden") ? [403] : []),
    ...(state !== "live" ? [200, 400, 401] : []),
  ];
  const covers = ids(
    may.includes("forbidden") ? ["AM-12"] : [],
    may.includes("allowed") || state !== "live" ? [about] : [],
    state === "dead" ? deadWhy(model, target) : [],
    aliveWhy(model, caller),
  );
  if (state === "live" && may.length === 1)
    return { expect: { status: 403, schema: CREST, body: { code: 403, username: { exists: false } } }, covers };
  if (state === "dead") return { expect: { status: status(statuses), schema: "openam/dead-target-info" }, covers };
  return { expect: { status: status(statuses) }, covers };
}

/** One getSessionInfo of the target by the caller, checked; the same read serves the refresh's before and after. */
async function readInfo(model: AmModel, system: ExploreSystem, caller: AmSession, target: AmSession, title?: string): Promise<void> {
  const certain = liveness(model, target) === "live" && access(model, caller, target).join() === "allowed";
  if (!certain) {
    const { expect, covers } = otherwise(model, caller, target, "AM-03");
    const result = await step(model, system, { action: "get-session-info", as: caller.slot, with: naming(caller, target), covers, expect });
    const seen = result?.exchange.response.status;
    observeAccess(model, caller, target, seen);
    if (seen !== 401) verifiedAlive(caller);
    if (caller !== target) possibleAccess(model, caller);
    mustNotMove(target, "AM-03");
    learnGone(model, target, result);
    return;
  }
  const idle = target.idle?.movedBy ? "after" : exactRead(target) ? "equal" : undefined;
  const idleIds = idle === "after" ? (target.idle?.movedBy ?? []) : ["AM-03", ...target.idleWhy];
  const check = infoCheck(model, target, idle, idleIds);
  const canRead = target.lastUsedAt === target.lastUsedLatest;
  const s: PlainStep = {
    action: "get-session-info",
    as: caller.slot,
    ...(title ? { title } : {}),
    with: naming(caller, target),
    covers: ids(["AM-03"], check.covers, aliveWhy(model, target), caller === target ? [] : aliveWhy(model, caller)),
    expect: check.expect,
    capture: { ...check.capture, ...(canRead ? { [`${target.slot}idle`]: "body.maxIdleExpirationTime" } : {}) },
  };
  await step(model, system, s);
  verifiedAlive(target);
  verifiedAlive(caller);
  tookRead(model, target, check);
  target.idleWhy = new Set(["AM-03"]);
  if (caller !== target) possibleAccess(model, caller);
}

const callerOf = (m: Readonly<AmModel>, c: number) => pick(m, c, (s) => isLive(m, s));

const info = (c: number, t: number) =>
  command<AmModel>(`getSessionInfo of session #${t} as session #${c}`, {
    check: (m) => callerOf(m, c) !== undefined,
    run: async (model, system) => {
      const caller = callerOf(model, c) as AmSession;
      await readInfo(model, system, caller, pick(model, t) as AmSession);
    },
  });

/** getSessionInfoAndResetIdleTime: the answer's idle expiry moves (once the printed second can), the session's user's others stay. */
const reset = (c: number, t: number) =>
  command<AmModel>(`getSessionInfoAndResetIdleTime of session #${t} as session #${c}`, {
    check: (m) => callerOf(m, c) !== undefined,
    run: async (model, system) => {
      const caller = callerOf(model, c) as AmSession;
      const target = pick(model, t) as AmSession;
      const certain = liveness(model, target) === "live" && access(model, caller, target).join() === "allowed";
      if (!certain) {
        const { expect, covers } = otherwise(model, caller, target, "AM-04");
        const result = await step(model, system, {
          action: "get-session-info-and-reset-idle-time",
          as: caller.slot,
          with: naming(caller, target),
          covers,
          expect,
        });
        const seen = result?.exchange.response.status;
        observeAccess(model, caller, target, seen);
        if (seen !== 401) verifiedAlive(caller);
        if (caller !== target) possibleAccess(model, caller);
        if (answeredLive(result) && liveness(model, target) !== "dead") resetDone(model, target);
        else if (seen === 403) refused(target);
        learnGone(model, target, result);
        return;
      }
      const was = target.idle;
      const idle = was?.movedBy
        ? "after"
        : exactRead(target)
          ? model.now - (was?.access ?? 0) >= SECOND_APART_MS
            ? "after"
            : model.now === was?.access
              ? "equal"
              : undefined
          : undefined;
      const check = infoCheck(model, target, idle, ["AM-04"]);
      await step(model, system, {
        action: "get-session-info-and-reset-idle-time",
        as: caller.slot,
        with: naming(caller, target),
        covers: ids(["AM-04"], check.covers, aliveWhy(model, target), caller === target ? [] : aliveWhy(model, caller)),
        expect: check.expect,
        capture: { ...check.capture, [`${target.slot}idle`]: "body.maxIdleExpirationTime" },
      });
      verifiedAlive(target);
      verifiedAlive(caller);
      if (caller !== target) possibleAccess(model, caller);
      resetDone(model, target);
      tookRead(model, target, check);
    },
  });

/** The target's idle time starts again now; none of its user's other sessions' does. */
function resetDone(model: AmModel, target: AmSession): void {
  certainAccess(model, target, ["AM-04"]);
  for (const o of siblings(model, target)) mustNotMove(o, "AM-04");
}

/** A refused call (403) must have reset and ended nothing. */
function refused(target: AmSession): void {
  target.idleWhy.add("AM-12");
  target.liveFrame.add("AM-12");
}

/**
 * refresh (AM-09): the idle expiry is read before it (where it is not known), the refresh
 * sent, and read again: moved when more than the update frequency had passed since the last
 * access, unmoved within it.
 */
const refresh = (c: number, t: number) =>
  command<AmModel>(`refresh session #${t} as session #${c}`, {
    check: (m) => callerOf(m, c) !== undefined,
    run: async (model, system) => {
      const caller = callerOf(model, c) as AmSession;
      const target = pick(model, t) as AmSession;
      const certain = liveness(model, target) === "live" && access(model, caller, target).join() === "allowed";
      if (!certain) {
        const { expect, covers } = otherwise(model, caller, target, "AM-09");
        const result = await step(model, system, { action: "refresh", as: caller.slot, with: naming(caller, target), covers, expect });
        const seen = result?.exchange.response.status;
        observeAccess(model, caller, target, seen);
        if (seen !== 401) verifiedAlive(caller);
        if (caller !== target) possibleAccess(model, caller);
        if (answeredLive(result) && liveness(model, target) !== "dead") refreshed(model, target);
        else if (seen === 403) refused(target);
        learnGone(model, target, result);
        return;
      }
      const outcome = refreshOutcome(model, target);
      if (outcome !== "unsure" && !exactRead(target) && !target.idle?.movedBy)
        await readInfo(model, system, caller, target, "the idle expiry before the refresh");
      const user = usernameRef(target.user);
      await step(model, system, {
        action: "refresh",
        as: caller.slot,
        with: naming(caller, target),
        covers: ids(["AM-09"], aliveWhy(model, target), caller === target ? [] : aliveWhy(model, caller)),
        expect: {
          status: 200,
          schema: "openam/refresh-result",
          text: { matches: `"(username|uid)"\\s*:\\s*"${user}"` },
          observe: { "refresh answer maxIdleExpirationTime - absent in the OpenAM fork shape": "body.maxIdleExpirationTime" },
        },
      });
      verifiedAlive(target);
      verifiedAlive(caller);
      if (caller !== target) possibleAccess(model, caller);
      refreshed(model, target);
      if (outcome !== "unsure")
        await readInfo(
          model,
          system,
          caller,
          target,
          outcome === "reset"
            ? "the refresh past the update frequency moved the idle expiry"
            : "the refresh within the update frequency moved nothing",
        );
    },
  });

/** The info commands, with how often each is drawn. */
export function infoCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<AmModel>>][] {
  const n = fc.nat({ max: 5 });
  return [
    [5, fc.tuple(n, n).map(([c, t]) => info(c, t))],
    [4, fc.tuple(n, n).map(([c, t]) => reset(c, t))],
    [3, fc.tuple(n, n).map(([c, t]) => refresh(c, t))],
  ];
}
