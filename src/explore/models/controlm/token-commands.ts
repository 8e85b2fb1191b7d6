import fc from "fast-check";
import type { Expect, Matcher, PlainStep } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import { ERRORS, isLiveEverywhere, pick, status, step } from "./session-commands.ts";
import { type CtmModel, type CtmSession, type CtmToken, dayOf, HELD, happened, tokenName, type UserKey, usernameRef } from "./state.ts";

/**
 * The Authentication service (controlm-authentication-service.txt, wire notes §1.4): API
 * tokens created, updated, read, listed, deleted and used, by their owner, by another
 * user and by nobody. Tokens are named per owner (d… for the default account, o… for the
 * second user), so a name is reused only by the user who owns it.
 */
const ROLE_CHOICES: readonly (readonly string[] | undefined)[] = [
  ["User"],
  ["Admin", "User"],
  ["Admin"],
  [],
  undefined,
  ["sp-${random}-role"],
];
type Expiry = { kind: "none" } | { kind: "days"; n: number } | { kind: "past" } | { kind: "malformed" } | { kind: "today" };
const EXPIRIES: readonly Expiry[] = [
  { kind: "none" },
  { kind: "days", n: 1 },
  { kind: "days", n: 2 },
  { kind: "days", n: 20 },
  { kind: "past" },
  { kind: "malformed" },
  { kind: "today" },
];

const dateText = (e: Expiry): string | undefined =>
  e.kind === "days"
    ? `\${date+${e.n}d}`
    : e.kind === "past"
      ? "${date-1d}"
      : e.kind === "malformed"
        ? "20991231"
        : e.kind === "today"
          ? "${date}"
          : undefined;

const usable = (m: Readonly<CtmModel>, s: CtmSession) => (s.kind === "api-key" ? true : isLiveEverywhere(m, s));
const ownerKey = (owner: UserKey, letter: string) => `${owner === "default" ? "d" : "o"}${letter}`;
const today = (m: Readonly<CtmModel>) => dayOf(m.now);

/** Live for its owner, past its date, or on the date itself (when either answer is right). */
function dateState(m: Readonly<CtmModel>, token: CtmToken): "live" | "expired" | "boundary" {
  if (token.expiryDay === undefined) return "live";
  const day = today(m);
  return day < token.expiryDay ? "live" : day > token.expiryDay ? "expired" : "boundary";
}

/**
 * A token name chosen by position among those the run has touched (created, deleted or
 * refused) and two it never made — one per owner — so reads, uses and deletes mostly hit
 * tokens that exist, and sometimes one that must not.
 */
function knownKey(m: Readonly<CtmModel>, k: number, owner?: UserKey): string {
  const prefix = owner === undefined ? "" : owner === "default" ? "d" : "o";
  const known = [...new Set([...m.tokens.keys(), ...m.refused.keys()])].filter((key) => key.startsWith(prefix)).sort();
  const never = owner === undefined ? ["dzz", "ozz"] : [`${prefix}zz`];
  const candidates = [...known, ...never];
  return candidates[k % candidates.length] as string;
}

const current = (m: Readonly<CtmModel>, key: string) => {
  const token = m.tokens.get(key);
  return token && !token.deleted ? token : undefined;
};

/** What a create or update body's roles and date break, with the statuses each refusal may take. */
function bodyProblems(owner: UserKey, roles: readonly string[] | undefined, expiry: Expiry): { ids: string[]; statuses: number[] } {
  const ids: string[] = [];
  const statuses: number[] = [];
  const refuse = (id: string, ...legal: number[]): void => {
    ids.push(id);
    statuses.push(...legal);
  };
  if (roles === undefined || roles.length === 0) refuse("CTM-A-05", 400);
  else if (roles.some((r) => !HELD[owner].includes(r))) refuse("CTM-A-06", 400, 403);
  if (expiry.kind === "past" || expiry.kind === "malformed") refuse("CTM-A-07", 400);
  return { ids, statuses };
}

/** Today's date may be refused or accepted ("a future date"): where the body is refused anyway, a 400 for it is one more legal answer. */
function refusalStatuses(problems: { statuses: number[] }, expiry: Expiry): number[] {
  return [...new Set([...problems.statuses, ...(expiry.kind === "today" ? [400] : [])])];
}

/** Roles exactly these, in any order. */
function rolesMatch(roles: readonly string[]): Record<string, Matcher> {
  const body: Record<string, Matcher> = {};
  roles.forEach((_, i) => {
    body[`roles[${i}]`] = { oneOf: [...roles] };
  });
  body[`roles[${roles.length}]`] = { exists: false };
  return body;
}

