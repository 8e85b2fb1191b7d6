import { expect, test } from "@playwright/test";
import { parseXml } from "../../../http/xml.ts";
import { openIdsToldApart, specificityMatrix } from "../../../matrices/specificity.ts";
import { findSuiteFiles } from "../../../scenario/discover.ts";
import { loadSuitesOrThrow } from "../../../scenario/load.ts";
import { hmcMock } from "./index.ts";
import { hmcOptionHelp } from "./options.ts";
import {
  ansibleLogon,
  CONSOLE_PATH,
  documentedLogon,
  hmcHost,
  LOGON,
  logon,
  openSessions,
  put,
  withSession,
} from "../../../../test-support/hmc-mock.ts";
import "../../../../test-support/drivers.ts";

type Node = Record<string, unknown>;

test("every variant names wire-note evidence and only options the mock knows, with values it accepts", () => {
  const names = new Set<string>();
  for (const variant of hmcMock.variants) {
    expect(variant.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(names.has(variant.name), variant.name).toBe(false);
    names.add(variant.name);
    expect(variant.evidence, variant.name).toMatch(/(wire-notes-controlm-hmc\.md|ibm-hmc-logon-logoff\.txt) (§[23](\.\d)?|, Example)/);
    for (const option of Object.keys(variant.options ?? {})) expect(Object.keys(hmcOptionHelp), variant.name).toContain(option);
    expect(() => hmcHost({ options: { ...variant.options } }), variant.name).not.toThrow();
  }
});

test("logonResponseVersion, logonResponseMetadata and logonResponsePrefix shape the LogonResponse; the token reads the same", async () => {
  // The variant says V1_1_0 even to a V1_0 request, as pypowervm's recorded logon.xml does.
  const fixed = await logon(hmcHost({ options: { logonResponseVersion: "V1_1_0" } }), ansibleLogon("hscroot", "hmc-pass-1"));
  const root = parseXml(fixed.text).LogonResponse as Node;
  expect(root["@schemaVersion"]).toBe("V1_1_0");
  expect(root["@xmlns:ns2"]).toBeUndefined();
  expect(root.Metadata).toEqual({ Atom: "" });
  const prefixed = await logon(hmcHost({ options: { logonResponsePrefix: "web" } }));
  const web = parseXml(prefixed.text)["web:LogonResponse"] as Node;
  expect(web["@xmlns:web"]).toBe("http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/");
  expect(web["@xmlns"]).toBeUndefined();
  expect(web["web:Metadata"]).toEqual({ "web:Atom": "" });
  expect((web["web:X-API-Session"] as Node)["#text"]).toMatch(/^[A-Za-z0-9_-]{199}=$/);
  const bare = await logon(hmcHost({ options: { logonResponseMetadata: "absent" } }));
  expect((parseXml(bare.text).LogonResponse as Node).Metadata).toBeUndefined();
  expect(bare.token).toMatch(/^[A-Za-z0-9_-]{199}=$/);
});

test("logonFailureBody, badRequestBody and badSessionBody=empty answer the same status with no body", async () => {
  const host = hmcHost({ options: { logonFailureBody: "empty", badRequestBody: "empty", badSessionBody: "empty" } });
  const refused = await logon(host, documentedLogon("hscroot", "wrong"));
  expect([refused.res.status, refused.text, refused.res.headers.get("content-type")]).toEqual([401, "", null]);
  const plain = await logon(host, documentedLogon("hscroot", "hmc-pass-1"), "text/plain");
  expect([plain.res.status, plain.text]).toEqual([400, ""]);
  const malformed = await logon(host, "<LogonRequest>");
  expect([malformed.res.status, malformed.text]).toEqual([400, ""]);
  const noSession = await host.app.request(CONSOLE_PATH);
  expect([noSession.status, await noSession.text()]).toEqual([401, ""]);
  expect(await openSessions(host)).toBe(0);
});

test("doctype=parsed reads a DTD-bearing LogonRequest without expanding any entity: a declared entity never matches a credential", async () => {
  const withEntity = (user: string, value: string) =>
    `<?xml version="1.0"?>\n<!DOCTYPE LogonRequest [ <!ENTITY pw "${value}"> ]>\n<LogonRequest xmlns="http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/" schemaVersion="V1_0"><UserID>${user}</UserID><Password>&pw;</Password></LogonRequest>`;
  expect((await logon(hmcHost(), withEntity("nobody", "x"))).res.status).toBe(400);
  const host = hmcHost({ options: { doctype: "parsed" } });
  expect((await logon(host, withEntity("nobody", "x"))).res.status).toBe(401);
  // Even the right password, given only through the entity, does not log on: nothing is expanded.
  expect((await logon(host, withEntity("hscroot", "hmc-pass-1"))).res.status).toBe(401);
  // An entity the DTD does not declare is still not well-formed.
  const undeclared = withEntity("nobody", "x").replace("&pw;", "&other;");
  expect((await logon(host, undeclared)).res.status).toBe(400);
  expect(await openSessions(host)).toBe(0);
});

test("cookieSet, responseHeaders and mcType follow the 2014 capture and NovaLink", async () => {
  const { res } = await logon(hmcHost({ options: { cookieSet: "2014", responseHeaders: "2014", mcType: "PVM" } }));
  const cookies = res.headers.getSetCookie();
  expect(cookies[0]).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/; Secure; HttpOnly$/);
  expect(cookies[1]).toMatch(/^CCFWSESSION=[0-9A-F]{32}; Path=\/; Secure; HttpOnly$/);
  expect(res.headers.get("x-powered-by")).toBe("Servlet/3.0");
  expect(res.headers.get("expires")).toBe("Thu, 01 Dec 1994 16:00:00 GMT");
  expect(res.headers.get("strict-transport-security")).toBeNull();
  expect(res.headers.get("x-mc-type")).toBe("PVM");
  expect((await logon(hmcHost())).res.headers.get("x-mc-type")).toBeNull();
});

