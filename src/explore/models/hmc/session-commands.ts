import fc from "fast-check";
import type { Expect, PlainStep } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import { status, step } from "./logon-commands.ts";
import {
  type EndCause,
  expose,
  type Fate,
  fateOf,
  type HmcModel,
  type HmcSession,
  isLive,
  maybeLive,
  sortedIds,
  tokenRef,
  usedNow,
} from "./state.ts";

/**
 * Sessions in use (wire notes §2.2–2.4): the X-API-Session authorizes ManagementConsole
 * (HMC-05) through the driver (header and the Logon's cookies, as clients send it) or as
 * the header alone; a missing, unknown or empty one is refused (HMC-06); DELETE Logon ends
 * the presented session and no other (HMC-07); each session idles out after its user's own
 * idle timeout (HMC-09), measured from its own last use.
 */
const CONSOLE_PATH = "/rest/api/uom/ManagementConsole";
const ATOM_NS = "http://www.w3.org/2005/Atom";
const LOGON_PATH = "/rest/api/web/Logon";

const refusals = (model: Readonly<HmcModel>) => model.refusal.allowed((code) => [Number(code)]);
const observeRefusal = (model: HmcModel, seen: number | undefined) => {
  if (seen !== undefined && seen !== 200) model.refusal.observe(seen, (code) => [Number(code)]);
};

/** A session chosen by position among those that qualify (fast-check picks the number before the model exists). */
function pick(model: Readonly<HmcModel>, n: number, ok: (s: HmcSession) => boolean): HmcSession | undefined {
  const candidates = [...model.sessions.values()].filter(ok);
  return candidates.length ? candidates[n % candidates.length] : undefined;
}

/** Ended sessions pile up in a run: most uses are drawn among the others, so that live ones are used often. */
const candidates = (model: Readonly<HmcModel>, among: "maybe-live" | "any") => (s: HmcSession) =>
  among === "any" || fateOf(model, s).fate !== "ended";

/**
 * Why an ended session must be refused: its X-API-Session is now an invalid session
 * (HMC-06), for the reason its ending is about, and nothing may have kept it alive by mistake.
 */
function endedCovers(session: HmcSession, cause: EndCause | undefined): string[] {
  const why = cause === "logoff" ? "HMC-07" : cause === "seen" ? "HMC-05" : "HMC-09";
  return sortedIds(["HMC-06", why, ...session.touchedBy]);
}

const LIVE_FEED: Expect = {
  status: 200,
  headers: { "content-type": { contains: "application/atom+xml" } },
  body: {
    "feed.#namespace": ATOM_NS,
    "feed.entry.content.@type": { matches: "type=ManagementConsole" },
  },
};

/** What a use of the session may answer in its current fate, and which ids the answer is about. */
function expectation(model: Readonly<HmcModel>, session: HmcSession, fate: Fate, cause: EndCause | undefined, judged: boolean) {
  if (fate === "live")
    return {
      covers: sortedIds(["HMC-05", ...session.exposedTo]),
      expect: { ...LIVE_FEED, ...(judged ? { session: "valid" as const } : {}) },
    };
  if (fate === "ended")
    return {
      covers: endedCovers(session, cause),
      expect: { status: status(refusals(model)), text: { notContains: "<feed" }, ...(judged ? { session: "invalid" as const } : {}) },
    };
  // Within a margin of a timeout (only where real time runs on between steps), or under an idle timeout the target does not declare.
  return { covers: ["HMC-05", "HMC-09"], expect: { status: status([200, ...refusals(model)]) } };
}

/** Learns from the answer: a use the server accepted restarts the session's idle clock; a refusal where either was allowed ends it. */
function learn(model: HmcModel, session: HmcSession, fate: Fate, seen: number | undefined, sentAt: number): void {
  if (seen === undefined) return;
  if (seen === 200 && fate !== "ended") usedNow(model, session, sentAt);
  else if (seen !== 200) {
    observeRefusal(model, seen);
    if (fate !== "ended") session.seenEnded = true;
  }
}

