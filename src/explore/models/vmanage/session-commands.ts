import fc from "fast-check";
import type { PlainStep } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import type { ExploreSystem } from "../../system.ts";
import {
  cookieRef,
  deadAnswer,
  guarded,
  isDecided,
  isLive,
  LOGIN_PAGE,
  leastRecentlyUsed,
  life,
  liveAnswer,
  liveSessions,
  loginArgs,
  maybeUsed,
  nearSessions,
  observeDead,
  opened,
  pick,
  QUERY,
  QUERY_PATHS,
  type LogoutToken,
  type Served,
  stake,
  status,
  step,
  TOKEN_TEXT,
  tokenRef,
  type UserKey,
  usernameRef,
  used,
  type VmModel,
  type VmSession,
} from "./state.ts";

/**
 * Logins, uses, logouts and the session cap (vendor doc; wire notes §1.1, §1.4–1.6):
 * every use of a session is judged against what the model says of it, alive or ended,
 * and what an event put at stake for it is named in the covers of the step that uses it.
 */

/** The most sessions a run opens outside a flood: enough for siblings of one account and the second user's, kept cheap. */
const MAX_SESSIONS = 6;
/** The largest cap a flood fills (250 on older releases). */
const MAX_FLOOD = 300;
/** A generous time for one use of one session on a real server (as the driver's deployment facts count it). */
const ONE_USE_MS = 500;

const loginExpect = {
  status: 200,
  text: "",
  cookies: { JSESSIONID: { set: true, value: { nonEmpty: true } } },
} as const;

function atCap(m: Readonly<VmModel>): boolean {
  return m.cap !== undefined && liveSessions(m).length >= m.cap;
}

/**
 * Below the cap any login; at it (after a flood) only one whose eviction the model can
 * tell: of the account, every live session the account's, the least recently used certain.
 */
function canLogin(m: Readonly<VmModel>, user: UserKey): boolean {
  if (user === "second" && m.secondUser === undefined) return false;
  const live = liveSessions(m);
  const near = nearSessions(m).length;
  if (live.length + near < Math.min(m.cap ?? MAX_SESSIONS, MAX_SESSIONS)) return true;
  // Whether the cap counts the server's sessions or the account's is not documented: it is crossed with the account's alone.
  return atCap(m) && near === 0 && user === "default" && live.every((s) => s.user === "default") && leastRecentlyUsed(live) !== undefined;
}

/**
 * A login (VM-01), then, unless it only fills the cap, the token read the documented
 * way (VM-03) with the cookie alone (VM-05), in the same session (VM-11). Beyond the cap
 * the least recently used session ends (VM-10); below it none does.
 */
export async function logIn(model: VmModel, system: ExploreSystem, user: UserKey, filler = false): Promise<VmSession> {
  const live = liveSessions(model);
  // At the cap the callers made sure the least recently used session is certain (canLogin, the flood).
  const victim = model.cap !== undefined && live.length >= model.cap ? leastRecentlyUsed(live) : undefined;
  const slot = `s${++model.opened}`;
  await step(model, system, {
    login: loginArgs(model, user),
    as: slot,
    ...(filler ? { title: `log in ${slot} towards the cap of ${model.cap}` } : {}),
    covers: victim ? ["VM-01", "VM-10"] : ["VM-01"],
    expect: filler ? { status: 200, text: "" } : loginExpect,
    capture: { [`${slot}j`]: "cookies.JSESSIONID" },
  });
  if (victim) victim.ended = ["VM-10"];
  stake(model, ["VM-10"]);
  const session = opened(model, user, slot);
  if (filler || !model.xsrfEnforced) return session;
  const { before } = await step(model, system, {
    request: { method: "GET", path: "/dataservice/client/token", auth: "session" },
    as: slot,
    title: `GET /dataservice/client/token for ${slot}`,
    covers: ["VM-03", "VM-05", "VM-11"],
    expect: { status: 200, text: { matches: TOKEN_TEXT } },
    capture: { [`${slot}x`]: "text" },
  });
  used(model, session, before);
  session.token = true;
  return session;
}

