import fc from "fast-check";
import type { Expect, PlainStep } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand, spendWrongPassword, wrongPasswordLeft } from "../../model.ts";
import type { ExploreSystem, StepOptions } from "../../system.ts";
import {
  bearerStatuses,
  type CtmModel,
  type CtmSession,
  happened,
  liveness,
  livenessIds,
  passwordRef,
  type UserKey,
  usernameRef,
  type Validity,
} from "./state.ts";

/**
 * The Session service (controlm-session-service.txt, wire notes §1.1–1.3): login, the
 * token through each header, logout, the validity period, password changes.
 */
const ERRORS = "controlm/error-list";
const status = (list: readonly number[]): NonNullable<Expect["status"]> => (list.length === 1 ? (list[0] as number) : [...list]);
const tokenOf = (session: CtmSession) => `\${${session.slot}tok}`;

/**
 * Runs the step and moves the model's clock to the target's. A step sent through a session
 * the model holds live names it: a 401 is then reported against whatever could have ended
 * the session since it was last seen live, and an answer that passed shows it live now.
 */
async function step(model: CtmModel, system: ExploreSystem, s: PlainStep, through?: CtmSession | StepOptions) {
  const session = through !== undefined && "slot" in through ? (through as CtmSession) : undefined;
  const options: StepOptions = session ? { ifUnauthenticated: livenessIds(model, session) } : ((through as StepOptions | undefined) ?? {});
  const result = await system.step(s, options);
  model.now = system.now();
  if (session) {
    session.confirmedSeq = model.seq;
    // Any answer through the session is use where validity runs from last use; only an accepted one certainly counts.
    const answered = result?.exchange.response.status ?? 0;
    if (answered >= 200 && answered < 300) session.lastUsedAt = model.now;
    if (answered !== 401) session.lastUsedLatest = model.now;
  }
  return result;
}

/** A session chosen by position among those the model holds (fast-check picks the number before the model exists). */
function pick(model: Readonly<CtmModel>, n: number, ok: (s: CtmSession) => boolean): CtmSession | undefined {
  const candidates = [...model.sessions.values()].filter(ok);
  return candidates.length ? candidates[n % candidates.length] : undefined;
}

const isLiveEverywhere = (model: Readonly<CtmModel>, s: CtmSession) =>
  !s.loggedOut && !s.unsure && model.validity.current.every((r) => liveness(model as CtmModel, s, r) === "live");

function loginStep(model: CtmModel, user: UserKey, slot: string): PlainStep {
  const login = user === "default" ? (model.password === 0 ? {} : { password: passwordRef(model.password) }) : { user: "other" };
  return {
    login,
    as: slot,
    covers: model.password === 0 ? ["CTM-S-01", "CTM-S-11"] : ["CTM-S-08"],
    expect: {
      status: 200,
      schema: "controlm/login-response",
      body: { username: usernameRef(user), token: { type: "string", nonEmpty: true }, version: { matches: "^\\d+\\.\\d+" } },
    },
    capture: { [`${slot}tok`]: "body.token" },
  };
}

function opened(model: CtmModel, user: UserKey, kind: CtmSession["kind"], slot: string): void {
  happened(model, kind === "password" ? ["CTM-S-01"] : ["CTM-A-01"]);
  model.sessions.set(slot, {
    slot,
    user,
    kind,
    issuedAt: model.now,
    lastUsedAt: model.now,
    lastUsedLatest: model.now,
    loggedOut: false,
    unsure: false,
    confirmedSeq: model.seq,
  });
}

const login = (user: UserKey) =>
  command<CtmModel>(`login ${user}`, {
    check: (m) => m.sessions.size < 6 && (user === "default" || m.context.target.users.other !== undefined),
    run: async (model, system) => {
      const slot = `s${++model.opened}`;
      await step(model, system, loginStep(model, user, slot));
      opened(model, user, "password", slot);
    },
  });

/** The seeded API token of the default account, as a session that carries it in x-api-key (CTM-A-01: a token manages tokens). */
const keySession = () =>
  command<CtmModel>("open an API-key session", {
    check: (m) => m.context.target.credentials.apiKey !== undefined && !m.sessions.has("key"),
    run: async (model, system) => {
      await step(model, system, {
        login: {},
        as: "key",
        with: { apiKey: "${credentials.apiKey}" },
        covers: ["CTM-A-01"],
        expect: { status: 200 },
      });
      opened(model, "default", "api-key", "key");
    },
  });