/**
 * ManagementConsole with the session: through the driver (`use:`, the X-API-Session and
 * the Logon's cookies, as clients send them), optionally judged through the probe and every
 * carrier; or with the captured X-API-Session as the only credential.
 */
const use = (n: number, via: "driver" | "header", judged: boolean, among: "maybe-live" | "any") =>
  command<HmcModel>(
    `use ${among === "any" ? "" : "maybe-live "}session #${n} ${via === "driver" ? `through the driver${judged ? ", judged" : ""}` : "by its X-API-Session alone"}`,
    {
      check: (m) => pick(m, n, candidates(m, among)) !== undefined,
      run: async (model, system) => {
        const session = pick(model, n, candidates(model, among)) as HmcSession;
        const { fate, cause } = fateOf(model, session);
        const { covers, expect } = expectation(
          model,
          session,
          fate,
          cause,
          via === "driver" && judged && fate !== "near" && fate !== "unknown",
        );
        const s: PlainStep =
          via === "driver"
            ? { use: "management-console", as: session.slot, covers, expect }
            : {
                request: {
                  method: "GET",
                  path: CONSOLE_PATH,
                  headers: { Accept: "application/atom+xml", "X-API-Session": tokenRef(session) },
                },
                title: `GET ManagementConsole with session ${session.slot}'s X-API-Session alone`,
                covers,
                expect,
              };
        const { seen, sentAt } = await step(model, system, s);
        learn(model, session, fate, seen, sentAt);
      },
    },
  );

/** DELETE Logon of a live session: 200 or 204 (OPEN), it is refused afterwards through every carrier, and no other session ends. */
const logoff = (n: number) =>
  command<HmcModel>(`log off session #${n}`, {
    check: (m) => pick(m, n, (s) => isLive(m, s)) !== undefined,
    run: async (model, system) => {
      const session = pick(model, n, (s) => isLive(model, s)) as HmcSession;
      const perCode = (code: string) => [Number(code)];
      const { seen } = await step(model, system, {
        logout: {},
        as: session.slot,
        // Refused afterwards through every carrier: a logged-off X-API-Session is an invalid session (HMC-06).
        covers: sortedIds(["HMC-06", "HMC-07", ...session.exposedTo]),
        expect: { status: status(model.logoff.allowed(perCode)), session: "invalid" },
      });
      if (seen !== undefined) model.logoff.observe(seen, perCode);
      session.loggedOff = true;
      expose(model, ["HMC-07"]);
      // Two sessions of one user are two sessions: one Logon must not have answered with the other's X-API-Session.
      expose(model, ["HMC-01"], (s) => s.user === session.user);
    },
  });

/** A second DELETE with an ended session's X-API-Session: refused like any dead session, and it ends nothing else. */
const deleteEnded = (n: number) =>
  command<HmcModel>(`DELETE Logon again with ended session #${n}`, {
    check: (m) => pick(m, n, (s) => fateOf(m, s).fate === "ended") !== undefined,
    run: async (model, system) => {
      const session = pick(model, n, (s) => fateOf(model, s).fate === "ended") as HmcSession;
      const { cause } = fateOf(model, session);
      const { seen } = await step(model, system, {
        request: { method: "DELETE", path: LOGON_PATH, headers: { "X-API-Session": tokenRef(session) } },
        title: `DELETE Logon with ended session ${session.slot}'s X-API-Session`,
        covers: endedCovers(session, cause),
        expect: { status: status(refusals(model)) },
      });
      observeRefusal(model, seen);
      expose(model, ["HMC-07"]);
    },
  });

type BadSession = "none" | "unknown" | "empty" | "delete-unknown";

/**
 * Requests with no session, an unknown X-API-Session or an empty one (HMC-06, 401 or 403):
 * refused while sessions are live, without counting as anyone's use (a lookup by prefix
 * would find one for an empty header).
 */
