import fc from "fast-check";
import type { Expect, LoginArgs, PlainStep } from "../../../scenario/schema.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import type { ExploreSystem } from "../../system.ts";
import { expose, fateOf, type HmcModel, type HmcSession, maybeLive, sortedIds, type UserKey, usedNow } from "./state.ts";

/**
 * PUT /rest/api/web/Logon (ibm-hmc-logon-logoff.txt, wire notes §2.1): accepted in both
 * forms, each Logon a session of its own; refused for wrong credentials (HMC-04) and for a
 * wrong Content-Type, malformed XML or a DTD (HMC-08), none of which may touch a live session.
 */
export const WEB_NS = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
const LOGON_PATH = "/rest/api/web/Logon";
const LOGON_REQUEST_TYPE = "application/vnd.ibm.powervm.web+xml; type=LogonRequest";
const LOGON_RESPONSE_TYPE = "application/vnd.ibm.powervm.web+xml; type=LogonResponse";
/** A LogonResponse must carry no X-API-Session element when no session was made. */
const NO_SESSION: Expect["text"] = { notContains: "X-API-Session>" };

export const status = (list: readonly number[]): NonNullable<Expect["status"]> => (list.length === 1 ? (list[0] as number) : [...list]);

/** Runs the step and moves the model's clock to the target's; says when it was sent, for what the server may have counted. */
export async function step(model: HmcModel, system: ExploreSystem, s: PlainStep) {
  // The target's clock, not the model's: before the first step the model has not read it yet.
  const sentAt = system.now();
  const result = await system.step(s);
  model.now = system.now();
  return { result, sentAt, seen: result?.exchange.response.status };
}

type SchemaVersion = "V1_1_0" | "V1_0";

/** Ended by its idle timeout or its lifetime, as far as the model knows. */
const timedOut = (model: Readonly<HmcModel>, session: HmcSession) => {
  const { cause } = fateOf(model, session);
  return cause === "idle" || cause === "lifetime";
};

const hasOperator = (context: ExploreContext) => context.target.users.operator !== undefined;

const logon = (user: UserKey, version: SchemaVersion, judged: boolean) =>
  command<HmcModel>(`logon ${user} (${version}${judged ? ", judged" : ""})`, {
    check: (m) => m.opened < 8 && maybeLive(m).length < 6 && (user === "default" || hasOperator(m.context)),
    run: async (model, system) => {
      const slot = `s${++model.opened}`;
      // A session of the user that timed out must take no later session of the user with it when the console notices.
      const inherited = [...model.sessions.values()].some((s) => s.user === user && timedOut(model, s)) ? ["HMC-09"] : [];
      const { sentAt } = await step(model, system, {
        login: user === "default" ? {} : { user: "operator" },
        as: slot,
        with: { schemaVersion: version },
        // Judged through the probe and every carrier: the X-API-Session header alone must authorize (HMC-05).
        covers: judged ? sortedIds(["HMC-01", "HMC-02", "HMC-03", "HMC-05", ...inherited]) : ["HMC-01", "HMC-02", "HMC-03"],
        expect: {
          status: 200,
          headers: { "content-type": { matches: "^application/vnd\\.ibm\\.powervm\\.web\\+xml\\s*;\\s*type=LogonResponse" } },
          body: {
            // The element's namespace however it is bound (a prefix is legal: variant logon-response-prefixed).
            "LogonResponse.#namespace": WEB_NS,
            "LogonResponse.@schemaVersion": { matches: "^V\\d+_\\d+" },
            "LogonResponse.X-API-Session": { nonEmpty: true },
          },
          ...(judged ? { session: "valid" as const } : {}),
        },
        capture: { [`${slot}tok`]: "body.LogonResponse.X-API-Session" },
      });
      // A Logon adds a session: the ones already live must not end by it.
      expose(model, ["HMC-05"]);
      const session: HmcSession = {
        slot,
        user,
        loggedOnFrom: sentAt,
        loggedOnTo: model.now,
        usedFrom: sentAt,
        usedTo: model.now,
        waitedSinceUse: false,
        loggedOff: false,
        seenEnded: false,
        exposedTo: new Set(),
        touchedBy: new Set(),
      };
      model.sessions.set(slot, session);
      usedNow(model, session, sentAt);
      // Judged, it was seen live after the Logon; otherwise its first use is the first sign that nothing took it.
      if (!judged) for (const id of inherited) session.exposedTo.add(id);
    },
  });

/**
 * Whom a wrong password may be sent for: on a mock, either seeded account; on a real
 * target only its disposable account (lockout.account), never the account the run uses.
 */
function wrongPasswordLogin(context: ExploreContext, second: boolean): LoginArgs | undefined {
  if (!context.allows.wrongPasswords) return undefined;
  if (context.target.kind === "mock") {
    if (!second) return { password: "wrong-${random}" };
    return hasOperator(context) ? { user: "operator", password: "wrong-${random}" } : undefined;
  }
  const disposable = context.target.lockout.account;
  return disposable && /^[a-z][a-z0-9-]*$/.test(disposable) ? { user: disposable, password: "wrong-${random}" } : undefined;
}

