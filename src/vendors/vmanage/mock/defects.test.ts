import { expect, test } from "@playwright/test";
import { vmanageMock } from "./index.ts";
import {
  alive,
  fillCapThenLogin,
  form,
  get,
  type Host,
  login,
  logout,
  newHost,
  openCount,
  post,
  xsrfToken,
} from "../../../../test-support/vmanage-mock.ts";

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

test("new-session-per-answer (VM-11): each /dataservice answer sets the id of another session, and the first lives on", async () => {
  const host = newHost({ defects: ["new-session-per-answer"] });
  const first = await login(host);
  const res = await get(host, "/dataservice/device", first);
  expect(res.status).toBe(200);
  const next = res.headers.get("set-cookie")?.split(";")[0] ?? "";
  expect(next).toMatch(/^JSESSIONID=[0-9A-F]{64}$/);
  expect(next === first, "the answer names another session").toBe(false);
  expect(await alive(host, first), "the login's session is left open").toBe(true);
  expect(await openCount(host)).toBeGreaterThanOrEqual(2);
});

/** The same steps on a clean mock and on one with the defect: what each shows. */
async function cleanAndDefective<T>(defect: string, steps: (host: Host) => Promise<T>, options: Record<string, string> = {}) {
  return { clean: await steps(newHost({ options })), defective: await steps(newHost({ options, defects: [defect] })) };
}

test("idle-not-reset-by-use (VM-08): used every 20 minutes, the session still dies 30 minutes after its login", async () => {
  const { clean, defective } = await cleanAndDefective("idle-not-reset-by-use", async (host) => {
    const cookie = await login(host);
    const aliveAt: number[] = [];
    for (let minute = 20; minute <= 80; minute += 20) {
      host.clock.advance(20 * MIN);
      if (await alive(host, cookie)) aliveAt.push(minute);
    }
    return aliveAt;
  });
  expect(clean).toEqual([20, 40, 60, 80]);
  expect(defective).toEqual([20]);
});

test("idle-not-reset-by-use (VM-08): a lifetime shorter than the idle timeout still ends the session first", async () => {
  const host = newHost({ defects: ["idle-not-reset-by-use"], idleMs: 10_000, lifetimeMs: 8_000 });
  const cookie = await login(host);
  host.clock.advance(7_000);
  expect(await alive(host, cookie)).toBe(true);
  host.clock.advance(1_000);
  expect(await alive(host, cookie)).toBe(false);
});

test("failed-login-ends-account-sessions (VM-02): a wrong password ends that account's sessions, not another user's", async () => {
  const { clean, defective } = await cleanAndDefective("failed-login-ends-account-sessions", async (host) => {
    const admin = await login(host);
    const operator = await login(host, "operator", "operator-pass-2");
    const failed = await host.app.request("/j_security_check", form("admin", "wrong"));
    expect(failed.status).toBe(200);
    return { admin: await alive(host, admin), operator: await alive(host, operator) };
  });
  expect(clean).toEqual({ admin: true, operator: true });
  expect(defective).toEqual({ admin: false, operator: true });
});

test("xsrf-token-of-any-session (VM-04): another user's token opens this session's POSTs; an unknown token still does not", async () => {
  const { clean, defective } = await cleanAndDefective("xsrf-token-of-any-session", async (host) => {
    const admin = await login(host);
    const operatorToken = await xsrfToken(host, await login(host, "operator", "operator-pass-2"));
    return {
      othersToken: (await post(host, "/dataservice/alarms", admin, { "x-xsrf-token": operatorToken })).status,
      unknownToken: (await post(host, "/dataservice/alarms", admin, { "x-xsrf-token": "00DEADBEEF" })).status,
      ownToken: (await post(host, "/dataservice/alarms", admin, { "x-xsrf-token": await xsrfToken(host, admin) })).status,
    };
  });
  expect(clean).toEqual({ othersToken: 403, unknownToken: 403, ownToken: 200 });
  expect(defective).toEqual({ othersToken: 200, unknownToken: 403, ownToken: 200 });
});