const wrongLogin = (kind: "unknown-user" | "wrong-password") =>
  command<CtmModel>(`login ${kind}`, {
    check: (m) => kind === "unknown-user" || wrongPasswordLeft(m.context),
    run: async (model, system) => {
      // A wrong password goes to the disposable account on a real target, never to the account the run uses.
      const account = model.context.allows.wrongPasswordUser;
      if (kind === "wrong-password") spendWrongPassword(model.context);
      const login =
        kind === "unknown-user"
          ? { username: "no-such-user-${random}", password: "wrong-${random}" }
          : account === undefined
            ? { password: "wrong-${random}" }
            : { user: account, password: "wrong-${random}" };
      await step(model, system, {
        login,
        as: "refused",
        covers: ["CTM-S-02"],
        expect: { status: 401, schema: ERRORS, body: { token: { exists: false }, "errors[0].message": { nonEmpty: true } } },
      });
      happened(model, ["CTM-S-02"]);
    },
  });

/** Why the model expects a refusal or an acceptance of this session: the id a failure is about. */
function usesCovers(model: CtmModel, session: CtmSession): string[] {
  if (session.loggedOut) return ["CTM-S-07", "CTM-S-04"];
  const expired = model.validity.current.some((r) => liveness(model, session, r) !== "live");
  return expired ? ["CTM-S-05", "CTM-S-04"] : ["CTM-S-03"];
}

/**
 * The session's token sent one way: as `Authorization: Bearer` (documented) or as
 * `x-api-key` (unverified for a session token: while live its answer is only allowed
 * either way; once logged out or expired it must be refused).
 */
const use = (n: number, carrier: "bearer" | "x-api-key") =>
  command<CtmModel>(`use session #${n} via ${carrier}`, {
    check: (m) => pick(m, n, (s) => s.kind === "password") !== undefined,
    run: async (model, system) => {
      const session = pick(model, n, (s) => s.kind === "password") as CtmSession;
      const per = (r: Validity) => bearerStatuses(model, session, r);
      const bearerAllowed = model.validity.allowed(per);
      const dead = bearerAllowed.every((s) => s === 401);
      const allowed = carrier === "bearer" ? bearerAllowed : dead ? [400, 401, 403] : [200, 400, 401, 403];
      const header = carrier === "bearer" ? { Authorization: `Bearer ${tokenOf(session)}` } : { "x-api-key": tokenOf(session) };
      const result = await step(
        model,
        system,
        {
          request: { method: "GET", path: "/config/servers", headers: header },
          title: `GET /config/servers with session ${session.slot}'s token as ${carrier === "bearer" ? "Authorization: Bearer" : "x-api-key"}`,
          covers: usesCovers(model, session),
          expect: dead ? { status: status(allowed), ...(carrier === "bearer" ? { schema: ERRORS } : {}) } : { status: status(allowed) },
        },
        carrier === "bearer" && !allowed.includes(401) ? session : {},
      );
      const seen = result?.exchange.response.status;
      if (carrier === "bearer" && seen !== undefined) {
        model.validity.observe(seen, per);
        if (seen === 200) {
          session.lastUsedAt = model.now;
          session.lastUsedLatest = model.now;
          session.unsure = false;
          session.confirmedSeq = model.seq;
        } else if (session.unsure || !dead) {
          // Refused where either answer was allowed: from now on it is gone.
          session.loggedOut = true;
          session.unsure = false;
        }
      }
      // Whether a session token accepted as x-api-key counts as use is not known: it may have been touched.
      if (carrier === "x-api-key" && seen === 200) session.lastUsedLatest = model.now;
    },
  });

const anonymous = (kind: "no-token" | "unknown-bearer" | "unknown-api-key") =>
  command<CtmModel>(`use with ${kind}`, {
    run: async (model, system) => {
      const headers: Record<string, string> =
        kind === "no-token"
          ? {}
          : kind === "unknown-bearer"
            ? { Authorization: "Bearer 00DEADBEEF${random}" }
            : { "x-api-key": "sp-unknown-${random}" };
      await step(model, system, {
        request: { method: "GET", path: "/config/servers", headers },
        title: `GET /config/servers with ${kind}`,
        covers: kind === "unknown-api-key" ? ["CTM-A-01"] : ["CTM-S-04"],
        expect: { status: 401, schema: ERRORS },
      });
    },
  });

