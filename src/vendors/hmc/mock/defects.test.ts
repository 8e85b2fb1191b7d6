import { expect, test } from "@playwright/test";
import { parseXml } from "../../../http/xml.ts";
import { hmcMock } from "./index.ts";
import {
  ansibleLogon,
  CONSOLE_PATH,
  consoleStatus,
  consoleStatusByCookie,
  documentedLogon,
  type Host,
  hmcHost,
  LOGON,
  logoff,
  logon,
  openSessions,
  sessionOf,
  withSession,
} from "../../../../test-support/hmc-mock.ts";
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

/** Each session's ManagementConsole status, in the order given. */
async function statuses(host: Host, tokens: readonly string[]): Promise<number[]> {
  const out: number[] = [];
  for (const token of tokens) out.push(await consoleStatus(host, token));
  return out;
}

test("logon-ends-previous-sessions: a second Logon of the user ends the first; the other user's stays (HMC-05)", async () => {
  for (const [defects, expected] of [
    [[], [200, 200, 200]],
    [["logon-ends-previous-sessions"], [401, 200, 200]],
  ] as const) {
    const host = hmcHost({ defects: [...defects] });
    const first = await sessionOf(host, "root");
    const other = await sessionOf(host, "operator");
    const second = await sessionOf(host, "root");
    expect(await statuses(host, [first, second, other]), defects.join() || "clean").toEqual(expected);
  }
});

test("logon-reuses-live-session: a second Logon answers the live X-API-Session, so logging off one ends both (HMC-01)", async () => {
  const clean = hmcHost();
  const [a, b] = [await sessionOf(clean, "root"), await sessionOf(clean, "root")];
  expect(a).not.toBe(b);
  expect(await openSessions(clean)).toBe(2);
  const host = hmcHost({ defects: ["logon-reuses-live-session"] });
  const first = await sessionOf(host, "root");
  const second = await sessionOf(host, "root");
  expect(second).toBe(first);
  expect(await openSessions(host)).toBe(1);
  // Another user still gets a session of its own.
  expect(await sessionOf(host, "operator")).not.toBe(first);
});

test("refused-logon-ends-sessions: a wrong password ends the user's live sessions, not another user's (HMC-04)", async () => {
  for (const [defects, expected] of [
    [[], [200, 200]],
    [["refused-logon-ends-sessions"], [401, 200]],
  ] as const) {
    const host = hmcHost({ defects: [...defects] });
    const root = await sessionOf(host, "root");
    const oper = await sessionOf(host, "operator");
    expect((await logon(host, documentedLogon("hscroot", "wrong"))).res.status).toBe(401);
    // An unknown user's refusal has no sessions to end.
    expect((await logon(host, documentedLogon("nobody", "wrong"))).res.status).toBe(401);
    expect(await statuses(host, [root, oper]), defects.join() || "clean").toEqual(expected);
  }
});

test("x-api-session-prefix-lookup: an empty X-API-Session authorizes while any session is live (HMC-06)", async () => {
  const empty = (host: Host) => host.app.request(CONSOLE_PATH, withSession(""));
  const clean = hmcHost();
  const token = await sessionOf(clean, "root");
  expect((await empty(clean)).status).toBe(401);
  expect(await consoleStatus(clean, token.slice(0, 20))).toBe(401);
  const host = hmcHost({ defects: ["x-api-session-prefix-lookup"] });
  expect((await empty(host)).status).toBe(401);
  const live = await sessionOf(host, "operator");
  expect((await empty(host)).status).toBe(200);
  expect(await consoleStatus(host, live.slice(0, 20))).toBe(200);
  expect(await consoleStatus(host, live)).toBe(200);
  expect(await consoleStatus(host, `not-${live}`)).toBe(401);
});

test("logoff-ends-oldest-session: DELETE ends the user's oldest session, not the presented one (HMC-07)", async () => {
  for (const [defects, expected] of [
    [[], [200, 200, 401]],
    [["logoff-ends-oldest-session"], [200, 401, 200]],
  ] as const) {
    const host = hmcHost({ defects: [...defects] });
    const other = await sessionOf(host, "operator");
    const oldest = await sessionOf(host, "root");
    const presented = await sessionOf(host, "root");
    expect(await logoff(host, presented)).toBe(204);
    expect(await statuses(host, [other, oldest, presented]), defects.join() || "clean").toEqual(expected);
  }
});

