import { expect, test } from "@playwright/test";
import { SessionCookies } from "../../../http/cookie-jar.ts";
import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import { type Host, login, logout, newHost, xsrfToken } from "../../../../test-support/vmanage-mock.ts";
import type { DriverContext, Session } from "../../../vendor-api/driver.ts";
import { vmanage } from "./index.ts";

/** A driver context answered by the in-process mock; what was sent is kept for the assertions. */
function mockContext(host: Host, sent: HttpRequest[]): DriverContext {
  const base = "https://vmanage.example:8443";
  return {
    target: { name: "mock", vendor: "vmanage", baseUrl: base, options: {} },
    url: (path) => `${base}${path}`,
    secret: () => {},
    now: () => host.clock.now(),
    async send(request) {
      sent.push(request);
      const res = await host.app.request(request.url, { method: request.method, headers: request.headers, body: request.body ?? null });
      const text = await res.text();
      const headers = Object.fromEntries([...res.headers].map(([k, v]) => [k.toLowerCase(), v]));
      const json = /json/.test(headers["content-type"] ?? "");
      const response = {
        status: res.status,
        headers,
        setCookies: res.headers.getSetCookie(),
        text,
        ...(json ? { parsed: JSON.parse(text) } : {}),
      };
      return { request, response, startedAt: 0, durationMs: 0, label: "t" } satisfies Exchange;
    },
  };
}

async function sessionOf(host: Host): Promise<{ session: Session; cookie: string }> {
  const cookie = await login(host);
  const state = { jsessionid: cookie.slice("JSESSIONID=".length), xsrf: await xsrfToken(host, cookie) };
  // An empty jar: the carriers must send the login's cookie themselves.
  return { session: { name: "s", cookies: new SessionCookies(), state, open: true }, cookie };
}

async function verdicts(host: Host, session: Session, sent: HttpRequest[] = []) {
  const ctx = mockContext(host, sent);
  const out: Record<string, string> = {};
  for (const carrier of vmanage.carriers?.(session) ?? []) out[carrier.name] = (await carrier.probe(ctx, session)).verdict;
  return out;
}

test("carriers: a GET with the login's cookie alone and a POST with the cookie and the token, both documented", async () => {
  const host = newHost();
  const { session, cookie } = await sessionOf(host);
  const sent: HttpRequest[] = [];
  expect(vmanage.carriers?.(session).map((c) => c.sureness)).toEqual(["documented", "documented"]);
  expect(await verdicts(host, session, sent)).toEqual({
    "Cookie JSESSIONID on a GET": "ok",
    "Cookie JSESSIONID with X-XSRF-TOKEN on a POST": "ok",
  });
  const [byGet, byPost] = sent;
  expect(byGet?.method).toBe("GET");
  expect(byGet?.headers).toEqual({ accept: "application/json", cookie });
  expect(byPost?.method).toBe("POST");
  expect(byPost?.headers).toMatchObject({ cookie, "X-XSRF-TOKEN": session.state.xsrf });
});

test("carriers: once logged out the session is refused both ways, also where the POST meets the SessionTokenFilter first", async () => {
  for (const noSessionPost of ["as-get", "xsrf-403"]) {
    const host = newHost({ options: { noSessionPost } });
    const { session, cookie } = await sessionOf(host);
    expect((await logout(host, cookie)).status).toBe(302);
    expect(Object.values(await verdicts(host, session)), noSessionPost).toEqual(["unauthenticated", "unauthenticated"]);
  }
});

test("carriers: a logout that leaves the token cache behind is caught by the POST alone", async () => {
  const host = newHost({ defects: ["logout-keeps-post-session"] });
  const { session, cookie } = await sessionOf(host);
  await logout(host, cookie);
  expect(await verdicts(host, session)).toEqual({
    "Cookie JSESSIONID on a GET": "unauthenticated",
    "Cookie JSESSIONID with X-XSRF-TOKEN on a POST": "ok",
  });
});

test("carriers: before 19.2 there is no token, and the POST carries the cookie alone", async () => {
  const host = newHost({ options: { xsrfToken: "absent" } });
  const cookie = await login(host);
  const session: Session = { name: "s", cookies: new SessionCookies(), state: { jsessionid: cookie.slice(11) }, open: true };
  const sent: HttpRequest[] = [];
  expect(Object.values(await verdicts(host, session, sent))).toEqual(["ok", "ok"]);
  expect(Object.keys(sent[1]?.headers ?? {}).map((h) => h.toLowerCase())).not.toContain("x-xsrf-token");
});

test("carriers: a POST refused for the user's rights (a JSON 403) says nothing about the session", async () => {
  const rightsRefusal: DriverContext = {
    target: { name: "t", vendor: "vmanage", baseUrl: "https://vmanage.example", options: {} },
    url: (path) => `https://vmanage.example${path}`,
    secret: () => {},
    now: () => 0,
    async send(request) {
      const text = '{"error":{"message":"Forbidden","details":"User is not authorized","code":"AUTHZ0001"}}';
      const response = { status: 403, headers: { "content-type": "application/json" }, setCookies: [], text, parsed: JSON.parse(text) };
      return { request, response, startedAt: 0, durationMs: 0, label: "t" };
    },
  };
  const session: Session = { name: "s", cookies: new SessionCookies(), state: { jsessionid: "J1", xsrf: "T1" }, open: true };
  const byPost = vmanage.carriers?.(session)[1];
  const judged = await byPost?.probe(rightsRefusal, session);
  expect(judged?.verdict).toBe("forbidden");
  expect(judged?.inconclusive).toMatch(/user's rights/);
});