/** Wrong credentials: 401 and no X-API-Session (HMC-04); no live session may end by it, the refused account's own included. */
const wrongLogon = (kind: "unknown-user" | "wrong-password" | "wrong-password-second", version: SchemaVersion) =>
  command<HmcModel>(`logon with ${kind} (${version})`, {
    check: (m) => kind === "unknown-user" || wrongPasswordLogin(m.context, kind === "wrong-password-second") !== undefined,
    run: async (model, system) => {
      const login =
        kind === "unknown-user"
          ? { username: "no-such-user-${random}", password: "wrong-${random}" }
          : (wrongPasswordLogin(model.context, kind === "wrong-password-second") as LoginArgs);
      await step(model, system, {
        login,
        as: "refused",
        with: { schemaVersion: version },
        // A 401 says the form was read and the credentials checked: a form refused unread (400) breaks HMC-03.
        covers: ["HMC-03", "HMC-04"],
        expect: {
          status: 401,
          text: NO_SESSION,
        },
      });
      expose(model, ["HMC-04"]);
    },
  });

const LOGON_V1_1_0 = [
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
  `<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_1_0">`,
  "    <Metadata><Atom/></Metadata>",
  '    <UserID kb="CUR" kxe="false">${credentials.username}</UserID>',
  '    <Password kb="CUR" kxe="false">${credentials.password}</Password>',
  "</LogonRequest>",
].join("\n");

const NESTED_ENTITIES = [
  '<?xml version="1.0"?>',
  "<!DOCTYPE LogonRequest [",
  '  <!ENTITY lol "lol">',
  '  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">',
  '  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">',
  '  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">',
  "]>",
  `<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_0"><UserID>no-such-user-\${random}</UserID><Password>&lol3;</Password></LogonRequest>`,
].join("\n");

type BadLogon = "content-type" | "malformed" | "dtd";

/**
 * Logons the console must refuse before looking at the credentials (HMC-08, code OPEN):
 * the real account's valid LogonRequest sent as text/plain, the same truncated, and an
 * unknown user's carrying nested entities (parsing it and checking the credentials, 401,
 * is as legal as refusing the DTD; expanding it into the answer is not).
 */
const badLogon = (kind: BadLogon) =>
  command<HmcModel>(`logon with ${kind === "content-type" ? "a wrong content type" : kind === "dtd" ? "a DTD" : "malformed XML"}`, {
    run: async (model, system) => {
      const perCode = (code: string) => [Number(code)];
      const headers: Record<string, string> = {
        "Content-Type": kind === "content-type" ? "text/plain" : LOGON_REQUEST_TYPE,
        Accept: LOGON_RESPONSE_TYPE,
      };
      const body =
        kind === "content-type"
          ? LOGON_V1_1_0
          : kind === "malformed"
            ? `<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_0"><UserID>\${credentials.username}</UserID><Password>\${credentials.password}</Password>`
            : NESTED_ENTITIES;
      const allowed = kind === "content-type" ? model.contentType.allowed(perCode) : kind === "dtd" ? [400, 401, 415] : [400, 415];
      const { seen } = await step(model, system, {
        request: { method: "PUT", path: LOGON_PATH, headers, body },
        title:
          kind === "content-type"
            ? "a valid LogonRequest sent as text/plain"
            : kind === "malformed"
              ? "a truncated LogonRequest (malformed XML)"
              : "an unknown user's LogonRequest with nested entities in its DTD",
        covers: ["HMC-08"],
        expect: {
          status: status(allowed),
          text: kind === "dtd" ? { notContains: "lollollol" } : NO_SESSION,
        },
      });
      if (kind === "content-type" && seen !== undefined) model.contentType.observe(seen, perCode);
      expose(model, ["HMC-08"]);
    },
  });

/** The Logon commands, with how often each is drawn. */
export function logonCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<HmcModel>>][] {
  return [
    [
      4,
      fc
        .tuple(fc.constantFrom<UserKey>("default", "default", "operator"), fc.constantFrom<SchemaVersion>("V1_1_0", "V1_0"), fc.boolean())
        .map(([user, version, judged]) => logon(user, version, judged)),
    ],
    [
      1,
      fc
        .tuple(
          fc.constantFrom<"unknown-user" | "wrong-password" | "wrong-password-second">(
            "unknown-user",
            "wrong-password",
            "wrong-password-second",
          ),
          fc.constantFrom<SchemaVersion>("V1_1_0", "V1_0"),
        )
        .map(([kind, version]) => wrongLogon(kind, version)),
    ],
    [1, fc.constantFrom<BadLogon>("content-type", "malformed", "dtd").map(badLogon)],
  ];
}
