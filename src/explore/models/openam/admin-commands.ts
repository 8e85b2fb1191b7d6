import fc from "fast-check";
import type { Expect, Matcher } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import type { ExploreSystem } from "../../system.ts";
import { CREST, ended, JUDGED, logIn, mayLogin } from "./session-commands.ts";
import {
  type AmModel,
  type AmSession,
  aliveWhy,
  bodyOf,
  ids,
  isLive,
  liveness,
  pick,
  possibleAccess,
  siblings,
  step,
  type UserKey,
  usernameRef,
  verifiedAlive,
} from "./state.ts";

/**
 * The administrator's view (AM-08, AM-07): query lists exactly the live sessions a filter
 * names, each with a shandle; logoutByHandle ends exactly the session named; a user may do
 * neither (AM-12). Counts are exact only on a mock, where no one else holds a session.
 */

type Filter = UserKey | "realm" | "true" | "bad";
const FILTER_TEXT: Record<Filter, string> = {
  demo: 'username eq "${users.demo.username}" and realm eq "/"',
  admin: 'username eq "${credentials.username}" and realm eq "/"',
  realm: 'realm eq "/"',
  true: "true",
  bad: 'uid co "x"',
};

const callerOf = (m: Readonly<AmModel>, c: number) => pick(m, c, (s) => isLive(m, s));

/** Why the model counts what it counts: what must have left the live ones alive, and what ended the others. */
function countWhy(model: Readonly<AmModel>, matching: AmSession[]): string[] {
  return ids(
    ...matching.map((s) => {
      const state = liveness(model, s);
      return state === "live" ? s.liveFrame : state === "dead" ? (s.ended ?? ["AM-10"]) : [];
    }),
  );
}

async function runQuery(model: AmModel, system: ExploreSystem, caller: AmSession, filter: Filter): Promise<void> {
  const alone = model.context.target.kind === "mock";
  const matching = [...model.sessions.values()].filter((s) => (filter === "admin" || filter === "demo" ? s.user === filter : true));
  const live = matching.filter((s) => liveness(model, s) === "live");
  const near = matching.filter((s) => liveness(model, s) === "near");
  let expect: Expect;
  let covers: string[];
  let handleOf: AmSession | undefined;
  if (caller.user !== "admin") {
    expect = { status: 403, schema: CREST, body: { result: { exists: false } } };
    covers = ids(["AM-08", "AM-12"], aliveWhy(model, caller));
  } else if (filter === "bad") {
    expect = { status: 400, schema: CREST };
    covers = ids(["AM-08"], aliveWhy(model, caller));
  } else {
    const body: Record<string, Matcher> = {};
    live.forEach((_, i) => {
      body[`result[${i}].sessionHandle`] = { matches: "^shandle:" };
      if (filter === "admin" || filter === "demo") body[`result[${i}].username`] = usernameRef(filter);
    });
    if (alone) body[`result[${live.length + near.length}]`] = { exists: false };
    expect = { status: 200, schema: "openam/session-query", body };
    covers = ids(["AM-08"], countWhy(model, matching), aliveWhy(model, caller));
    if ((filter === "admin" || filter === "demo") && live.length === 1 && near.length === 0) handleOf = live[0];
  }
  const result = await step(model, system, {
    action: "query",
    as: caller.slot,
    with: { filter: FILTER_TEXT[filter] },
    covers,
    expect,
    ...(handleOf ? { capture: { [`${handleOf.slot}handle`]: "body.result[0].sessionHandle" } } : {}),
  });
  verifiedAlive(caller);
  possibleAccess(model, caller);
  const rows = bodyOf(result)?.result;
  // On a shared server the handle is the session's only when the user has no other session at all.
  if (handleOf && (alone || (Array.isArray(rows) && rows.length === 1))) handleOf.handle = `${handleOf.slot}handle`;
  // Counted exactly: every live session it names is there.
  if (alone && near.length === 0 && caller.user === "admin" && filter !== "bad") for (const s of live) verifiedAlive(s);
}

