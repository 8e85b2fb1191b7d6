import { expect, test } from "@playwright/test";
import { createMockHost } from "../../../mock-kit/host.ts";
import { controlmMock } from "./index.ts";

const json = (body: unknown, token?: string) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
  body: JSON.stringify(body),
});

async function login(host: ReturnType<typeof createMockHost>, password = "empass-1234") {
  const res = await host.app.request("/session/login", json({ username: "emuser", password }));
  return { res, body: (await res.json()) as { token?: string; errors?: { message: string }[] } };
}

test("login issues a 128-hex token, logout ends it", async () => {
  const host = createMockHost(controlmMock);
  const { res, body } = await login(host);
  expect(res.status).toBe(200);
  expect(body.token).toMatch(/^[0-9A-F]{128}$/);
  const token = body.token as string;
  expect((await host.app.request("/config/servers", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  expect((await host.app.request("/session/logout", json({}, token))).status).toBe(200);
  expect((await host.app.request("/config/servers", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
});

test("tokens expire 30 minutes after issue on the mock clock", async () => {
  const host = createMockHost(controlmMock);
  const token = (await login(host)).body.token as string;
  host.clock.advance(29 * 60_000);
  expect((await host.app.request("/config/servers", { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  host.clock.advance(60_000);
  const res = await host.app.request("/config/servers", { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(401);
  expect(((await res.json()) as { errors: unknown[] }).errors).toHaveLength(1);
});

test("a wrong password is refused with an ErrorList and no token, unless the defect is on", async () => {
  const clean = await login(createMockHost(controlmMock), "nope");
  expect(clean.res.status).toBe(401);
  expect(clean.body.token).toBeUndefined();
  expect(clean.body.errors?.[0]?.message).toBeTruthy();
  const broken = await login(createMockHost(controlmMock, { defects: ["wrong-password-accepted"] }), "nope");
  expect(broken.res.status).toBe(200);
});

test("the control plane advances the clock and counts sessions", async () => {
  const host = createMockHost(controlmMock);
  await login(host);
  const count = await host.app.request("/__sessionprobe/sessions");
  expect(((await count.json()) as { open: number }).open).toBe(1);
  await host.app.request("/__sessionprobe/clock/advance", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ by: "31m" }),
  });
  expect(((await (await host.app.request("/__sessionprobe/sessions")).json()) as { open: number }).open).toBe(0);
  const bad = await host.app.request("/__sessionprobe/defects", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ defects: ["no-such"] }),
  });
  expect(bad.status).toBe(400);
});

test("an unknown defect name is refused at creation with the known list", () => {
  expect(() => createMockHost(controlmMock, { defects: ["nope"] })).toThrow(
    /unknown defect\(s\) for controlm: nope; known: login-username-missing/,
  );
});
