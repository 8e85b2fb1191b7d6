import { expect, test } from "@playwright/test";
import { request as httpRequest } from "node:http";
import { startMock } from "../../../mock-kit/server.ts";
import { vmanageMock } from "./index.ts";
import { alive, fillCapThenLogin, get, login, newHost, openCount, post, xsrfToken } from "../../../../test-support/vmanage-mock.ts";
import type { Host } from "../../../../test-support/vmanage-mock.ts";

const MIN = 60_000;

async function expectLoginPage(host: Host, cookie: string | undefined) {
  const res = await get(host, "/dataservice/device", cookie);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/html;charset=UTF-8");
  expect((await res.text()).startsWith("<html>")).toBe(true);
  const setCookie = res.headers.get("set-cookie") ?? "";
  expect(setCookie).toMatch(/^JSESSIONID=[^;]+; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=\/$/);
  // catalystwan's test: the cookie's Expires is at or before the response's Date.
  const expires = Date.parse(/Expires=([^;]+)/.exec(setCookie)?.[1] ?? "");
  expect(expires).toBeLessThanOrEqual(Date.parse(res.headers.get("date") ?? ""));
}

test("no session, an unknown one, and a POST without a session all get the login page and an expiring cookie", async () => {
  const host = newHost();
  await expectLoginPage(host, undefined);
  await expectLoginPage(host, "JSESSIONID=NOT-A-SESSION");
  const res = await post(host, "/dataservice/alarms", "JSESSIONID=NOT-A-SESSION");
  expect(res.status).toBe(200);
  expect((await res.text()).startsWith("<html>")).toBe(true);
});

test("POST logout: 302 to welcome.html?nocache=<mock ms>; the session is gone; a forged Host never reaches Location", async () => {
  const host = newHost();
  const cookie = await login(host);
  // In-process there is no socket and no configured base: a path-only Location, not the Host the caller sent.
  const res = await host.app.request("https://attacker.example:8443/logout?nocache=12345", {
    method: "POST",
    headers: { cookie, host: "attacker.example" },
  });
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/welcome.html?nocache=${host.clock.now()}`);
  expect(await openCount(host)).toBe(0);
  await expectLoginPage(host, cookie);
  const welcome = await get(host, "/welcome.html?nocache=1");
  expect(welcome.status).toBe(200);
  expect(await welcome.text()).toMatch(/^<html>/);
});

test("publicBaseUrl names the Location's origin, explicit port kept, whatever Host the request carries", async () => {
  const host = newHost({ options: { publicBaseUrl: "https://vmanage.example.test:443" } });
  const cookie = await login(host);
  const res = await host.app.request("https://attacker.example/logout?nocache=1", {
    method: "POST",
    headers: { cookie, host: "attacker.example" },
  });
  expect(res.headers.get("location")).toBe(`https://vmanage.example.test:443/welcome.html?nocache=${host.clock.now()}`);
});

