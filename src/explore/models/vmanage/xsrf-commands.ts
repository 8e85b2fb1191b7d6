import fc from "fast-check";
import type { Expect } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import {
  cookieRef,
  deadAnswer,
  guarded,
  isDecided,
  isLive,
  life,
  liveAnswer,
  maybeUsed,
  observeDead,
  pick,
  QUERY,
  QUERY_PATHS,
  status,
  step,
  TOKEN_TEXT,
  type TokenScope,
  tokenRef,
  used,
  type VmModel,
  type VmSession,
} from "./state.ts";

/**
 * The XSRF token (wire notes §1.2, §1.3): read as text or as {token} (VM-03), lasting as
 * long as the session, and demanded on every POST under /dataservice the server does not
 * allow-list (VM-04): the session's own token under any header case opens it, no token, a
 * wrong one or another user's does not. Whether two sessions of one account share a
 * token is not documented: a reading.
 */

/** A token read: the same one every time, as text, or as {token} with ?json=true. */
const readToken = (n: number, form: "text" | "json") =>
  command<VmModel>(`read session #${n}'s token (${form})`, {
    check: (m) => m.xsrfEnforced && pick(m, n, (s) => isDecided(m, s)) !== undefined,
    run: async (model, system) => {
      const s = pick(model, n, (x) => isDecided(model, x)) as VmSession;
      const { state, ids } = life(model, s);
      const live = state === "live";
      let expect: Expect = deadAnswer(model, "GET", false);
      if (live && form === "text") expect = { status: 200, text: s.token ? tokenRef(s) : { matches: TOKEN_TEXT } };
      if (live && form === "json")
        expect = { ...liveAnswer("vmanage/token"), body: { token: s.token ? tokenRef(s) : { type: "string", nonEmpty: true } } };
      const capture = live && !s.token ? { capture: { [`${s.slot}x`]: form === "text" ? "text" : "body.token" } } : {};
      const { before, status: seen } = await step(model, system, {
        request: {
          method: "GET",
          path: "/dataservice/client/token",
          ...(form === "json" ? { query: { json: "true" } } : {}),
          auth: "session",
        },
        as: s.slot,
        title: `GET /dataservice/client/token${form === "json" ? "?json=true" : ""} for ${s.slot}`,
        covers: live ? [...new Set(["VM-03", "VM-05", "VM-11", ...s.atStake])] : [...ids, "VM-06"],
        expect,
        ...capture,
      });
      if (!live) {
        observeDead(model, "GET", false, seen);
        return;
      }
      used(model, s, before);
      s.atStake.clear();
      s.token = true;
    },
  });

type TokenKind = "none" | "wrong" | "own-lower-case" | "other-user" | "sibling";

/** The session whose token is sent: the caller's own, another user's, or another session of the caller's account. */
function tokenSource(m: Readonly<VmModel>, s: VmSession, kind: TokenKind): VmSession | undefined {
  if (kind === "own-lower-case") return s.token ? s : undefined;
  const others = [...m.sessions.values()].filter((o) => o !== s && o.token);
  if (kind === "other-user") return others.find((o) => o.user !== s.user);
  // A sibling's token is tried while the sibling lives: what a per-account token does after its session ends is not said.
  if (kind === "sibling") return others.find((o) => o.user === s.user && isLive(m, o));
  return s;
}

const tokenScopeStatus = (r: TokenScope) => (r === "per-account" ? [200] : [403]);

/**
 * A POST with the login's cookie and a chosen token header. Refused (403) is not proof
 * the session lives (a server may refuse a dead session's POST the same way), nor that it
 * was not used: the session's last use becomes uncertain.
 */
const post = (n: number, kind: TokenKind, path: (typeof QUERY_PATHS)[number]) =>
  command<VmModel>(`POST ${path} as session #${n} with ${kind} token`, {
    check: (m) => {
      const s = pick(m, n, (x) => isDecided(m, x));
      return s !== undefined && (kind === "none" || kind === "wrong" || (m.xsrfEnforced && tokenSource(m, s, kind) !== undefined));
    },
    run: async (model, system) => {
      const s = pick(model, n, (x) => isDecided(model, x)) as VmSession;
      const source = tokenSource(model, s, kind) as VmSession;
      const checked = guarded(model, path);
      const { state, ids } = life(model, s);
      const live = state === "live";
      const header =
        kind === "none"
          ? {}
          : kind === "wrong"
            ? { "X-XSRF-TOKEN": "00DEADBEEF${random}" }
            : kind === "own-lower-case"
              ? { "x-xsrf-token": tokenRef(source) }
              : { "X-XSRF-TOKEN": tokenRef(source) };
      const allowed =
        !checked || kind === "own-lower-case" ? [200] : kind === "sibling" ? model.readings.tokenScope.allowed(tokenScopeStatus) : [403];
      const expect: Expect = !live
        ? deadAnswer(model, "POST", checked)
        : allowed.length === 1 && allowed[0] === 200
          ? liveAnswer("vmanage/query-result")
          : { status: status(allowed) };
      const { before, status: seen } = await step(model, system, {
        request: { method: "POST", path: `/dataservice/${path}`, headers: { Cookie: cookieRef(s), ...header }, json: QUERY },
        title: `POST /dataservice/${path} with ${s.slot}'s login cookie and ${kind === "none" ? "no token" : kind === "wrong" ? "a wrong token" : `${source.slot}'s token${kind === "own-lower-case" ? " under x-xsrf-token" : ""}`}`,
        covers: live ? [...new Set(["VM-04", "VM-11", ...s.atStake])] : [...ids, "VM-06"],
        expect,
      });
      if (!live) {
        observeDead(model, "POST", checked, seen);
        return;
      }
      if (kind === "sibling" && checked && seen !== undefined) model.readings.tokenScope.observe(seen, tokenScopeStatus);
      if (seen === 200) {
        used(model, s, before);
        s.atStake.clear();
      } else maybeUsed(model, s);
    },
  });

/** The XSRF commands, with how often each is drawn. */
export function xsrfCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<VmModel>>][] {
  const n = fc.nat({ max: 5 });
  return [
    [3, fc.tuple(n, fc.constantFrom<"text" | "json">("text", "json")).map(([i, f]) => readToken(i, f))],
    [
      9,
      fc
        .tuple(
          n,
          fc.constantFrom<TokenKind>("none", "wrong", "own-lower-case", "other-user", "other-user", "sibling"),
          fc.constantFrom(...QUERY_PATHS),
        )
        .map(([i, k, p]) => post(i, k, p)),
    ],
  ];
}