const login = (user: UserKey) =>
  command<VmModel>(`login ${user}`, {
    check: (m) => canLogin(m, user),
    run: async (model, system) => {
      await logIn(model, system, user);
    },
  });

const wrongLogin = (kind: "unknown-user" | "wrong-password") =>
  command<VmModel>(`login ${kind}`, {
    check: (m) => kind === "unknown-user" || m.context.allows.wrongPasswords,
    run: async (model, system) => {
      await step(model, system, {
        login:
          kind === "unknown-user" ? { username: "no-such-user-${random}", password: "wrong-${random}" } : { password: "wrong-${random}" },
        as: "refused",
        covers: ["VM-02"],
        expect: {
          status: 200,
          text: { nonEmpty: true, matches: "<html|^\\s*\\{" },
          cookies: { JSESSIONID: { set: false } },
        },
      });
      // A failed login changes nothing: the account's live sessions must live on.
      if (kind === "wrong-password") stake(model, ["VM-02"], (s) => s.user === "default");
    },
  });

/** The jar's GET, the login cookie's GET (with a wrong token too: a GET ignores it), the driver's POST, client/server. */
export type UseKind = "devices" | "cookie" | "cookie-wrong-token" | "alarms" | "server";

/**
 * One use of a session, judged against the model: alive, the JSON answer in the same
 * session; ended, the no-session answer. The covers name why it should be either.
 */
export function useStep(model: Readonly<VmModel>, s: VmSession, kind: UseKind, title?: string, extra: readonly string[] = []): PlainStep {
  const { state, ids } = life(model, s);
  const live = state === "live";
  const method = kind === "alarms" ? "POST" : "GET";
  const checked = kind === "alarms" && guarded(model, "alarms");
  const own = kind === "alarms" ? ["VM-04", "VM-11"] : ["VM-05", "VM-11"];
  const covers = live ? [...own, ...extra, ...s.atStake] : [...ids, ...extra, "VM-06"];
  const named = title ? { title } : {};
  const schema = kind === "alarms" ? "vmanage/query-result" : kind === "server" ? "vmanage/server-info" : "vmanage/devices";
  const expect = live ? liveAnswer(schema) : deadAnswer(model, method, checked);
  // Another user's group may see no device at all (RBAC; variant devices-hidden-from-other-groups): only the list's shape.
  if (live && schema === "vmanage/devices" && s.user !== "default") {
    delete expect.schema;
    expect.body = { data: { type: "array" } };
  }
  if (live && kind === "server") {
    const withToken = model.xsrfEnforced && s.token;
    expect.body = { "data.user": usernameRef(model, s.user), ...(withToken ? { "data.CSRFToken": tokenRef(s) } : {}) };
    if (withToken) covers.push("VM-03");
  }
  const unique = [...new Set(covers)];
  if (kind === "cookie" || kind === "cookie-wrong-token") {
    const wrong = kind === "cookie-wrong-token";
    return {
      request: {
        method: "GET",
        path: "/dataservice/device",
        headers: { Cookie: cookieRef(s), ...(wrong ? { "X-XSRF-TOKEN": "00DEADBEEF${random}" } : {}) },
      },
      title: title ?? `GET /dataservice/device with ${s.slot}'s login cookie${wrong ? " and a wrong token" : ""}`,
      covers: unique,
      expect,
    };
  }
  const call = kind === "alarms" ? "alarms" : kind === "server" ? "client-server" : "devices";
  return { use: call, as: s.slot, ...named, covers: unique, expect };
}

/** Runs a use and updates the model from it: a live session was used; a dead one showed how the server says so. */
export async function useSession(
  model: VmModel,
  system: ExploreSystem,
  s: VmSession,
  kind: UseKind,
  title?: string,
  extra: readonly string[] = [],
): Promise<void> {
  const live = isLive(model, s);
  const { before, status: seen } = await step(model, system, useStep(model, s, kind, title, extra));
  if (live) {
    used(model, s, before);
    s.atStake.clear();
  } else observeDead(model, kind === "alarms" ? "POST" : "GET", kind === "alarms" && guarded(model, "alarms"), seen);
}