const logout = (n: number) =>
  command<CtmModel>(`logout session #${n}`, {
    check: (m) => pick(m, n, (s) => s.kind === "password" && isLiveEverywhere(m, s)) !== undefined,
    run: async (model, system) => {
      const session = pick(model, n, (s) => s.kind === "password" && isLiveEverywhere(model, s)) as CtmSession;
      await step(
        model,
        system,
        { logout: {}, as: session.slot, covers: ["CTM-S-07"], expect: { status: 200, schema: "controlm/success-data" } },
        session,
      );
      session.loggedOut = true;
      happened(model, ["CTM-S-07"]);
      session.loggedOut = true;
      // The driver deletes the API tokens a session created before it logs the session out.
      for (const token of model.tokens.values()) if (token.createdBy === session.slot) token.deleted = true;
    },
  });

/** Shares of the validity period time may pass by: never landing within the margin of any session's end, under any reading. */
const SHARES = [10, 35, 60, 85, 110, 150, 220];

function landsClear(model: Readonly<CtmModel>, ms: number): boolean {
  const later = { ...model, now: model.now + ms } as CtmModel;
  return [...model.sessions.values()].every((s) => s.loggedOut || model.validity.current.every((r) => liveness(later, s, r) !== "near"));
}

const pass = (share: number) =>
  command<CtmModel>(`let ${share}% of the validity pass`, {
    check: (m) => {
      const validity = m.validityMs;
      if (!m.context.allows.time || validity === undefined) return false;
      const ms = Math.round((validity * share) / 100);
      return ms <= m.context.allows.maxWaitMs && landsClear(m, ms);
    },
    run: async (model, system) => {
      await step(model, system, { expire: { idle: `${share}%` } });
      happened(model, ["CTM-S-05"]);
    },
  });

/** When a session's validity ends under each reading the model still holds. */
function ends(model: Readonly<CtmModel>, session: CtmSession): number[] {
  const validity = model.validityMs ?? 0;
  return model.validity.current.map((r) => (r === "from-issue" ? session.issuedAt : session.lastUsedLatest) + validity);
}

/**
 * Time passes to just past one session's end (or to just before it): boundaries are where
 * expiry defects show, and random shares rarely land next to one. Two margins clear of it,
 * and never near another session's end.
 */
const passTo = (n: number, side: "past" | "before") =>
  command<CtmModel>(`let time pass to just ${side} the end of session #${n}`, {
    check: (m) => {
      const validity = m.validityMs;
      const session = pick(m, n, (s) => s.kind === "password" && !s.loggedOut);
      if (!m.context.allows.time || validity === undefined || !session) return false;
      const ms = passToMs(m, session, side);
      return ms > 0 && ms <= m.context.allows.maxWaitMs && landsClear(m, ms);
    },
    run: async (model, system) => {
      const session = pick(model, n, (s) => s.kind === "password" && !s.loggedOut) as CtmSession;
      await step(model, system, { expire: { idle: `${passToMs(model, session, side)}ms` } });
      happened(model, ["CTM-S-05"]);
    },
  });

function passToMs(model: Readonly<CtmModel>, session: CtmSession, side: "past" | "before"): number {
  const margin = 2 * model.context.marginOf(model.validityMs ?? 0);
  const at = side === "past" ? Math.max(...ends(model, session)) + margin : Math.min(...ends(model, session)) - margin;
  return Math.round(at - model.now);
}

/**
 * Password changes (CTM-S-08, CTM-S-09, CTM-S-10), each followed at once by the logins
 * that show what it did, so a failure is reported against the change it is about.
 * Whether a change ends the user's other sessions is not documented: they become unsure.
 */
