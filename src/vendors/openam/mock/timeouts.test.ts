import { expect, test } from "@playwright/test";
import { action, login, minutes, newHost } from "../../../../test-support/openam-mock.ts";

test("a session ends after 30 minutes idle; validate and getSessionInfo do not count as use", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  host.clock.advance(minutes(20));
  expect((await action(host, "getSessionInfo", { caller: token, body: { tokenId: token } })).res.status).toBe(200);
  host.clock.advance(minutes(10) - 1_000);
  expect((await action(host, "validate", { body: { tokenId: token } })).body.valid).toBe(true);
  host.clock.advance(1_000);
  expect((await action(host, "validate", { body: { tokenId: token } })).body).toEqual({ valid: false });
  const after = await action(host, "getSessionInfo", { caller: token, body: { tokenId: token } });
  expect(after.res.status).toBe(401);
});

test("calling AM with the session (getSessionProperties) is use: the idle timer starts again", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  host.clock.advance(minutes(20));
  expect((await action(host, "getSessionProperties", { caller: token, body: { tokenId: token } })).res.status).toBe(200);
  host.clock.advance(minutes(25));
  expect((await action(host, "validate", { body: { tokenId: token } })).body.valid).toBe(true);
});

test("the maximum session time ends a session at 120 minutes though it is reset every 10 minutes", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  for (let at = 10; at <= 110; at += 10) {
    host.clock.advance(minutes(10));
    const { res, body } = await action(host, "getSessionInfoAndResetIdleTime", { caller: token, body: { tokenId: token } });
    expect(res.status, `at ${at} min`).toBe(200);
    expect(body.maxSessionExpirationTime).toBe("2026-01-15T11:00:00Z");
  }
  host.clock.advance(minutes(10) - 1_000);
  expect((await action(host, "validate", { body: { tokenId: token } })).body.valid).toBe(true);
  host.clock.advance(1_000);
  expect((await action(host, "validate", { body: { tokenId: token } })).body).toEqual({ valid: false });
  expect((await action(host, "getSessionInfoAndResetIdleTime", { caller: token, body: { tokenId: token } })).res.status).toBe(401);
});

test("refresh: 30 s after the last access it changes nothing; 90 s after it resets idle time", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  host.clock.advance(30_000);
  const early = await action(host, "refresh", { caller: token, body: { tokenId: token } });
  expect(early.res.status).toBe(200);
  expect(early.body).toMatchObject({ latestAccessTime: "2026-01-15T09:00:00Z", maxIdleExpirationTime: "2026-01-15T09:30:00Z" });
  host.clock.advance(60_000);
  const late = await action(host, "refresh", { caller: token, body: { tokenId: token } });
  expect(late.body).toMatchObject({ latestAccessTime: "2026-01-15T09:01:30Z", maxIdleExpirationTime: "2026-01-15T09:31:30Z" });
  expect(late.body.username).toBe("demo");
});

test("latestAccessUpdateFrequency moves the refresh throttle", async () => {
  const host = newHost({ options: { latestAccessUpdateFrequency: "2m" } });
  const { token } = await login(host, "demo");
  host.clock.advance(90_000);
  const { body } = await action(host, "refresh", { caller: token, body: { tokenId: token } });
  expect(body.maxIdleExpirationTime).toBe("2026-01-15T09:30:00Z");
});

test("the control plane counts the sessions and its clock expires them", async () => {
  const host = newHost();
  await login(host);
  await login(host, "alpha");
  const listed = (await (await host.app.request("/__sessionprobe/sessions")).json()) as { open: number; sessions: { user: string }[] };
  expect(listed.open).toBe(2);
  expect(listed.sessions.map((s) => s.user).sort()).toEqual(["alice", "amadmin"]);
  await host.app.request("/__sessionprobe/clock/advance", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ by: "30m" }),
  });
  expect(((await (await host.app.request("/__sessionprobe/sessions")).json()) as { open: number }).open).toBe(0);
  await login(host);
  await host.app.request("/__sessionprobe/reset", { method: "POST" });
  expect(host.instance.openSessions()).toHaveLength(0);
});