const use = (n: number, kind: UseKind) =>
  command<VmModel>(`use session #${n} (${kind})`, {
    check: (m) => pick(m, n, (s) => isDecided(m, s)) !== undefined,
    run: async (model, system) => {
      const s = pick(model, n, (x) => isDecided(model, x)) as VmSession;
      await useSession(model, system, s, kind);
    },
  });

type Anonymous = "no-cookie" | "unknown-cookie" | "no-cookie-post" | "following-redirects";

/** Requests that carry no valid session at all (VM-06): whatever is live must not answer them. */
const anonymous = (kind: Anonymous, path: (typeof QUERY_PATHS)[number]) =>
  command<VmModel>(`request with ${kind}`, {
    run: async (model, system) => {
      if (kind === "following-redirects") {
        await step(model, system, {
          request: { method: "GET", path: "/dataservice/device", headers: { Accept: "application/json" }, followRedirects: true },
          title: "GET /dataservice/device with no cookie, following redirects",
          covers: ["VM-06"],
          expect: { status: 200, text: { matches: LOGIN_PAGE }, headers: { "content-type": { contains: "text/html" } } },
        });
        return;
      }
      const post = kind === "no-cookie-post";
      const checked = post && guarded(model, path);
      const headers: Record<string, string> = kind === "unknown-cookie" ? { Cookie: "JSESSIONID=0BADC0FFEE${random}" } : {};
      const request = post
        ? { method: "POST" as const, path: `/dataservice/${path}`, json: QUERY }
        : { method: "GET" as const, path: "/dataservice/device", headers: { ...headers, Accept: "application/json" } };
      const { status: seen } = await step(model, system, {
        request,
        title: `${request.method} ${request.path} with ${kind === "unknown-cookie" ? "an unknown JSESSIONID" : "no cookie"}`,
        covers: ["VM-06"],
        expect: deadAnswer(model, post ? "POST" : "GET", checked),
      });
      observeDead(model, post ? "POST" : "GET", checked, seen);
    },
  });

type LogoutKind = "driver" | "get" | "post" | "post-without-token";

/**
 * The answers a logout may give, and how the answer narrows the readings: a method the
 * release is declared to serve is a 302; another is served or refused (404/405); a POST
 * without the token is served or refused (403).
 */
function logoutAnswers(model: VmModel, kind: LogoutKind): { allowed: number[]; observe(seen: number): void } {
  const sure = { allowed: [302], observe: () => undefined };
  if (kind === "driver") return sure;
  if (kind === "post-without-token") {
    const per = (r: LogoutToken) => (r === "optional" ? [302] : [403]);
    return { allowed: model.readings.logoutToken.allowed(per), observe: (seen) => model.readings.logoutToken.observe(seen, per) };
  }
  const method = kind === "get" ? "get" : "post";
  if (model.logoutMethod === "both" || model.logoutMethod === method) return sure;
  const reading = method === "get" ? model.readings.getLogout : model.readings.postLogout;
  const per = (r: Served) => (r === "served" ? [302] : [404, 405]);
  return { allowed: reading.allowed(per), observe: (seen) => reading.observe(seen, per) };
}

/**
 * Logout (VM-07): the 302 to welcome.html ends exactly the session presented — refused
 * afterwards on GETs and POSTs alike — and leaves every other session alone. A method the
 * release is not declared to serve may be served or refused (404/405); a POST without the
 * token may be served or refused (403, wire notes §1.5): a refusal ends nothing.
 */
