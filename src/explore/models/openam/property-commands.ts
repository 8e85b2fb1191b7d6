import fc from "fast-check";
import type { Expect, Matcher } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import { naming } from "./info-commands.ts";
import { CREST } from "./session-commands.ts";
import {
  type AmModel,
  type AmSession,
  access,
  aliveWhy,
  deadWhy,
  ids,
  isLive,
  learnGone,
  liveness,
  NOT_ALLOWED,
  NOT_SET_HERE,
  observeAccess,
  type PropertyUpdate,
  pick,
  possibleAccess,
  SETTABLE,
  siblings,
  status,
  step,
  valueRef,
  verifiedAlive,
} from "./state.ts";

/**
 * Session properties (AM-05): the allow-listed ones read and set per session, by the
 * session or by an administrator naming it, anything outside the list refused without a
 * trace; another user's session needs an administrator (AM-12). Values this run sets are
 * sp-${random}-<n>; a session nobody set holds none of them.
 */

const usable = (m: Readonly<AmModel>) => m.settable.length > 0;
const callerOf = (m: Readonly<AmModel>, c: number) => pick(m, c, (s) => isLive(m, s));

const asList = (s: Expect["status"]): number[] => (s === undefined ? [] : Array.isArray(s) ? s : [s]);

/** What it holds: the value last set on it, or none this run set (a login plugin may have set its own). */
const holds = (s: AmSession): Matcher => (s.property === undefined ? { type: "string", matches: NOT_SET_HERE } : valueRef(s.property));

/** The answers when the caller may not touch it, or it is over or near its end. */
function refusedOrGone(model: Readonly<AmModel>, caller: AmSession, target: AmSession, extra: number[] = []): Expect {
  const state = liveness(model, target);
  const may = access(model, caller, target);
  const statuses = [
    ...extra,
    ...(may.includes("forbidden") ? [403] : []),
    // SRC: 400 for a token that is not live; AM 7/8 may refuse it as unauthenticated.
    ...(state !== "live" ? [400, 401] : []),
  ];
  return state === "live" && statuses.length === 1 ? { status: 403, schema: CREST } : { status: status(statuses), schema: CREST };
}

const read = (c: number, t: number) =>
  command<AmModel>(`getSessionProperties of session #${t} as session #${c}`, {
    check: (m) => usable(m) && callerOf(m, c) !== undefined,
    run: async (model, system) => {
      const caller = callerOf(model, c) as AmSession;
      const target = pick(model, t) as AmSession;
      const state = liveness(model, target);
      const may = access(model, caller, target);
      const certain = state === "live" && may.join() === "allowed";
      const expect: Expect = certain
        ? { status: 200, schema: "openam/session-properties", body: { [SETTABLE]: holds(target), [NOT_ALLOWED]: { exists: false } } }
        : state !== "dead" && may.includes("allowed")
          ? { status: status([200, ...asList(refusedOrGone(model, caller, target).status)]) }
          : refusedOrGone(model, caller, target);
      const result = await step(model, system, {
        action: "get-session-properties",
        as: caller.slot,
        with: naming(caller, target),
        covers: ids(
          certain || may.includes("allowed") ? ["AM-05"] : [],
          may.includes("forbidden") ? ["AM-12"] : [],
          certain ? target.propFrame : [],
          state === "dead" ? deadWhy(model, target) : state === "live" && may.includes("allowed") ? aliveWhy(model, target) : [],
          aliveWhy(model, caller),
        ),
        expect,
      });
      const seen = result?.exchange.response.status;
      observeAccess(model, caller, target, seen);
      if (certain) {
        target.propFrame.clear();
        verifiedAlive(target);
      }
      if (seen !== 401) verifiedAlive(caller);
      possibleAccess(model, caller);
      if (seen === 200) possibleAccess(model, target);
      learnGone(model, target, result);
    },
  });

type UpdateKind = "allowed" | "outside" | "mixed";

const update = (c: number, t: number, kind: UpdateKind) =>
  command<AmModel>(`updateSessionProperties (${kind}) of session #${t} as session #${c}`, {
    check: (m) => usable(m) && callerOf(m, c) !== undefined,
    run: async (model, system) => {
      const caller = callerOf(model, c) as AmSession;
      const target = pick(model, t) as AmSession;
      const state = liveness(model, target);
      const may = access(model, caller, target);
      const value = kind === "outside" ? undefined : ++model.values;
      const properties: Record<string, string> = {
        ...(value !== undefined ? { [SETTABLE]: valueRef(value) } : {}),
        ...(kind !== "allowed" ? { [NOT_ALLOWED]: "x-${random}" } : {}),
      };
      // The fork wants exactly the settable list: one of several alone is then refused (403).
      const perReading = (r: PropertyUpdate) => (r === "exact" && model.settable.length > 1 ? [403] : [200]);
      const accepted = kind === "allowed" ? model.propertyUpdate.allowed(perReading) : [403];
      const certain = state === "live" && may.join() === "allowed";
      let expect: Expect;
      if (certain && accepted.join() === "200")
        expect = { status: 200, schema: "openam/session-properties", body: { [SETTABLE]: valueRef(value as number) } };
      else if (certain) expect = { status: status(accepted), schema: accepted.includes(200) ? "openam/session-properties" : CREST };
      else if (state !== "dead" && may.includes("allowed"))
        expect = { status: status([...accepted, 403, ...(state === "near" ? [400, 401] : [])]) };
      else expect = refusedOrGone(model, caller, target, kind === "allowed" ? [] : [403]);
      const result = await step(model, system, {
        action: "update-session-properties",
        as: caller.slot,
        with: { ...naming(caller, target), properties },
        covers: ids(
          may.includes("allowed") ? ["AM-05"] : [],
          may.includes("forbidden") ? ["AM-12"] : [],
          state === "dead" ? deadWhy(model, target) : state === "live" && may.includes("allowed") ? aliveWhy(model, target) : [],
          aliveWhy(model, caller),
        ),
        expect,
      });
      const seen = result?.exchange.response.status;
      // Only an update the allow-list accepts tells whether a 403 was about who asked.
      if (kind === "allowed" && accepted.join() === "200") observeAccess(model, caller, target, seen);
      if (certain && kind === "allowed" && model.settable.length > 1 && (seen === 200 || seen === 403))
        model.propertyUpdate.observe(seen, perReading);
      if (seen !== 401) verifiedAlive(caller);
      possibleAccess(model, caller);
      if (seen === 200) possibleAccess(model, target);
      learnGone(model, target, result);
      if (seen === 200 && kind === "allowed" && liveness(model, target) !== "dead") {
        target.property = value as number;
        // Per session: the user's other sessions and the caller hold what they held.
        for (const o of siblings(model, target)) o.propFrame.add("AM-05");
        if (caller !== target) caller.propFrame.add("AM-05");
      } else target.propFrame.add(seen === 403 && may.includes("forbidden") && caller.user !== target.user ? "AM-12" : "AM-05");
    },
  });

/** The property commands, with how often each is drawn. */
export function propertyCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<AmModel>>][] {
  const n = fc.nat({ max: 5 });
  return [
    [3, fc.tuple(n, n).map(([c, t]) => read(c, t))],
    [4, fc.tuple(n, n, fc.constantFrom<UpdateKind>("allowed", "allowed", "outside", "mixed")).map(([c, t, kind]) => update(c, t, kind))],
  ];
}