test("served over a socket, Location names the address the mock listens at, not a forged Host header", async () => {
  const running = await startMock(vmanageMock);
  try {
    const { port } = new URL(running.baseUrl);
    const location = await new Promise<string | undefined>((resolve, reject) => {
      const req = httpRequest(
        { host: "127.0.0.1", port: Number(port), method: "POST", path: "/logout?nocache=1", headers: { host: "attacker.example:666" } },
        (res) => {
          res.resume();
          resolve(res.headers.location);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(location).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/welcome\\.html\\?nocache=\\d+$`));
    expect(location).not.toContain("attacker");
  } finally {
    await running.close();
  }
});

test("GET logout works too; logout without a session is the same redirect; logoutMethod can refuse one method", async () => {
  const host = newHost();
  const cookie = await login(host);
  const res = await get(host, "/logout?nocache=1", cookie);
  expect(res.status).toBe(302);
  expect(await alive(host, cookie)).toBe(false);
  const again = await host.app.request("/logout?nocache=2", { method: "POST", headers: { cookie } });
  expect(again.status).toBe(302);
  expect(again.headers.get("location")).toMatch(/^\/welcome\.html\?nocache=\d+$/);

  const postOnly = newHost({ options: { logoutMethod: "post" } });
  const kept = await login(postOnly);
  expect((await get(postOnly, "/logout", kept)).status).toBe(405);
  expect(await alive(postOnly, kept)).toBe(true);
  const getOnly = newHost({ options: { logoutMethod: "get" } });
  const held = await login(getOnly);
  expect((await getOnly.app.request("/logout", { method: "POST", headers: { cookie: held } })).status).toBe(405);
  expect(await alive(getOnly, held)).toBe(true);
  // A refused method is a documented absence, not an unmodelled route.
  const journal = (await (await postOnly.app.request("/__sessionprobe/unmodelled")).json()) as { entries: unknown[] };
  expect(journal.entries).toEqual([]);
});

test("logoutXsrf=required: a POST logout without the session's token is refused 403 and the session lives on; with it, 302", async () => {
  const host = newHost({ options: { logoutXsrf: "required" } });
  const cookie = await login(host);
  expect((await host.app.request("/logout?nocache=1", { method: "POST", headers: { cookie } })).status).toBe(403);
  expect(await alive(host, cookie)).toBe(true);
  const token = await xsrfToken(host, cookie);
  expect((await host.app.request("/logout?nocache=2", { method: "POST", headers: { cookie, "x-xsrf-token": token } })).status).toBe(302);
  expect(await alive(host, cookie)).toBe(false);
});

test("noSession=redirect: 302 to /welcome.html?nocache=; expiringCookie=no: no Set-Cookie on the no-session answer", async () => {
  const host = newHost({ options: { noSession: "redirect", expiringCookie: "no" } });
  const res = await get(host, "/dataservice/device", "JSESSIONID=NOT-A-SESSION");
  expect(res.status).toBe(302);
  expect(res.headers.get("location")).toBe(`/welcome.html?nocache=${host.clock.now()}`);
  expect(res.headers.get("set-cookie")).toBeNull();
  const withCookie = newHost({ options: { noSession: "redirect" } });
  expect((await get(withCookie, "/dataservice/device")).headers.get("set-cookie")).toMatch(/Expires=Thu, 01-Jan-1970/);
});

test("idle expiry: valid after 29 minutes idle, gone after 30", async () => {
  const host = newHost();
  const cookie = await login(host);
  host.clock.advance(29 * MIN);
  expect(await alive(host, cookie)).toBe(true);
  host.clock.advance(30 * MIN);
  await expectLoginPage(host, cookie);
});

test("lifespan: used every 20 minutes, the session still ends 24 hours after login", async () => {
  const host = newHost();
  const cookie = await login(host);
  for (let elapsed = 20; elapsed < 24 * 60; elapsed += 20) {
    host.clock.advance(20 * MIN);
    expect(await alive(host, cookie), `at ${elapsed} min`).toBe(true);
  }
  host.clock.advance(20 * MIN);
  expect(await alive(host, cookie)).toBe(false);
});

test("at the cap of 100 a new login evicts the least recently used session, on a frozen clock", async () => {
  const host = newHost();
  const { first, second, extra } = await fillCapThenLogin(host, 100);
  expect(await openCount(host)).toBe(100);
  expect(await alive(host, second)).toBe(false);
  expect(await alive(host, first)).toBe(true);
  expect(await alive(host, extra)).toBe(true);
});

test("sessionCap=250 raises the cap", async () => {
  const host = newHost({ options: { sessionCap: "250" } });
  const { first, second } = await fillCapThenLogin(host, 250);
  expect(await openCount(host)).toBe(250);
  expect(await alive(host, second)).toBe(false);
  expect(await alive(host, first)).toBe(true);
});

test("the control plane sees the sessions and its clock advance expires them", async () => {
  const host = newHost();
  const cookie = await login(host);
  const listed = (await (await host.app.request("/__sessionprobe/sessions")).json()) as { sessions: { user: string }[] };
  expect(listed.sessions.map((s) => s.user)).toEqual(["admin"]);
  await host.app.request("/__sessionprobe/clock/advance", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ by: "30m" }),
  });
  expect(await openCount(host)).toBe(0);
  expect(await alive(host, cookie)).toBe(false);
  await host.app.request("/__sessionprobe/reset", { method: "POST" });
  expect(await openCount(host)).toBe(0);
});
