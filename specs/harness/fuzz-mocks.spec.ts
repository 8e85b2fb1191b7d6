import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { mockProperty, summariseMocks } from "../../fuzz/mock-requests.ts";
import { controlmMock } from "../../src/mocks/controlm/index.ts";
import { CONTROL_PREFIX } from "../../src/mocks/core/control-plane.ts";
import { createMockHost } from "../../src/mocks/core/host.ts";
import { MAX_JOURNAL_PATH } from "../../src/mocks/core/journal.ts";
import { startMock } from "../../src/mocks/core/server.ts";
import { mocks } from "../../src/mocks/registry.ts";

/** The mocks' control plane and host limits: no request may break a mock or grow it without bound (issue 14). */
const json = (body: unknown) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
const login = () => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ username: controlmMock.users.default?.username, password: controlmMock.users.default?.password }),
});

test("a clock advance out of range answers 400 and leaves the mock working", async () => {
  const host = createMockHost(controlmMock);
  for (const body of [
    { ms: 1e300 },
    { ms: Number.MAX_VALUE },
    { ms: -1 },
    { by: "99999999999999999999999d" },
    { ms: 11 * 365.25 * 86_400_000 },
    "ms",
    null,
  ]) {
    const res = await host.app.request(`${CONTROL_PREFIX}/clock/advance`, json(body));
    expect(res.status, JSON.stringify(body)).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/send \{"ms": <milliseconds from 0 to/);
  }
  expect((await host.app.request("/session/login", login())).status).toBe(200);
  const clock = (await (await host.app.request(`${CONTROL_PREFIX}/clock`)).json()) as { now: number; iso: string };
  expect(clock.iso).toBe("2026-01-15T09:00:00.000Z");
  // Ten years in one step is the most, and still a valid date.
  expect((await host.app.request(`${CONTROL_PREFIX}/clock/advance`, json({ by: "3650d" }))).status).toBe(200);
  expect((await host.app.request("/session/login", login())).status).toBe(200);
});

test("defects are switched by name only; a hang asks for whole milliseconds within its bound", async () => {
  const host = createMockHost(controlmMock);
  for (const body of [{ defects: [{ toString: 1 }] }, { defects: [1] }, { defects: "all" }, { defects: [null] }, {}]) {
    const res = await host.app.request(`${CONTROL_PREFIX}/defects`, { ...json(body), method: "PUT" });
    expect(res.status, JSON.stringify(body)).toBe(400);
  }
  const name = controlmMock.defects[0]?.name as string;
  const ok = await host.app.request(`${CONTROL_PREFIX}/defects`, { ...json({ defects: [name, name] }), method: "PUT" });
  expect(await ok.json()).toEqual({ active: [name] });
  for (const ms of ["-1", "abc", "1e300", "120001", "NaN", ""])
    expect((await host.app.request(`${CONTROL_PREFIX}/hang?ms=${ms}`)).status, ms).toBe(400);
  expect(await (await host.app.request(`${CONTROL_PREFIX}/hang?ms=1`)).json()).toEqual({ hungFor: 1 });
});

test("journal entries keep at most 512 characters of a path: long URLs cannot grow a journal read", async () => {
  const host = createMockHost(controlmMock);
  const long = `/config/servers/${"x".repeat(16_000)}`;
  for (let i = 0; i < 300; i++) await host.app.request(long);
  const text = await (await host.app.request(`${CONTROL_PREFIX}/journal`)).text();
  const entries = (JSON.parse(text) as { entries: { path: string }[] }).entries;
  expect(entries).toHaveLength(300);
  for (const entry of entries) expect(entry.path.length).toBeLessThanOrEqual(MAX_JOURNAL_PATH + 10);
  expect(entries[0]?.path).toMatch(/^\/config\/servers\/x+…\(\+15504\)$/);
  expect(text.length).toBeLessThan(300 * 700);
});

test("malformed HTTP on a real socket (127.0.0.1) leaves the mock answering", async () => {
  const mock = await startMock(controlmMock);
  const { port } = new URL(mock.baseUrl);
  const raw = (text: string | Buffer) =>
    new Promise<string>((resolve) => {
      const socket = connect(Number(port), "127.0.0.1");
      let got = "";
      socket.on("data", (d) => {
        got += d.toString("latin1");
      });
      socket.on("error", () => resolve(got));
      socket.on("close", () => resolve(got));
      socket.setTimeout(2_000, () => socket.destroy());
      socket.end(text);
    });
  const answers = await Promise.all([
    raw("POST /session/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n{}"),
    raw("POST /session/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nnot chunked\r\n"),
    raw(`GET /config/servers HTTP/1.1\r\nHost: x\r\nX-Long: ${"a".repeat(70_000)}\r\n\r\n`),
    raw(Buffer.concat([Buffer.from("GET /config/"), Buffer.from([0xff, 0xfe, 0x00]), Buffer.from(" HTTP/1.1\r\nHost: x\r\n\r\n")])),
    raw("POST /session/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}"),
    raw("GARBAGE\r\n\r\n"),
  ]);
  for (const answer of answers) expect(answer).not.toMatch(/^HTTP\/1\.1 5\d\d/);
  const unclosed = await Promise.all(
    Array.from(
      { length: 200 },
      () =>
        new Promise<import("node:net").Socket>((resolve) => {
          const s = connect(Number(port), "127.0.0.1", () => resolve(s));
          s.write("POST /session/login HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
        }),
    ),
  );
  const res = await fetch(`${mock.baseUrl}/session/login`, login());
  expect(res.status).toBe(200);
  for (const s of unclosed) s.destroy();
  await mock.close();
});

test("property: arbitrary requests to every route and the control plane of every mock: no 5xx the vendor does not document, no hang, healthy afterwards", async () => {
  test.setTimeout(90_000);
  const result = await mockProperty({ seed: 1414, runs: 150, vendors: Object.values(mocks) });
  test.info().annotations.push({ type: "fuzz", description: summariseMocks(result) });
  expect(result.serverErrors).toEqual([]);
  expect(result.hangs).toEqual([]);
  expect(result.unhealthy).toEqual([]);
  expect(result.tried).toBe(600);
  expect(result.journalBytes).toBeLessThan(5_000 * 800);
});