function withBody(name: string, roles: readonly string[] | undefined, expiry: Expiry): Record<string, unknown> {
  const body: Record<string, unknown> = { tokenName: name };
  if (roles !== undefined) body.roles = [...roles];
  const date = dateText(expiry);
  if (date !== undefined) body.expirationDate = date;
  return body;
}

function dayOfExpiry(m: Readonly<CtmModel>, expiry: Expiry): number | undefined {
  return expiry.kind === "days" ? today(m) + expiry.n : expiry.kind === "today" ? today(m) : undefined;
}

const creatorOf = (m: Readonly<CtmModel>, n: number) => pick(m, n, (s) => usable(m, s));

const create = (n: number, letter: string, rolesAt: number, expiryAt: number) =>
  command<CtmModel>(`create token ${letter} (roles #${rolesAt}, expiry #${expiryAt}) through session #${n}`, {
    check: (m) => creatorOf(m, n) !== undefined,
    run: async (model, system) => {
      const creator = creatorOf(model, n) as CtmSession;
      const key = ownerKey(creator.user, letter);
      const name = tokenName(key);
      const roles = ROLE_CHOICES[rolesAt];
      const expiry = EXPIRIES[expiryAt] as Expiry;
      const problems = bodyProblems(creator.user, roles, expiry);
      const duplicate = current(model, key) !== undefined;
      if (duplicate) {
        problems.ids.push("CTM-A-04", ...(current(model, key)?.updated ? ["CTM-A-10"] : []));
        problems.statuses.push(400, 409);
      }
      const refused = problems.ids.length > 0;
      const allowed = refused ? refusalStatuses(problems, expiry) : expiry.kind === "today" ? [200, 400] : [200];
      const date = dateText(expiry);
      const success: Expect = {
        schema: "controlm/token-created",
        body: {
          tokenName: name,
          tokenValue: { type: "string", nonEmpty: true },
          user: usernameRef(creator.user),
          ...(roles ? rolesMatch(roles) : {}),
          ...(date && expiry.kind === "days" ? { expirationDate: { matches: `^${date}` } } : {}),
          createdDate: { matches: "^\\d{4}-\\d{2}-\\d{2}" },
        },
      };
      const result = await step(
        model,
        system,
        {
          action: "create-token",
          as: creator.slot,
          with: withBody(name, roles, expiry),
          covers: refused ? problems.ids : ["CTM-A-02"],
          expect: refused
            ? { status: status(allowed), schema: ERRORS }
            : allowed.length > 1
              ? { status: status(allowed) }
              : { status: 200, ...success },
          ...(refused || allowed.length > 1 ? {} : { capture: { [`${key}val`]: "body.tokenValue" } }),
        },
        creator,
      );
      if (result?.exchange.response.status !== 200 || refused) {
        const original = current(model, key);
        if (original) original.duplicateRefused = true;
        else model.refused.set(key, problems.ids.length ? problems.ids : ["CTM-A-07"]);
        return;
      }
      const token: CtmToken = {
        key,
        owner: creator.user,
        roles: [...(roles ?? [])],
        createdDay: today(model),
        createdBy: creator.slot,
        deleted: false,
        valueCaptured: allowed.length === 1,
        updated: false,
        duplicateRefused: false,
      };
      const expiryDay = dayOfExpiry(model, expiry);
      if (expiryDay !== undefined) token.expiryDay = expiryDay;
      model.tokens.set(key, token);
      model.refused.delete(key);
    },
  });

type UpdateShape = "full" | "no-roles" | "no-date" | "rename";

