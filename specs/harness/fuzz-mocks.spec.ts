import { spawnSync } from "node:child_process";
import { connect } from "node:net";
import { expect, test } from "@playwright/test";
import { mockProperty, summariseMocks } from "../../fuzz/mock-requests.ts";
import { controlmMock } from "../../src/vendors/controlm/mock/index.ts";
import { CONTROL_PREFIX } from "../../src/mock-kit/control-plane.ts";
import { createMockHost } from "../../src/mock-kit/host.ts";
import { MAX_JOURNAL_ENTRIES, MAX_JOURNAL_PATH } from "../../src/mock-kit/journal.ts";
import { MAX_OPEN_SESSIONS } from "../../src/mock-kit/session-table.ts";
import { SEEDED_API_TOKEN } from "../../src/vendors/controlm/mock/state.ts";
import { openamMock } from "../../src/vendors/openam/mock/index.ts";
import { startMock } from "../../src/mock-kit/server.ts";
import { mocks } from "../../test-support/mocks.ts";

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

test("journal entries keep at most 512 characters of a path, and at most 5,000 entries: 6,000 long-URL requests, then a bounded journal read", async () => {
  const host = createMockHost(controlmMock);
  const long = (i: number) => `/config/servers/${i}-${"x".repeat(16_000)}`;
  // The example: a journal read after 6,000 long-URL requests cost 529–561 MB.
  for (let i = 0; i < 6_000; i++) await host.app.request(long(i));
  const text = await (await host.app.request(`${CONTROL_PREFIX}/journal`)).text();
  const entries = (JSON.parse(text) as { entries: { path: string }[] }).entries;
  expect(entries).toHaveLength(MAX_JOURNAL_ENTRIES);
  expect(Math.max(...entries.map((e) => e.path.length))).toBeLessThanOrEqual(MAX_JOURNAL_PATH + 10);
  // A ring buffer: the oldest 1,000 are gone, the newest kept, oldest first.
  expect(entries[0]?.path).toMatch(/^\/config\/servers\/1000-x+…\(\+15\d\d\d\)$/);
  expect(entries.at(-1)?.path).toMatch(/^\/config\/servers\/5999-x+…\(\+15\d\d\d\)$/);
  expect(text.length).toBeLessThan(MAX_JOURNAL_ENTRIES * 700);
  // The unmodelled requests are kept apart, and bounded too.
  for (let i = 0; i < 300; i++) await host.app.request(`/no/such/${i}/${"y".repeat(10_000)}`);
  const unmodelled = (await (await host.app.request(`${CONTROL_PREFIX}/unmodelled`)).json()) as { entries: { path: string }[] };
  expect(unmodelled.entries).toHaveLength(100);
  expect(Math.max(...unmodelled.entries.map((e) => e.path.length))).toBeLessThanOrEqual(MAX_JOURNAL_PATH + 10);
});