test("stale-thread-session (VM-06): with a session live, a request without one is served as the session served last", async () => {
  const { clean, defective } = await cleanAndDefective("stale-thread-session", async (host) => {
    const before = (await get(host, "/dataservice/device")).headers.get("content-type");
    const cookie = await login(host, "operator", "operator-pass-2");
    expect(await alive(host, cookie)).toBe(true);
    const none = await get(host, "/dataservice/client/server");
    const unknown = await get(host, "/dataservice/device", "JSESSIONID=NOT-A-SESSION");
    return {
      beforeAnyLogin: before,
      noCookie: none.headers.get("content-type"),
      servedAs:
        none.status === 200 && /json/.test(none.headers.get("content-type") ?? "")
          ? ((await none.json()) as { data: { user: string } }).data.user
          : undefined,
      unknownCookie: unknown.headers.get("content-type"),
    };
  });
  expect(clean).toEqual({
    beforeAnyLogin: "text/html;charset=UTF-8",
    noCookie: "text/html;charset=UTF-8",
    servedAs: undefined,
    unknownCookie: "text/html;charset=UTF-8",
  });
  expect(defective).toMatchObject({ beforeAnyLogin: "text/html;charset=UTF-8", servedAs: "operator" });
  expect(defective.unknownCookie).toMatch(/^application\/json/);
});

test("logout-ends-user-sessions (VM-07): logout ends every session of the user; another user's lives on", async () => {
  const { clean, defective } = await cleanAndDefective("logout-ends-user-sessions", async (host) => {
    const [first, second] = [await login(host), await login(host)];
    const operator = await login(host, "operator", "operator-pass-2");
    expect((await logout(host, second)).status).toBe(302);
    return { first: await alive(host, first), second: await alive(host, second), operator: await alive(host, operator) };
  });
  expect(clean).toEqual({ first: true, second: false, operator: true });
  expect(defective).toEqual({ first: false, second: false, operator: true });
});

test("get-logout-ends-oldest-session (VM-07): GET /logout ends the user's oldest session, not the one presented; POST is right", async () => {
  const { clean, defective } = await cleanAndDefective("get-logout-ends-oldest-session", async (host) => {
    const [oldest, presented, third] = [await login(host), await login(host), await login(host)];
    expect((await logout(host, presented, "GET")).status).toBe(302);
    const afterGet = { oldest: await alive(host, oldest), presented: await alive(host, presented) };
    expect((await logout(host, third, "POST")).status).toBe(302);
    return { afterGet, thirdAfterPost: await alive(host, third) };
  });
  expect(clean).toEqual({ afterGet: { oldest: true, presented: false }, thirdAfterPost: false });
  expect(defective).toEqual({ afterGet: { oldest: false, presented: true }, thirdAfterPost: false });
});

test("logout-keeps-post-session (VM-07): after logout a GET is refused, but a POST with the old cookie and token is served", async () => {
  const { clean, defective } = await cleanAndDefective("logout-keeps-post-session", async (host) => {
    const cookie = await login(host);
    const token = await xsrfToken(host, cookie);
    expect((await logout(host, cookie)).status).toBe(302);
    const posted = await post(host, "/dataservice/alarms", cookie, { "x-xsrf-token": token });
    return {
      get: await alive(host, cookie),
      post: `${posted.status} ${posted.headers.get("content-type")}`,
      postWrongToken: (await post(host, "/dataservice/alarms", cookie, { "x-xsrf-token": "00DEADBEEF" })).headers.get("content-type"),
    };
  });
  expect(clean).toEqual({ get: false, post: "200 text/html;charset=UTF-8", postWrongToken: "text/html;charset=UTF-8" });
  expect(defective).toEqual({ get: false, post: "200 application/json", postWrongToken: "text/html;charset=UTF-8" });
});

test("eviction-ends-two (VM-10): one login beyond the cap ends the two least recently used sessions", async () => {
  const { clean, defective } = await cleanAndDefective(
    "eviction-ends-two",
    async (host) => {
      const { first, second, extra } = await fillCapThenLogin(host, 5);
      return {
        first: await alive(host, first),
        second: await alive(host, second),
        extra: await alive(host, extra),
        open: await openCount(host),
      };
    },
    { sessionCap: "5" },
  );
  // fillCapThenLogin uses the first session last: the second is the least recently used, the third the next.
  expect(clean).toEqual({ first: true, second: false, extra: true, open: 5 });
  expect(defective).toEqual({ first: true, second: false, extra: true, open: 4 });
});

test("login-ends-earlier-sessions (VM-10): far below the cap, a login ends the account's earlier sessions, not another user's", async () => {
  const { clean, defective } = await cleanAndDefective("login-ends-earlier-sessions", async (host) => {
    const earlier = await login(host);
    const operator = await login(host, "operator", "operator-pass-2");
    const later = await login(host);
    return { earlier: await alive(host, earlier), operator: await alive(host, operator), later: await alive(host, later) };
  });
  expect(clean).toEqual({ earlier: true, operator: true, later: true });
  expect(defective).toEqual({ earlier: false, operator: true, later: true });
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