const badSession = (kind: BadSession) =>
  command<HmcModel>(`request with ${kind === "none" ? "no X-API-Session" : `an ${kind} X-API-Session`}`, {
    run: async (model, system) => {
      const token = kind === "none" ? undefined : kind === "empty" ? "" : "not-a-session-${random}";
      const headers: Record<string, string> = token === undefined ? { Accept: "application/atom+xml" } : { "X-API-Session": token };
      if (kind !== "delete-unknown" && token !== undefined) headers.Accept = "application/atom+xml";
      const { seen } = await step(model, system, {
        request: {
          method: kind === "delete-unknown" ? "DELETE" : "GET",
          path: kind === "delete-unknown" ? LOGON_PATH : CONSOLE_PATH,
          headers,
        },
        title:
          kind === "delete-unknown"
            ? "DELETE Logon with an unknown X-API-Session"
            : `GET ManagementConsole with ${kind === "none" ? "no" : `an ${kind}`} X-API-Session`,
        covers: kind === "delete-unknown" ? ["HMC-06", "HMC-07"] : ["HMC-06"],
        expect: {
          status: status(refusals(model)),
          text: { notContains: "<feed" },
        },
      });
      observeRefusal(model, seen);
      expose(model, ["HMC-06"]);
      expose(model, ["HMC-06"], () => true, true);
    },
  });

/** Shares of a timeout time may pass by: never landing within the margin of any session's end. */
const SHARES = [5, 20, 45, 70, 95, 130, 200];

/** How long `share` of the base lasts, as the engine resolves it (rounded), if the target declares the base. */
function waitMs(model: Readonly<HmcModel>, base: "idle" | "operator", share: number): number | undefined {
  const timeout = base === "idle" ? model.context.idleMs : model.idleMs.operator;
  if (timeout === undefined || timeout === Number.POSITIVE_INFINITY || timeout <= 0) return undefined;
  return Math.round((timeout * share) / 100);
}

function landsClear(model: Readonly<HmcModel>, ms: number): boolean {
  return maybeLive(model).every((s) => fateOf(model, s, model.now + ms).fate !== "near");
}

/** Idle time passes: a share of the console's idle timeout (the default account's) or of the second user's own. */
const pass = (base: "idle" | "operator", share: number) =>
  command<HmcModel>(`let ${share}% of the ${base === "idle" ? "idle timeout" : "operator's idle timeout"} pass`, {
    check: (m) => {
      const ms = waitMs(m, base, share);
      return m.context.allows.time && ms !== undefined && ms <= m.context.allows.maxWaitMs && landsClear(m, ms);
    },
    run: async (model, system) => {
      const alive = maybeLive(model);
      await step(model, system, { expire: { idle: base === "idle" ? `${share}%` : `${share}% of operatorIdleTimeout` } });
      for (const session of alive) session.waitedSinceUse = true;
      expose(model, ["HMC-09"]);
    },
  });

/** The session commands, with how often each is drawn. */
export function sessionCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<HmcModel>>][] {
  const n = fc.nat({ max: 7 });
  return [
    [
      6,
      fc
        .tuple(
          n,
          fc.constantFrom<"driver" | "header">("driver", "driver", "header"),
          fc.boolean(),
          fc.constantFrom<"maybe-live" | "any">("maybe-live", "maybe-live", "any"),
        )
        .map(([i, via, judged, among]) => use(i, via, judged, among)),
    ],
    [2, n.map(logoff)],
    [1, n.map(deleteEnded)],
    [1, fc.constantFrom<BadSession>("none", "unknown", "empty", "delete-unknown").map(badSession)],
    [
      3,
      fc
        .tuple(fc.constantFrom<"idle" | "operator">("idle", "idle", "operator"), fc.constantFrom(...SHARES))
        .map(([base, share]) => pass(base, share)),
    ],
  ];
}
