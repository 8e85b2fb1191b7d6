import { expect, test } from "@playwright/test";
import { SessionCookies, serverTime } from "../../../http/cookie-jar.ts";
import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import { alive, type Host, newHost, openCount } from "../../../../test-support/vmanage-mock.ts";
import type { Credentials, DriverContext, Session } from "../../../vendor-api/driver.ts";
import { vmanage } from "./index.ts";

const BASE = "https://vmanage.example:8443";
const ADMIN: Credentials = { username: "admin", password: "admin-pass-1" };

/** A driver context answered by the in-process mock, with the session's cookie jar as the engine keeps it. */
function jarContext(host: Host, sent: HttpRequest[], options: Record<string, string> = {}): DriverContext {
  return {
    target: { name: "mock", vendor: "vmanage", baseUrl: BASE, options },
    url(path, query) {
      const url = new URL(BASE + path);
      for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
      return url.href;
    },
    secret: () => {},
    now: () => host.clock.now(),
    async send(request, meta) {
      const jar = meta.session ? await meta.session.cookies.header(request.url) : undefined;
      const outgoing = jar ? { ...request, headers: { ...request.headers, cookie: jar } } : request;
      sent.push(outgoing);
      const res = await host.app.request(outgoing.url, { method: outgoing.method, headers: outgoing.headers, body: outgoing.body ?? null });
      const text = await res.text();
      const headers = Object.fromEntries([...res.headers].map(([k, v]) => [k.toLowerCase(), v]));
      const setCookies = res.headers.getSetCookie();
      if (meta.session && setCookies.length)
        await meta.session.cookies.store(setCookies, request.url, serverTime(headers, host.clock.now()));
      const parsed = /json/.test(headers["content-type"] ?? "") ? { parsed: JSON.parse(text) } : {};
      return {
        request: outgoing,
        response: { status: res.status, headers, setCookies, text, ...parsed },
        startedAt: 0,
        durationMs: 0,
        label: meta.label,
      } satisfies Exchange;
    },
  };
}

const newSession = (): Session => ({ name: "s", cookies: new SessionCookies(), state: {}, open: false });
const paths = (sent: HttpRequest[]) => sent.map((r) => `${r.method} ${new URL(r.url).pathname}`);

test("login: the driver's way reads the token and client/server after the form; formOnly sends the form alone", async () => {
  const host = newHost();
  const full: HttpRequest[] = [];
  const session = newSession();
  expect((await vmanage.login(jarContext(host, full), session, { credentials: ADMIN, with: {} })).ok).toBe(true);
  expect(paths(full)).toEqual(["POST /j_security_check", "GET /dataservice/client/token", "GET /dataservice/client/server"]);
  expect(session.state.xsrf).toBeDefined();

  const bare: HttpRequest[] = [];
  const formOnly = newSession();
  expect((await vmanage.login(jarContext(host, bare), formOnly, { credentials: ADMIN, with: { formOnly: true } })).ok).toBe(true);
  expect(paths(bare)).toEqual(["POST /j_security_check"]);
  expect(formOnly.state.jsessionid).toBeDefined();
  expect(formOnly.state.xsrf).toBeUndefined();
  expect(await alive(host, `JSESSIONID=${formOnly.state.jsessionid}`)).toBe(true);
});

test("logout: a form-only session's POST logout reads its token first, so a release that requires it ends the session too", async () => {
  const host = newHost({ options: { logoutXsrf: "required" } });
  const session = newSession();
  await vmanage.login(jarContext(host, []), session, { credentials: ADMIN, with: { formOnly: true } });
  const sent: HttpRequest[] = [];
  const result = await vmanage.logout(jarContext(host, sent), session, {});
  expect(paths(sent)).toEqual(["GET /dataservice/client/token", "POST /logout"]);
  expect(result.exchange.response.status).toBe(302);
  expect(result.related?.map((e) => e.response.status)).toEqual([200]);
  expect(await openCount(host)).toBe(0);
});

test("logout: no token is read for a GET logout, for a POST sent without the token on purpose, or before 19.2", async () => {
  for (const [options, args] of [
    [{}, { method: "GET" }],
    [{}, { xsrfToken: false }],
    [{ xsrfToken: "absent" }, {}],
  ] as const) {
    const host = newHost({ options: { ...options } });
    const session = newSession();
    await vmanage.login(jarContext(host, [], { ...options }), session, { credentials: ADMIN, with: { formOnly: true } });
    const sent: HttpRequest[] = [];
    const result = await vmanage.logout(jarContext(host, sent, { ...options }), session, { ...args });
    expect(paths(sent), JSON.stringify([options, args])).toEqual([`${"method" in args ? "GET" : "POST"} /logout`]);
    expect(result.exchange.response.status).toBe(302);
    expect(result.related).toBeUndefined();
  }
});
