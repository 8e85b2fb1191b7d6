import { expect, test } from "@playwright/test";
import { parseXml } from "../../http/xml.ts";
import { hmcMock } from "./index.ts";
import {
  ansibleLogon,
  CONSOLE_PATH,
  consoleStatus,
  documentedLogon,
  hmcHost,
  LOGON,
  logon,
  openSessions,
  withSession,
} from "../../../test-support/hmc-mock.ts";
import { WEB_NS } from "./wire.ts";

test("every defect names a catalogued HMC behaviour", () => {
  for (const defect of hmcMock.defects) {
    expect(defect.breaks.length, defect.name).toBeGreaterThan(0);
    for (const id of defect.breaks) expect(id).toMatch(/^HMC-0[1-9]$/);
  }
});

test("any-password-accepted: a wrong password logs on (HMC-04); an unknown user still does not", async () => {
  const body = documentedLogon("hscroot", "wrong");
  expect((await logon(hmcHost(), body)).res.status).toBe(401);
  const host = hmcHost({ defects: ["any-password-accepted"] });
  expect((await logon(host, body)).res.status).toBe(200);
  expect((await logon(host, documentedLogon("nobody", "x"))).res.status).toBe(401);
});

test("logoff-keeps-session: DELETE answers 204 but the session still works (HMC-07)", async () => {
  const host = hmcHost({ defects: ["logoff-keeps-session"] });
  const token = (await logon(host)).token ?? "";
  expect((await host.app.request(LOGON, withSession(token, { method: "DELETE" }))).status).toBe(204);
  expect(await consoleStatus(host, token)).toBe(200);
});

test("sessions-never-expire: neither the idle timeout nor a lifetime ends a session (HMC-09)", async () => {
  const host = hmcHost({ lifetimeMs: 60 * 60_000, defects: ["sessions-never-expire"] });
  const root = (await logon(host)).token ?? "";
  const oper = (await logon(host, ansibleLogon("hmcoper", "oper&pass-2"))).token ?? "";
  host.clock.advance(7 * 24 * 3_600_000);
  expect(await consoleStatus(host, root)).toBe(200);
  expect(await consoleStatus(host, oper)).toBe(200);
});

test("wrong-content-type-accepted: a text/plain Logon creates a session (HMC-08)", async () => {
  const body = documentedLogon("hscroot", "hmc-pass-1");
  expect((await logon(hmcHost(), body, "text/plain")).res.status).toBe(400);
  const host = hmcHost({ defects: ["wrong-content-type-accepted"] });
  expect((await logon(host, body, "text/plain")).res.status).toBe(200);
  expect(await openSessions(host)).toBe(1);
  // Malformed XML is still refused: the defect is about the content type only.
  expect((await logon(host, "<LogonRequest>", "text/plain")).res.status).toBe(400);
});

test("wrong-namespace-response: the LogonResponse is not in the web namespace (HMC-01)", async () => {
  const { res, text } = await logon(hmcHost({ defects: ["wrong-namespace-response"] }));
  expect(res.status).toBe(200);
  const root = parseXml(text).LogonResponse as Record<string, unknown>;
  expect(root["@xmlns"]).not.toBe(WEB_NS);
  expect(root["@xmlns"]).toMatch(/^http:\/\/www\.ibm\.com\/xmlns\/systems\/power\/firmware\/web\/mc\//);
});

test("wrong-response-content-type: the LogonResponse is application/xml (HMC-02)", async () => {
  const { res } = await logon(hmcHost({ defects: ["wrong-response-content-type"] }));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/xml");
});

test("schema-v1_0-refused: what clients send is refused, the documented form still works (HMC-03)", async () => {
  const host = hmcHost({ defects: ["schema-v1_0-refused"] });
  expect((await logon(host, ansibleLogon("hscroot", "hmc-pass-1"))).res.status).toBe(400);
  expect((await logon(host)).res.status).toBe(200);
});

test("session-not-checked: a request with no X-API-Session is served (HMC-06)", async () => {
  const host = hmcHost({ defects: ["session-not-checked"] });
  expect((await host.app.request(CONSOLE_PATH)).status).toBe(200);
  expect(await consoleStatus(host, "made-up")).toBe(200);
});

test("defects switched through the control plane apply to the next request", async () => {
  const host = hmcHost();
  await logon(host);
  const switchTo = (defects: string[]) =>
    host.app.request("/__sessionprobe/defects", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ defects }),
    });
  expect((await switchTo(["sessions-never-expire"])).status).toBe(200);
  host.clock.advance(60 * 60_000);
  // Counted without touching, so switching the defect off shows the session was idle all along.
  expect(await openSessions(host)).toBe(1);
  await switchTo([]);
  expect(await openSessions(host)).toBe(0);
});
