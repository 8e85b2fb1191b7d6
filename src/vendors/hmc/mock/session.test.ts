import { expect, test } from "@playwright/test";
import { parseXml } from "../../../http/xml.ts";
import {
  ansibleLogon,
  CONSOLE_PATH,
  consoleStatus,
  hmcHost,
  LOGON,
  logon,
  openSessions,
  withSession,
} from "../../../../test-support/hmc-mock.ts";
import { ATOM_NS, UOM_NS } from "./wire.ts";

type Node = Record<string, unknown>;

test("X-API-Session authorizes GET ManagementConsole: an Atom feed with one entry, as recorded", async () => {
  const host = hmcHost();
  const token = (await logon(host)).token ?? "";
  const res = await host.app.request(CONSOLE_PATH, withSession(token));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/atom+xml");
  const etag = res.headers.get("etag");
  expect(etag).toMatch(/^-?\d+$/);
  const feed = parseXml(await res.text()).feed as Node;
  expect(feed["@xmlns"]).toBe(ATOM_NS);
  expect(feed.generator).toBe("IBM Power Systems Management Console");
  const entry = feed.entry as Node;
  expect(Array.isArray(entry)).toBe(false);
  expect((entry.link as Node)["@rel"]).toBe("SELF");
  const content = entry.content as Node;
  expect(content["@type"]).toBe("application/vnd.ibm.powervm.uom+xml; type=ManagementConsole");
  const console = content["ManagementConsole:ManagementConsole"] as Node;
  expect(console["@xmlns:ManagementConsole"]).toBe(UOM_NS);
  const atomId = ((console.Metadata as Node).Atom as Node).AtomID;
  expect(atomId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  expect((entry.link as Node)["@href"]).toBe(`http://localhost${CONSOLE_PATH}/${atomId}`);
  // A matching If-None-Match is 304, as pypowervm expects.
  expect((await host.app.request(CONSOLE_PATH, withSession(token, { headers: { "if-none-match": etag ?? "" } }))).status).toBe(304);
});

test("a missing or invalid X-API-Session is 401 with an HttpErrorResponse; 403 with reason codes 4/5 when configured", async () => {
  const host = hmcHost();
  const missing = await host.app.request(CONSOLE_PATH);
  expect(missing.status).toBe(401);
  expect(await missing.text()).toContain('<HTTPStatus kb="ROR" kxe="false">401</HTTPStatus>');
  expect(await consoleStatus(host, "not-a-session")).toBe(401);

  const strict = hmcHost({ options: { badSessionStatus: "403" } });
  const noHeader = await strict.app.request(CONSOLE_PATH);
  expect(noHeader.status).toBe(403);
  expect(await noHeader.text()).toContain('<ReasonCode kb="ROR" kxe="false">4</ReasonCode>');
  const invalid = await strict.app.request(CONSOLE_PATH, withSession("not-a-session"));
  expect(invalid.status).toBe(403);
  expect(await invalid.text()).toContain('<ReasonCode kb="ROR" kxe="false">5</ReasonCode>');
  expect((await strict.app.request(LOGON, { method: "DELETE" })).status).toBe(403);
});

test("DELETE Logon answers 204 and ends the session; 200 when configured", async () => {
  const host = hmcHost();
  const token = (await logon(host)).token ?? "";
  // ansible and hmci send the LogonRequest content type with an empty DELETE.
  const headers = { "content-type": "application/vnd.ibm.powervm.web+xml; type=LogonRequest" };
  const logoff = await host.app.request(LOGON, withSession(token, { method: "DELETE", headers }));
  expect(logoff.status).toBe(204);
  expect(await logoff.text()).toBe("");
  expect(await consoleStatus(host, token)).toBe(401);
  expect((await host.app.request(LOGON, withSession(token, { method: "DELETE" }))).status).toBe(401);
  expect((await host.app.request(LOGON, { method: "DELETE" })).status).toBe(401);
  expect(await openSessions(host)).toBe(0);

  const ok = hmcHost({ options: { logoffStatus: "200" } });
  const other = (await logon(ok)).token ?? "";
  expect((await ok.app.request(LOGON, withSession(other, { method: "DELETE" }))).status).toBe(200);
  expect(await consoleStatus(ok, other)).toBe(401);
});

test("sessions expire after 15 idle minutes by default; use resets the idle clock", async () => {
  const host = hmcHost();
  const token = (await logon(host)).token ?? "";
  host.clock.advance(10 * 60_000);
  expect(await consoleStatus(host, token)).toBe(200);
  host.clock.advance(14 * 60_000 + 59_000);
  expect(await consoleStatus(host, token)).toBe(200);
  host.clock.advance(15 * 60_000);
  expect(await consoleStatus(host, token)).toBe(401);
});

test("the idle timeout is per user: hmcoper's operatorIdleTimeout (5m by default) beats the mock-wide setting", async () => {
  const host = hmcHost({ idleMs: undefined });
  const root = (await logon(host)).token ?? "";
  const oper = (await logon(host, ansibleLogon("hmcoper", "oper&pass-2"))).token ?? "";
  host.clock.advance(4 * 60_000);
  expect(await consoleStatus(host, oper)).toBe(200);
  host.clock.advance(5 * 60_000);
  expect(await consoleStatus(host, oper)).toBe(401);
  host.clock.advance(24 * 3_600_000);
  expect(await consoleStatus(host, root)).toBe(200);
});

test("operatorIdleTimeout takes a duration or whole seconds; 0s means never; anything else fails at start", async () => {
  const host = hmcHost({ options: { operatorIdleTimeout: "90" } });
  const oper = (await logon(host, ansibleLogon("hmcoper", "oper&pass-2"))).token ?? "";
  host.clock.advance(89_000);
  expect(await consoleStatus(host, oper)).toBe(200);
  host.clock.advance(90_000);
  expect(await consoleStatus(host, oper)).toBe(401);
  const never = hmcHost({ idleMs: 60_000, options: { operatorIdleTimeout: "0s" } });
  const kept = (await logon(never, ansibleLogon("hmcoper", "oper&pass-2"))).token ?? "";
  never.clock.advance(30 * 24 * 3_600_000);
  expect(await consoleStatus(never, kept)).toBe(200);
  expect(() => hmcHost({ options: { operatorIdleTimeout: "five minutes" } })).toThrow(/operatorIdleTimeout=five minutes is not a duration/);
});

test("one-idle-timeout: the operator's session follows the mock-wide idle timeout (HMC-09)", async () => {
  const host = hmcHost({ idleMs: 15 * 60_000, defects: ["one-idle-timeout"] });
  const oper = (await logon(host, ansibleLogon("hmcoper", "oper&pass-2"))).token ?? "";
  host.clock.advance(10 * 60_000);
  expect(await consoleStatus(host, oper)).toBe(200);
  host.clock.advance(15 * 60_000);
  expect(await consoleStatus(host, oper)).toBe(401);
});

test("a configured lifetime ends a session however busy it is", async () => {
  const host = hmcHost({ lifetimeMs: 60 * 60_000 });
  const token = (await logon(host)).token ?? "";
  for (let i = 0; i < 5; i++) {
    host.clock.advance(10 * 60_000);
    expect(await consoleStatus(host, token)).toBe(200);
  }
  host.clock.advance(10 * 60_000);
  expect(await consoleStatus(host, token)).toBe(401);
});

test("the control plane sees the sessions, expires them on clock advance, and resets", async () => {
  const host = hmcHost();
  await logon(host);
  await logon(host, ansibleLogon("hmcoper", "oper&pass-2"));
  const listed = (await (await host.app.request("/__sessionprobe/sessions")).json()) as { open: number; sessions: { user: string }[] };
  expect(listed.open).toBe(2);
  expect(listed.sessions.map((s) => s.user).sort()).toEqual(["hmcoper", "hscroot"]);
  const advance = (by: string) =>
    host.app.request("/__sessionprobe/clock/advance", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ by }),
    });
  await advance("6m");
  expect(await openSessions(host)).toBe(1);
  await advance("10m");
  expect(await openSessions(host)).toBe(0);
  await logon(host);
  expect((await host.app.request("/__sessionprobe/reset", { method: "POST" })).status).toBe(200);
  expect(await openSessions(host)).toBe(0);
});

test("unknown resources: 401 without a session, then a 404 HttpErrorResponse; bad option values fail at start", async () => {
  const host = hmcHost();
  expect((await host.app.request("/rest/api/uom/NoSuchThing")).status).toBe(401);
  const token = (await logon(host)).token ?? "";
  const res = await host.app.request("/rest/api/uom/NoSuchThing", withSession(token));
  expect(res.status).toBe(404);
  expect(await res.text()).toContain("<title>HttpErrorResponse</title>");
  expect((await host.app.request("/elsewhere")).status).toBe(404);
  expect(() => hmcHost({ options: { badSessionStatus: "402" } })).toThrow(/badSessionStatus=402 is not one of 401, 403/);
});
