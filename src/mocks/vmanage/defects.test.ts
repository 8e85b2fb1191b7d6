import { expect, test } from "@playwright/test";
import { vmanageMock } from "./index.ts";
import { alive, fillCapThenLogin, form, get, login, newHost, openCount, post, xsrfToken } from "../../../test-support/vmanage-mock.ts";

const MIN = 60_000;

test("every defect names the behaviours it breaks", () => {
  for (const defect of vmanageMock.defects)
    expect(
      defect.breaks.every((id) => /^VM-\d\d$/.test(id)),
      defect.name,
    ).toBe(true);
});

test("failed-login-401 (VM-02): a failed login is answered 401, still with a body and no session", async () => {
  const host = newHost({ defects: ["failed-login-401"] });
  const res = await host.app.request("/j_security_check", form("admin", "wrong"));
  expect(res.status).toBe(401);
  expect(await res.text()).toContain("Invalid User or Password");
  expect(await openCount(host)).toBe(0);
});

test("xsrf-not-enforced (VM-04): a POST without the token is served", async () => {
  const host = newHost({ defects: ["xsrf-not-enforced"] });
  const res = await post(host, "/dataservice/alarms", await login(host));
  expect(res.status).toBe(200);
});

test("logout-keeps-session (VM-07): the 302 comes back but the session still works", async () => {
  const host = newHost({ defects: ["logout-keeps-session"] });
  const cookie = await login(host);
  expect((await host.app.request("/logout?nocache=1", { method: "POST", headers: { cookie } })).status).toBe(302);
  expect(await alive(host, cookie)).toBe(true);
});

test("no-idle-expiry (VM-08): 31 minutes idle and still valid; the lifespan still applies", async () => {
  const host = newHost({ defects: ["no-idle-expiry"] });
  const cookie = await login(host);
  host.clock.advance(31 * MIN);
  expect(await alive(host, cookie)).toBe(true);
  host.clock.advance(24 * 60 * MIN);
  expect(await alive(host, cookie)).toBe(false);
});

test("no-lifespan-cap (VM-09): used every 20 minutes, still valid past 24 hours", async () => {
  const host = newHost({ defects: ["no-lifespan-cap"] });
  const cookie = await login(host);
  for (let elapsed = 20; elapsed <= 25 * 60; elapsed += 20) {
    host.clock.advance(20 * MIN);
    expect(await alive(host, cookie), `at ${elapsed} min`).toBe(true);
  }
});

test("evicts-oldest (VM-10): at the cap the first session goes even though it was just used", async () => {
  const host = newHost({ defects: ["evicts-oldest"] });
  const { first, second, extra } = await fillCapThenLogin(host, 100);
  expect(await alive(host, first)).toBe(false);
  expect(await alive(host, second)).toBe(true);
  expect(await alive(host, extra)).toBe(true);
  expect(await openCount(host)).toBe(100);
});

test("login-body-not-empty (VM-01): a good login comes back with an HTML body", async () => {
  const host = newHost({ defects: ["login-body-not-empty"] });
  const res = await host.app.request("/j_security_check", form("admin", "admin-pass-1"));
  expect(res.status).toBe(200);
  expect(await res.text()).toMatch(/^<html>/);
});

test("token-json-by-default (VM-03): the plain token call answers JSON", async () => {
  const host = newHost({ defects: ["token-json-by-default"] });
  const res = await get(host, "/dataservice/client/token", await login(host));
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  expect(Object.keys((await res.json()) as object)).toEqual(["token"]);
});

test("get-needs-xsrf (VM-05): a GET with only the cookie is refused 403", async () => {
  const host = newHost();
  const cookie = await login(host);
  const token = await xsrfToken(host, cookie);
  host.activeDefects.add("get-needs-xsrf");
  expect((await get(host, "/dataservice/device", cookie)).status).toBe(403);
  expect((await get(host, "/dataservice/device", cookie, { "x-xsrf-token": token })).status).toBe(200);
});

test("unauthenticated-401 (VM-06): a call without a session gets 401 JSON, not the login page", async () => {
  const host = newHost({ defects: ["unauthenticated-401"] });
  const res = await get(host, "/dataservice/device");
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
});

test("rotate-session-id (VM-11): each /dataservice answer sets a new JSESSIONID and the old one dies", async () => {
  const host = newHost({ defects: ["rotate-session-id"] });
  const first = await login(host);
  const res = await get(host, "/dataservice/device", first);
  expect(res.status).toBe(200);
  const next = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  expect(next).toMatch(/^JSESSIONID=[0-9A-F]{64}$/);
  expect(next).not.toBe(first);
  expect(await alive(host, first)).toBe(false);
  expect(await openCount(host)).toBe(1);
});

test("defects switch at run time through the control plane", async () => {
  const host = newHost();
  const cookie = await login(host);
  expect((await post(host, "/dataservice/alarms", cookie)).status).toBe(403);
  const put = await host.app.request("/__sessionprobe/defects", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ defects: ["xsrf-not-enforced"] }),
  });
  expect(put.status).toBe(200);
  expect((await post(host, "/dataservice/alarms", cookie)).status).toBe(200);
});