const update = (n: number, letter: string, rolesAt: number, expiryAt: number, shape: UpdateShape) =>
  command<CtmModel>(`update token ${letter} (${shape}, roles #${rolesAt}, expiry #${expiryAt}) through session #${n}`, {
    check: (m) => {
      const s = creatorOf(m, n);
      const token = s && current(m, ownerKey(s.user, letter));
      return s !== undefined && (token === undefined || dateState(m, token) === "live");
    },
    run: async (model, system) => {
      const session = creatorOf(model, n) as CtmSession;
      const key = ownerKey(session.user, letter);
      const token = current(model, key);
      const roles = shape === "no-roles" ? undefined : (ROLE_CHOICES[rolesAt] ?? ["User"]);
      const expiry: Expiry = shape === "no-date" ? { kind: "none" } : (EXPIRIES[expiryAt] as Expiry);
      // Every field must be present (CTM-A-10): a token that never expires is sent as a date twenty days on.
      const sentExpiry: Expiry = shape !== "no-date" && expiry.kind === "none" ? { kind: "days", n: 20 } : expiry;
      const body = withBody(tokenName(key), roles, sentExpiry);
      if (shape === "rename") body.newTokenName = tokenName(`${key}renamed`);
      const problems = bodyProblems(session.user, shape === "no-roles" ? ["User"] : roles, sentExpiry);
      if (shape === "no-roles" || shape === "no-date") {
        problems.ids.push("CTM-A-10");
        problems.statuses.push(400);
      }
      if (!token) {
        problems.ids.push("CTM-A-10");
        problems.statuses.push(404);
      }
      const refused = problems.ids.length > 0;
      const allowed = refused
        ? refusalStatuses(problems, sentExpiry)
        : shape === "rename" || sentExpiry.kind === "today"
          ? [200, 400]
          : [200];
      const date = dateText(sentExpiry);
      const result = await step(
        model,
        system,
        {
          action: "update-token",
          as: session.slot,
          with: body,
          covers: refused ? [...new Set(problems.ids)] : ["CTM-A-10"],
          expect: refused
            ? { status: status(allowed), schema: ERRORS }
            : allowed.length > 1
              ? { status: status(allowed) }
              : {
                  status: 200,
                  schema: "controlm/token-data",
                  body: {
                    tokenName: tokenName(key),
                    ...rolesMatch(roles ?? []),
                    ...(date ? { expirationDate: { matches: `^${date}` } } : {}),
                  },
                },
        },
        session,
      );
      if (!token || refused || result?.exchange.response.status !== 200) return;
      token.roles = [...(roles ?? [])];
      const expiryDay = dayOfExpiry(model, sentExpiry);
      if (expiryDay === undefined) delete token.expiryDay;
      else token.expiryDay = expiryDay;
      token.updated = true;
      model.updates++;
    },
  });

const readers = (m: Readonly<CtmModel>, n: number) => pick(m, n, (s) => usable(m, s));

/** GET one token: the owner reads it exactly as last written; anyone else may not see it. */
const get = (n: number, k: number) =>
  command<CtmModel>(`get token #${k} through session #${n}`, {
    check: (m) => {
      const key = knownKey(m, k);
      const reader = readers(m, n);
      const token = current(m, key);
      return reader !== undefined && (token === undefined || dateState(m, token) === "live");
    },
    run: async (model, system) => {
      const key = knownKey(model, k);
      const reader = readers(model, n) as CtmSession;
      const token = current(model, key);
      const mine = key.startsWith(reader.user === "default" ? "d" : "o");
      const deleted = model.tokens.get(key)?.deleted === true;
      let s: PlainStep;
      if (!mine) {
        s = {
          action: "get-token",
          as: reader.slot,
          with: { tokenName: tokenName(key) },
          covers: ["CTM-A-12"],
          expect: { status: [403, 404], schema: ERRORS },
        };
      } else if (!token) {
        const covers = deleted ? ["CTM-A-11"] : (model.refused.get(key) ?? ["CTM-A-12"]);
        s = { action: "get-token", as: reader.slot, with: { tokenName: tokenName(key) }, covers, expect: { status: 404, schema: ERRORS } };
      } else {
        const date = token.expiryDay === undefined ? undefined : `\${date+${token.expiryDay - today(model)}d}`;
        s = {
          action: "get-token",
          as: reader.slot,
          with: { tokenName: tokenName(key) },
          covers: [...(model.updates > 0 ? ["CTM-A-10"] : []), ...(token.duplicateRefused ? ["CTM-A-04"] : []), "CTM-A-12"],
          expect: {
            status: 200,
            schema: "controlm/token-data",
            body: {
              tokenName: tokenName(key),
              user: usernameRef(token.owner),
              ...rolesMatch(token.roles),
              ...(date ? { expirationDate: { matches: `^${date}` } } : {}),
            },
          },
        };
      }
      await step(model, system, s, reader);
    },
  });

const quoted = (name: string) => `"${name}"`;