test("session-cookie-only (HMC-05): the JSESSIONID cookie authorizes, the X-API-Session header alone does not", async () => {
  const host = hmcHost({ defects: ["session-cookie-only"] });
  const { res, token } = await logon(host);
  const cookie = (res.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  expect((await host.app.request(CONSOLE_PATH, withSession(token ?? ""))).status).toBe(401);
  expect((await host.app.request(CONSOLE_PATH, { headers: { cookie } })).status).toBe(200);
});

test("logonCookies=authorize: the JSESSIONID alone authorizes while its session lives, never beside a bad X-API-Session", async () => {
  const cookieOf = (res: Response) => (res.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const byDefault = hmcHost();
  const ignored = await logon(byDefault);
  expect((await byDefault.app.request(CONSOLE_PATH, { headers: { cookie: cookieOf(ignored.res) } })).status).toBe(401);

  const host = hmcHost({ idleMs: 60_000, options: { logonCookies: "authorize" } });
  const viaCookie = (cookie: string, init: RequestInit = {}) =>
    host.app.request(CONSOLE_PATH, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } });
  const loggedOff = await logon(host);
  const idle = await logon(host);
  expect((await viaCookie(cookieOf(loggedOff.res))).status).toBe(200);
  // A header that names no session is refused, whatever cookie travels with it.
  expect((await viaCookie(cookieOf(loggedOff.res), withSession("not-a-session"))).status).toBe(401);
  await host.app.request(LOGON, withSession(loggedOff.token ?? "", { method: "DELETE" }));
  expect((await viaCookie(cookieOf(loggedOff.res))).status).toBe(401);
  host.clock.advance(60_000);
  expect((await viaCookie(cookieOf(idle.res))).status).toBe(401);
  expect(await openSessions(host)).toBe(0);
});

test("every credential the Logon mints is recorded where it is minted: X-API-Session and both cookie values", async () => {
  const host = hmcHost({ recordIssued: true });
  const { res, token } = await logon(host, ansibleLogon("hmcoper", "oper&pass-2"));
  const cookieValues = res.headers.getSetCookie().map((c) => (c.split(";")[0] ?? "").split("=")[1]);
  expect(host.issued.list().sort()).toEqual([token, ...cookieValues].sort());
  await logon(host, documentedLogon("hscroot", "wrong"));
  expect(host.issued.list()).toHaveLength(3);
});

test("requests no route models are marked unmodelled; documented routes are not", async () => {
  const host = hmcHost();
  const { token } = await logon(host);
  await host.app.request("/rest/api/uom/NoSuchThing", withSession(token ?? ""));
  await host.app.request("/elsewhere");
  await host.app.request(LOGON, withSession(token ?? "", { method: "POST" }));
  await host.app.request(LOGON, put(documentedLogon("hscroot", "wrong")));
  await host.app.request(CONSOLE_PATH);
  const res = await host.app.request("/__sessionprobe/unmodelled");
  const paths = ((await res.json()) as { entries: { method: string; path: string }[] }).entries.map((e) => `${e.method} ${e.path}`);
  expect(paths).toEqual(["GET /rest/api/uom/NoSuchThing", "GET /elsewhere", "POST /rest/api/web/Logon"]);
});

test("each OPEN HMC id is told apart by an observation that differs between its pair of legal variants", async () => {
  test.setTimeout(60_000);
  const suites = loadSuitesOrThrow(findSuiteFiles().filter((file) => file.includes("/hmc/")));
  const pairs = {
    "HMC-06": { variants: ["bad-session-401", "bad-session-403"], label: "status with no X-API-Session" },
    "HMC-07": { variants: ["logoff-204", "logoff-200"], label: "status of DELETE Logon" },
    "HMC-08": { variants: ["content-type-400", "content-type-415"], label: "status for Content-Type text plain" },
  };
  const names = Object.values(pairs).flatMap((p) => p.variants);
  const results = await specificityMatrix(
    hmcMock,
    suites,
    hmcMock.variants.filter((v) => names.includes(v.name)),
  );
  expect(results.flatMap((r) => r.falseFailures.map((f) => `${r.variant.name}: ${f.scenario}`))).toEqual([]);
  expect(
    openIdsToldApart("hmc", results)
      .filter((o) => !o.label)
      .map((o) => o.id),
  ).toEqual([]);
  // Other observations (a carrier's refusal status) may differ first; the pair's own OPEN code must differ too.
  for (const [id, { variants, label }] of Object.entries(pairs)) {
    const seen = variants.map((name) => {
      const verdicts = results.find((r) => r.variant.name === name)?.verdicts ?? [];
      return verdicts
        .filter((v) => v.covers.includes(id))
        .map((v) => v.observations[label])
        .find((value) => value !== undefined);
    });
    expect(
      seen.every((value) => value !== undefined),
      `${id}: "${label}" observed under ${variants.join(" and ")}`,
    ).toBe(true);
    expect(new Set(seen).size, `${id}: "${label}" differs between ${variants.join(" and ")}`).toBe(2);
  }
});