test("the journal keeps no request's URL alive: 6,000 requests with 16 KB query strings or paths retain under 20 MB of heap", () => {
  test.setTimeout(120_000);
  // A path is a slice of the URL, and V8 keeps a slice's parent alive: 5,000 short journal paths once held 80 MB.
  // Measured in a child process with a full collection before and after: a bound, not a timing.
  const script = `
    import { createMockHost } from "./src/mock-kit/host.ts";
    import { controlmMock } from "./src/vendors/controlm/mock/index.ts";
    const long = "q".repeat(16000);
    const out = {};
    for (const shape of ["query", "path"]) {
      const host = createMockHost(controlmMock);
      gc(); const before = process.memoryUsage().heapUsed;
      for (let i = 0; i < 6000; i++) await host.app.request(shape === "query" ? "/config/servers?" + i + "=" + long : "/config/servers/" + i + long);
      gc(); gc();
      out[shape] = { mb: (process.memoryUsage().heapUsed - before) / 1048576, entries: host.journal.entries().length };
    }
    console.log(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    timeout: 110_000,
  });
  expect(run.stderr).toBe("");
  const retained = JSON.parse(run.stdout) as Record<string, { mb: number; entries: number }>;
  for (const shape of ["query", "path"]) {
    expect(retained[shape]?.entries, shape).toBe(MAX_JOURNAL_ENTRIES);
    expect(retained[shape]?.mb, shape).toBeLessThan(20);
  }
});

test("700 Control-M tokens with 900 KB names: each refused 400 ErrorList, the store holds what it held (issue 14: 817 MB)", async () => {
  test.setTimeout(60_000);
  const host = createMockHost(controlmMock);
  const key = { "x-api-key": SEEDED_API_TOKEN.value };
  const answers = new Map<string, number>();
  const huge = { ...json({ tokenName: "n".repeat(900_000), roles: ["User"] }), headers: { ...key, "content-type": "application/json" } };
  for (let i = 0; i < 700; i++) {
    const res = await host.app.request("/authentication/token", huge);
    const answer = `${res.status} ${JSON.stringify(await res.json())}`;
    answers.set(answer, (answers.get(answer) ?? 0) + 1);
  }
  // Playwright's expect is costly in a loop of hundreds: the answers are counted, then checked once.
  expect(Object.fromEntries(answers)).toEqual({
    '400 {"errors":[{"message":"tokenName must be at most 256 characters long","item":"tokenName"}]}': 700,
  });
  // Then as many as a user may hold, with names as long as the mock keeps: the store's size is its bounds' product.
  for (let i = 0; i < 1_100; i++)
    await host.app.request("/authentication/token", {
      ...json({ tokenName: `${i}-${"n".repeat(250)}`, roles: ["User"] }),
      headers: { ...key, "content-type": "application/json" },
    });
  const listed = (await (await host.app.request("/authentication/tokens", { headers: key })).json()) as { tokens: { tokenName: string }[] };
  expect(listed.tokens).toHaveLength(1_000);
  const stored = listed.tokens.reduce((sum, t) => sum + t.tokenName.length, 0);
  expect(stored).toBeLessThanOrEqual(1_000 * 256);
});

test("700 AM updateSessionProperties of 900 KB: each refused with CREST's 400, no session stores more than 4 KB (issue 14: 816 MB)", async () => {
  test.setTimeout(60_000);
  const host = createMockHost(openamMock);
  const amadmin = openamMock.users.default as { username: string; password: string };
  const headers = { "content-type": "application/json", "accept-api-version": "resource=4.0, protocol=1.0" };
  const tokens: string[] = [];
  const answers = new Map<string, number>();
  const value = "v".repeat(900_000);
  for (let i = 0; i < 700; i++) {
    const login = await host.app.request("/am/json/realms/root/authenticate", {
      method: "POST",
      headers: {
        ...headers,
        "accept-api-version": "resource=2.0, protocol=1.0",
        "x-openam-username": amadmin.username,
        "x-openam-password": amadmin.password,
      },
      body: "{}",
    });
    const token = ((await login.json()) as { tokenId: string }).tokenId;
    tokens.push(token);
    const res = await host.app.request("/am/json/realms/root/sessions?_action=updateSessionProperties", {
      method: "POST",
      headers: { ...headers, iPlanetDirectoryPro: token },
      body: JSON.stringify({ tokenId: token, department: value }),
    });
    const answer = `${res.status} ${await res.text()}`;
    answers.set(answer, (answers.get(answer) ?? 0) + 1);
  }
  expect(Object.fromEntries(answers)).toEqual({
    '400 {"code":400,"reason":"Bad Request","message":"Session property \\"department\\" is longer than 4096 characters"}': 700,
  });
  let stored = 0;
  for (const token of tokens) {
    const res = await host.app.request("/am/json/realms/root/sessions?_action=getSessionProperties", {
      method: "POST",
      headers: { ...headers, iPlanetDirectoryPro: token },
      body: JSON.stringify({ tokenId: token }),
    });
    stored += (await res.text()).length;
  }
  expect(stored).toBeLessThan(700 * 200);
});

test("past MAX_OPEN_SESSIONS unclosed logins a mock keeps that many, evicting the least recently used, and still logs in", async () => {
  test.setTimeout(60_000);
  const host = createMockHost(controlmMock);
  let first = "";
  const statuses = new Set<number>();
  for (let i = 0; i < MAX_OPEN_SESSIONS + 500; i++) {
    const res = await host.app.request("/session/login", login());
    statuses.add(res.status);
    if (i === 0) first = ((await res.json()) as { token: string }).token;
  }
  expect([...statuses]).toEqual([200]);
  const open = (await (await host.app.request(`${CONTROL_PREFIX}/sessions`)).json()) as { open: number };
  expect(open.open).toBe(MAX_OPEN_SESSIONS);
  expect((await host.app.request("/config/servers", { headers: { authorization: `Bearer ${first}` } })).status).toBe(401);
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