const query = (c: number, filter: Filter) =>
  command<AmModel>(`query ${filter} as session #${c}`, {
    check: (m) => callerOf(m, c) !== undefined && (filter !== "demo" || m.context.target.users.demo !== undefined),
    run: async (model, system) => runQuery(model, system, callerOf(model, c) as AmSession, filter),
  });

/** A user's only session, and its handle read at once by an administrator's query (itself, if it is one): what logoutByHandle needs. */
const loginWithHandle = (user: UserKey, c: number) =>
  command<AmModel>(`login ${user} and take its handle`, {
    check: (m) =>
      mayLogin(m, user) &&
      (user === "admin" || pick(m, c, (s) => s.user === "admin" && isLive(m, s)) !== undefined) &&
      [...m.sessions.values()].every((s) => s.user !== user || liveness(m, s) === "dead"),
    run: async (model, system) => {
      const admin = user === "admin" ? undefined : (pick(model, c, (s) => s.user === "admin" && isLive(model, s)) as AmSession);
      const session = await logIn(model, system, user, false);
      await runQuery(model, system, admin ?? session, user);
    },
  });

type HandleBody = "named" | "not-an-array" | "missing";

const logoutByHandle = (c: number, t: number, shape: HandleBody) =>
  command<AmModel>(`logoutByHandle (${shape}) of session #${t} as session #${c}`, {
    check: (m) => callerOf(m, c) !== undefined && pick(m, t, (s) => s.handle !== undefined) !== undefined,
    run: async (model, system) => {
      const caller = callerOf(model, c) as AmSession;
      const target = pick(model, t, (s) => s.handle !== undefined) as AmSession;
      const handle = `\${${target.handle}}`;
      const args =
        shape === "named" ? { sessionHandles: [handle] } : shape === "not-an-array" ? { body: { sessionHandles: handle } } : { body: {} };
      const admin = caller.user === "admin";
      const self = caller === target;
      let expect: Expect;
      if (!admin) expect = { status: shape === "named" ? 403 : [400, 403], schema: CREST };
      else if (shape !== "named") expect = { status: 400, schema: CREST };
      // true also for a session already gone (LogoutByHandleActionHandler).
      else expect = { status: 200, schema: "openam/logout-by-handle", text: { contains: "true" }, session: self ? "invalid" : "valid" };
      await step(model, system, {
        action: "logout-by-handle",
        as: caller.slot,
        with: args,
        covers: ids(["AM-07"], admin ? [] : ["AM-12"], admin && shape === "named" ? JUDGED : [], aliveWhy(model, caller)),
        expect,
      });
      possibleAccess(model, caller);
      if (!self || !admin || shape !== "named") verifiedAlive(caller);
      if (admin && shape === "named") {
        if (liveness(model, target) === "dead") return;
        ended(model, target, ["AM-07"], caller);
        // Exactly the session named: its user's other sessions are asked at once.
        for (const other of siblings(model, target)
          .filter((s) => s !== caller && isLive(model, s))
          .slice(0, 2)) {
          await step(model, system, {
            action: "validate",
            as: other.slot,
            title: `session ${other.slot}, whose handle was not named, lives on`,
            covers: ids(["AM-07", "AM-02"], aliveWhy(model, other)),
            expect: { status: 200, schema: "openam/validate-valid", body: { valid: true } },
          });
          verifiedAlive(other);
        }
      } else target.liveFrame.add(admin ? "AM-07" : "AM-12");
    },
  });

/** The administrator's commands, with how often each is drawn. */
export function adminCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<AmModel>>][] {
  const n = fc.nat({ max: 5 });
  return [
    [3, fc.tuple(n, fc.constantFrom<Filter>("demo", "demo", "admin", "realm", "true", "bad")).map(([c, f]) => query(c, f))],
    [3, fc.tuple(fc.constantFrom<UserKey>("demo", "admin"), n).map(([u, c]) => loginWithHandle(u, c))],
    [
      3,
      fc
        .tuple(n, n, fc.constantFrom<HandleBody>("named", "named", "named", "not-an-array", "missing"))
        .map(([c, t, shape]) => logoutByHandle(c, t, shape)),
    ],
  ];
}