const changePassword = (n: number, kind: "right" | "wrong" | "secret") =>
  command<CtmModel>(`change the password (${kind}) through session #${n}`, {
    check: (m) =>
      m.context.allows.passwordChange &&
      (kind !== "secret" || (m.context.options.passwordSecretKey !== undefined && m.password === 0)) &&
      pick(m, n, (s) => s.kind === "password" && s.user === "default" && isLiveEverywhere(m, s)) !== undefined,
    run: async (model, system) => {
      const session = pick(model, n, (s) => s.kind === "password" && s.user === "default" && isLiveEverywhere(model, s)) as CtmSession;
      const current = passwordRef(model.password);
      if (kind === "right") {
        const next = passwordRef(model.password + 1);
        await step(
          model,
          system,
          {
            action: "change-password",
            as: session.slot,
            with: { currentPassword: current, newPassword: next },
            covers: ["CTM-S-08"],
            expect: { status: 200, schema: "controlm/success-data" },
          },
          session,
        );
        model.password++;
        happened(model, ["CTM-S-08"]);
        for (const s of model.sessions.values()) if (s.user === "default" && s.kind === "password" && !s.loggedOut) s.unsure = true;
        const slot = `s${++model.opened}`;
        await step(model, system, { ...loginStep(model, "default", slot), title: "the new password logs in" });
        opened(model, "default", "password", slot);
        if (spendWrongPassword(model.context))
          await step(model, system, {
            login: { password: current },
            as: "old-password",
            title: "the old password no longer logs in",
            covers: ["CTM-S-08"],
            expect: { status: 401, schema: ERRORS },
          });
        return;
      }
      if (kind === "wrong") {
        await step(
          model,
          system,
          {
            action: "change-password",
            as: session.slot,
            with: { currentPassword: "wrong-${random}", newPassword: "Np-${random}-refused-x9" },
            covers: ["CTM-S-09"],
            expect: { status: 400, schema: ERRORS },
          },
          session,
        );
        happened(model, ["CTM-S-09"]);
        const slot = `s${++model.opened}`;
        await step(model, system, {
          ...loginStep(model, "default", slot),
          covers: ["CTM-S-09"],
          title: "the current password still logs in",
        });
        opened(model, "default", "password", slot);
        if (spendWrongPassword(model.context))
          await step(model, system, {
            login: { password: "Np-${random}-refused-x9" },
            as: "refused-password",
            title: "the refused new password does not log in",
            covers: ["CTM-S-09"],
            expect: { status: 401, schema: ERRORS },
          });
        return;
      }
      // Secret:<key> holds the current password; whether the REST body resolves it is OPEN: 200 or 400, and either way the password is the same.
      await step(
        model,
        system,
        {
          action: "change-password",
          as: session.slot,
          with: { currentPassword: "Secret:${options.passwordSecretKey}", newPassword: "${credentials.password}" },
          covers: ["CTM-S-10"],
          expect: { status: [200, 400] },
        },
        session,
      );
      happened(model, ["CTM-S-10", "CTM-S-08"]);
      const slot = `s${++model.opened}`;
      await step(model, system, { ...loginStep(model, "default", slot), covers: ["CTM-S-10"], title: "the password asked for logs in" });
      opened(model, "default", "password", slot);
    },
  });

/** The Session service's commands, with how often each is drawn. */
export function sessionCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<CtmModel>>][] {
  const n = fc.nat({ max: 5 });
  return [
    [3, fc.constantFrom<UserKey>("default", "default", "other").map(login)],
    [1, fc.constant(null).map(keySession)],
    [1, fc.constantFrom<"unknown-user" | "wrong-password">("unknown-user", "wrong-password").map(wrongLogin)],
    [4, fc.tuple(n, fc.constantFrom<"bearer" | "x-api-key">("bearer", "bearer", "x-api-key")).map(([i, c]) => use(i, c))],
    [1, fc.constantFrom<"no-token" | "unknown-bearer" | "unknown-api-key">("no-token", "unknown-bearer", "unknown-api-key").map(anonymous)],
    [2, n.map(logout)],
    [1, fc.constantFrom(...SHARES).map(pass)],
    [2, fc.tuple(n, fc.constantFrom<"past" | "before">("past", "before")).map(([i, side]) => passTo(i, side))],
    [1, fc.tuple(n, fc.constantFrom<"right" | "wrong" | "secret">("right", "wrong", "secret")).map(([i, k]) => changePassword(i, k))],
  ];
}

export { pick, step, status, isLiveEverywhere, ERRORS };