/** The list: the reader's own live tokens once each, none it deleted, none of another user. */
const list = (n: number) =>
  command<CtmModel>(`list tokens through session #${n}`, {
    check: (m) => readers(m, n) !== undefined,
    run: async (model, system) => {
      const reader = readers(model, n) as CtmSession;
      const present: string[] = [];
      const absent: { name: string; id: string }[] = [];
      for (const token of model.tokens.values()) {
        const name = quoted(tokenName(token.key));
        if (token.owner !== reader.user) absent.push({ name, id: "CTM-A-12" });
        else if (token.deleted) absent.push({ name, id: "CTM-A-11" });
        else if (dateState(model, token) === "live") present.push(name);
      }
      const lookaheads = [
        ...present.map((name) => `(?=[\\s\\S]*${name})(?![\\s\\S]*${name}[\\s\\S]*${name})`),
        ...absent.map(({ name }) => `(?![\\s\\S]*${name})`),
      ];
      const ids = [...new Set(["CTM-A-12", ...absent.map((a) => a.id), ...(present.length ? ["CTM-A-04"] : [])])];
      await step(
        model,
        system,
        {
          action: "list-tokens",
          as: reader.slot,
          covers: ids,
          expect: {
            status: 200,
            schema: "controlm/token-list",
            ...(lookaheads.length ? { text: { matches: `^${lookaheads.join("")}` } } : {}),
          },
        },
        reader,
      );
    },
  });

const remove = (n: number, k: number) =>
  command<CtmModel>(`delete token #${k} through session #${n}`, {
    check: (m) => {
      const key = knownKey(m, k);
      const s = readers(m, n);
      const token = current(m, key);
      return s !== undefined && (token === undefined || dateState(m, token) === "live");
    },
    run: async (model, system) => {
      const key = knownKey(model, k);
      const session = readers(model, n) as CtmSession;
      const token = current(model, key);
      const mine = key.startsWith(session.user === "default" ? "d" : "o");
      const s: PlainStep = !mine
        ? {
            action: "delete-token",
            as: session.slot,
            with: { tokenName: tokenName(key) },
            covers: ["CTM-A-11", "CTM-A-12"],
            expect: { status: [403, 404], schema: ERRORS },
          }
        : token
          ? {
              action: "delete-token",
              as: session.slot,
              with: { tokenName: tokenName(key) },
              covers: ["CTM-A-11"],
              expect: { status: 200, schema: "controlm/success-data" },
            }
          : {
              action: "delete-token",
              as: session.slot,
              with: { tokenName: tokenName(key) },
              covers: ["CTM-A-11"],
              expect: { status: 404, schema: ERRORS },
            };
      await step(model, system, s, session);
      if (mine && token) token.deleted = true;
    },
  });

/** A created token's value sent as x-api-key (documented) or as Bearer (unverified: only its refusal once dead is asserted). */
const useToken = (k: number, carrier: "x-api-key" | "bearer") =>
  command<CtmModel>(`use token #${k} via ${carrier}`, {
    check: (m) => {
      const key = knownKey(m, k);
      const token = m.tokens.get(key);
      return token?.valueCaptured === true && dateState(m, token) !== "boundary";
    },
    run: async (model, system) => {
      const key = knownKey(model, k);
      const token = model.tokens.get(key) as CtmToken;
      const dead = token.deleted || dateState(model, token) === "expired";
      const covers = token.deleted
        ? ["CTM-A-11"]
        : dateState(model, token) === "expired"
          ? ["CTM-A-09"]
          : token.expiryDay !== undefined
            ? ["CTM-A-03", "CTM-A-09"]
            : today(model) > token.createdDay
              ? ["CTM-A-08", "CTM-A-03"]
              : ["CTM-A-03"];
      if (token.duplicateRefused) covers.push("CTM-A-04");
      if (token.updated) covers.push("CTM-A-10");
      const value = `\${${key}val}`;
      const expect: Expect =
        carrier === "x-api-key"
          ? dead
            ? { status: 401, schema: ERRORS }
            : { status: 200 }
          : dead
            ? { status: [400, 401, 403] }
            : { status: [200, 400, 401, 403] };
      await step(model, system, {
        request: {
          method: "GET",
          path: "/config/servers",
          headers: carrier === "x-api-key" ? { "x-api-key": value } : { Authorization: `Bearer ${value}` },
        },
        title: `GET /config/servers with token ${key} as ${carrier}`,
        covers,
        expect,
      });
    },
  });