const logout = (n: number, kind: LogoutKind) =>
  command<VmModel>(`logout session #${n} (${kind})`, {
    check: (m) =>
      pick(m, n, (s) => isLive(m, s)) !== undefined && (kind !== "post-without-token" || m.context.options.postLogout !== undefined),
    run: async (model, system) => {
      const s = pick(model, n, (x) => isLive(model, x)) as VmSession;
      const method = kind === "driver" ? undefined : kind === "get" ? "GET" : "POST";
      const answers = logoutAnswers(model, kind);
      const ended = answers.allowed.length === 1 && answers.allowed[0] === 302;
      const { status: seen } = await step(model, system, {
        logout: {},
        as: s.slot,
        ...(method ? { with: kind === "post-without-token" ? { method, xsrfToken: false } : { method } } : {}),
        ...(method ? { title: `${method} /logout?nocache=<n>${kind === "post-without-token" ? " without the token" : ""}` } : {}),
        covers: ended ? ["VM-07", "VM-06"] : ["VM-07"],
        expect: ended
          ? { status: 302, headers: { location: { matches: "/welcome\\.html\\?nocache=" } }, session: "invalid" }
          : { status: status(answers.allowed) },
      });
      if (seen !== undefined) answers.observe(seen);
      if (seen === 302) {
        s.ended = ["VM-07"];
        stake(model, ["VM-07"]);
        // Served where it need not have been: the session it presented must be refused now, on GETs and POSTs alike.
        if (!ended)
          await step(model, system, {
            use: "devices",
            as: s.slot,
            title: `${s.slot} is refused after the logout`,
            covers: ["VM-07", "VM-06"],
            expect: { ...deadAnswer(model, "GET", false), session: "invalid" },
          });
        return;
      }
      // Refused: whether the refusal counted as use is not said; it ended nothing.
      maybeUsed(model, s);
      stake(model, ["VM-07"]);
    },
  });

/**
 * The session cap (VM-10), as the suite's flood does it: logins up to the cap, the oldest
 * session used so that it is not the least recently used, then one login beyond the cap,
 * which must end exactly the least recently used session: not the oldest, not a second one.
 */
const flood = () =>
  command<VmModel>("flood to the session cap and one login beyond", {
    check: (m) => {
      if (!m.context.allows.flood || m.flooded || m.cap === undefined || m.cap < 3 || m.cap > MAX_FLOOD) return false;
      if (nearSessions(m).length > 0 || liveSessions(m).some((s) => s.user !== "default")) return false;
      // On a real server the filling takes time: the sessions must not idle out within one round of uses.
      const round = m.context.target.kind === "mock" ? 0 : m.cap * ONE_USE_MS;
      return m.idleMs === undefined || round < m.idleMs / 2;
    },
    run: async (model, system) => {
      model.flooded = true;
      const cap = model.cap as number;
      while (liveSessions(model).length < cap) await logIn(model, system, "default", true);
      // A refused request may have counted as use: a certain use settles the order.
      for (const s of liveSessions(model)) if (s.maybeSeq !== s.useSeq) await useSession(model, system, s, "devices");
      const live = liveSessions(model);
      const oldest = live.reduce((a, b) => (b.born < a.born ? b : a));
      await useSession(model, system, oldest, "devices", `use the oldest session ${oldest.slot}: it is not the least recently used`, [
        "VM-10",
      ]);
      const byUse = liveSessions(model).sort((a, b) => a.useSeq - b.useSeq);
      const [victim, next] = byUse as [VmSession, VmSession];
      await logIn(model, system, "default");
      await useSession(model, system, victim, "devices", `${victim.slot}, the least recently used, is gone`, ["VM-10"]);
      await useSession(model, system, next, "devices", `${next.slot}, the next least recently used, is still there`, ["VM-10"]);
    },
  });

/** The session commands, with how often each is drawn. */
export function sessionCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<VmModel>>][] {
  const n = fc.nat({ max: 5 });
  const path = fc.constantFrom(...QUERY_PATHS);
  return [
    [9, fc.constantFrom<UserKey>("default", "default", "second").map(login)],
    [3, fc.constantFrom<"unknown-user" | "wrong-password">("unknown-user", "wrong-password").map(wrongLogin)],
    [15, fc.tuple(n, fc.constantFrom<UseKind>("devices", "cookie", "cookie-wrong-token", "alarms", "server")).map(([i, k]) => use(i, k))],
    [
      3,
      fc
        .tuple(fc.constantFrom<Anonymous>("no-cookie", "unknown-cookie", "no-cookie-post", "following-redirects"), path)
        .map(([k, p]) => anonymous(k, p)),
    ],
    [6, fc.tuple(n, fc.constantFrom<LogoutKind>("driver", "driver", "get", "post", "post-without-token")).map(([i, k]) => logout(i, k))],
    [1, fc.constant(null).map(flood)],
  ];
}