test("logoff-ends-all-user-sessions: DELETE ends every session of the user, not another user's (HMC-07)", async () => {
  for (const [defects, expected] of [
    [[], [200, 200, 401, 200]],
    [["logoff-ends-all-user-sessions"], [200, 401, 401, 401]],
  ] as const) {
    const host = hmcHost({ defects: [...defects] });
    const other = await sessionOf(host, "operator");
    const older = await sessionOf(host, "root");
    const presented = await sessionOf(host, "root");
    const newer = await sessionOf(host, "root");
    expect(await logoff(host, presented)).toBe(204);
    expect(await statuses(host, [other, older, presented, newer]), defects.join() || "clean").toEqual(expected);
  }
});

test("logoff-ends-previous-logon: DELETE also ends the session logged on just before, whoever its user (HMC-07)", async () => {
  for (const [defects, expected] of [
    [[], [200, 200, 401, 200]],
    [["logoff-ends-previous-logon"], [200, 401, 401, 200]],
  ] as const) {
    const host = hmcHost({ defects: [...defects] });
    const first = await sessionOf(host, "root");
    const previous = await sessionOf(host, "operator");
    const presented = await sessionOf(host, "root");
    const after = await sessionOf(host, "root");
    expect(await logoff(host, presented)).toBe(204);
    expect(await statuses(host, [first, previous, presented, after]), defects.join() || "clean").toEqual(expected);
  }
});

test("logoff-keeps-servlet-session: with logonCookies=authorize the JSESSIONID outlives the logoff (HMC-07)", async () => {
  for (const [defects, afterLogoff] of [
    [[], 401],
    [["logoff-keeps-servlet-session"], 200],
  ] as const) {
    const host = hmcHost({ options: { logonCookies: "authorize" }, defects: [...defects] });
    const { res, token } = await logon(host);
    const jsessionId = (res.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
    expect(await consoleStatusByCookie(host, jsessionId)).toBe(200);
    expect(await logoff(host, token ?? "")).toBe(204);
    expect(await consoleStatus(host, token ?? "")).toBe(401);
    expect(await consoleStatusByCookie(host, jsessionId), defects.join() || "clean").toBe(afterLogoff);
  }
  // Where the cookies authorize nothing (the default), the defect has nothing to keep.
  const plain = hmcHost({ defects: ["logoff-keeps-servlet-session"] });
  const { res, token } = await logon(plain);
  const jsessionId = (res.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  await logoff(plain, token ?? "");
  expect(await consoleStatusByCookie(plain, jsessionId)).toBe(401);
});

test("idle-clock-per-user: use of one session keeps the user's idle sessions alive, not another user's (HMC-09)", async () => {
  for (const [defects, expected] of [
    [[], [401, 200]],
    [["idle-clock-per-user"], [200, 200]],
  ] as const) {
    const host = hmcHost({ idleMs: 15 * 60_000, options: { operatorIdleTimeout: "15m" }, defects: [...defects] });
    const idle = await sessionOf(host, "root");
    const busy = await sessionOf(host, "root");
    const oper = await sessionOf(host, "operator");
    host.clock.advance(10 * 60_000);
    expect(await consoleStatus(host, busy)).toBe(200);
    host.clock.advance(10 * 60_000);
    expect(await statuses(host, [idle, busy]), defects.join() || "clean").toEqual(expected);
    // The operator's clock is its own either way: idle for 20 minutes, it is gone.
    expect(await consoleStatus(host, oper)).toBe(401);
  }
});

test("idle-expiry-ends-user-sessions: one session idling out ends its user's others, however recently used (HMC-09)", async () => {
  for (const [defects, expected] of [
    [[], [200, 401, 200]],
    [["idle-expiry-ends-user-sessions"], [401, 401, 200]],
  ] as const) {
    const host = hmcHost({ idleMs: 15 * 60_000, options: { operatorIdleTimeout: "15m" }, defects: [...defects] });
    const idle = await sessionOf(host, "root");
    const busy = await sessionOf(host, "root");
    const oper = await sessionOf(host, "operator");
    host.clock.advance(10 * 60_000);
    expect(await statuses(host, [busy, oper])).toEqual([200, 200]);
    host.clock.advance(10 * 60_000);
    // The busy session is asked first: the idle one's expiry must reach it all the same.
    expect(await statuses(host, [busy, idle, oper]), defects.join() || "clean").toEqual(expected);
  }
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