/** Token operations with no credential at all (CTM-A-01): refused, and nothing changes. */
const anonymous = (op: "list" | "create" | "get" | "delete", key: string) =>
  command<CtmModel>(`${op} tokens with no credential`, {
    run: async (model, system) => {
      const path =
        op === "list" ? "/authentication/tokens" : op === "create" ? "/authentication/token" : `/authentication/token/${tokenName(key)}`;
      const method = op === "create" ? "POST" : op === "delete" ? "DELETE" : "GET";
      const request =
        op === "create"
          ? { method, path, json: { tokenName: tokenName("anon"), roles: ["User"] } }
          : { method: method as "GET" | "DELETE", path };
      await step(model, system, {
        request: request as PlainStep extends { request: infer R } ? R : never,
        title: `${method} ${path} with no credential`,
        covers: ["CTM-A-01", "CTM-S-04"],
        expect: { status: 401, schema: ERRORS },
      });
    },
  });

/** Where the target enables annotation (CTM-A-13): a change without one is refused and changes nothing. */
const unannotated = (n: number, op: "create" | "update" | "delete", letter: string) =>
  command<CtmModel>(`${op} token ${letter} without an annotation through session #${n}`, {
    check: (m) =>
      m.context.options.annotation === "on" &&
      creatorOf(m, n) !== undefined &&
      (op === "create" || current(m, ownerKey((creatorOf(m, n) as CtmSession).user, letter)) !== undefined),
    run: async (model, system) => {
      const session = creatorOf(model, n) as CtmSession;
      const key = op === "create" ? ownerKey(session.user, `${letter}plain`) : ownerKey(session.user, letter);
      const action = `${op}-token`;
      const body: Record<string, unknown> =
        op === "delete"
          ? { tokenName: tokenName(key) }
          : { tokenName: tokenName(key), roles: ["User"], ...(op === "update" ? { expirationDate: "${date+5d}" } : {}) };
      await step(
        model,
        system,
        {
          action,
          as: session.slot,
          with: { annotation: "none", ...body },
          covers: ["CTM-A-13"],
          expect: { status: [400, 403], schema: ERRORS },
        },
        session,
      );
      if (op === "create") model.refused.set(key, ["CTM-A-13"]);
    },
  });

/** Calendar days pass (only a mock's clock): every session token's 30 minutes are long over, API tokens reach their dates. */
const days = (n: number) =>
  command<CtmModel>(`let ${n} day(s) pass`, {
    check: (m) => m.context.allows.dateTravel && (m.validityMs ?? 0) < 12 * 3_600_000,
    run: async (model, system) => {
      await step(model, system, { expire: { absolute: `${n * 24}h` } });
      happened(model, ["CTM-S-05", "CTM-A-09"]);
    },
  });

/** The Authentication service's commands, with how often each is drawn. */
export function tokenCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<CtmModel>>][] {
  const n = fc.nat({ max: 5 });
  // "ab" extends "a": a delete or an update that matches names by prefix shows.
  const letter = fc.constantFrom("a", "b", "ab");
  const key = fc.constantFrom("da", "db", "dab", "oa", "ob");
  const pick = fc.nat({ max: 7 });
  // Mostly bodies a server must accept, so tokens exist to read, use, update and delete; sometimes each refusal.
  const roleAt = fc.constantFrom(0, 0, 0, 1, 1, 2, 3, 4, 5);
  const expiryAt = fc.constantFrom(0, 0, 0, 1, 1, 2, 2, 3, 4, 5, 6);
  const shape = fc.constantFrom<UpdateShape>("full", "full", "no-roles", "no-date", "rename");
  return [
    [4, fc.tuple(n, letter, roleAt, expiryAt).map(([i, l, r, e]) => create(i, l, r, e))],
    [3, fc.tuple(n, letter, fc.constantFrom(0, 0, 1, 2), expiryAt, shape).map(([i, l, r, e, s]) => update(i, l, r, e, s))],
    [3, fc.tuple(n, pick).map(([i, k]) => get(i, k))],
    [2, n.map(list)],
    [2, fc.tuple(n, pick).map(([i, k]) => remove(i, k))],
    [3, fc.tuple(pick, fc.constantFrom<"x-api-key" | "bearer">("x-api-key", "x-api-key", "bearer")).map(([k, c]) => useToken(k, c))],
    [
      1,
      fc
        .tuple(fc.constantFrom<"list" | "create" | "get" | "delete">("list", "create", "get", "delete"), key)
        .map(([op, k]) => anonymous(op, k)),
    ],
    [
      1,
      fc
        .tuple(n, fc.constantFrom<"create" | "update" | "delete">("create", "update", "delete"), letter)
        .map(([i, op, l]) => unannotated(i, op, l)),
    ],
    [1, fc.constantFrom(1, 2).map(days)],
  ];
}
