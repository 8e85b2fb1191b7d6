import { expect, test } from "@playwright/test";
import { alive, get, login, newHost, openCount, post, xsrfToken } from "../../../../test-support/vmanage-mock.ts";

test("by default only the login sets JSESSIONID: later answers to a live session set no cookie", async () => {
  const host = newHost();
  const cookie = await login(host);
  const token = await xsrfToken(host, cookie);
  for (const res of [
    await get(host, "/dataservice/device", cookie),
    await get(host, "/dataservice/client/server", cookie),
    await post(host, "/dataservice/alarms", cookie, { "X-XSRF-TOKEN": token }),
  ]) {
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toBeNull();
  }
});

test("sessionCookieOnAnswers=repeat: every answer to a live session sets the login's JSESSIONID again, and nothing else changes", async () => {
  const host = newHost({ options: { sessionCookieOnAnswers: "repeat" } });
  const cookie = await login(host);
  const token = await xsrfToken(host, cookie);
  for (const res of [
    await get(host, "/dataservice/device", cookie),
    await get(host, "/dataservice/client/token", cookie),
    await post(host, "/dataservice/alarms", cookie, { "X-XSRF-TOKEN": token }),
  ]) {
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    // catalystwan re-logs in only when the value differs from the one it holds: the same pair, the login's attributes.
    expect(setCookie.split(";")[0] === cookie, "the Set-Cookie names the login's own JSESSIONID").toBe(true);
    expect(setCookie).toMatch(/; path=\/; secure; HttpOnly; SameSite=Lax$/);
  }
  expect(await xsrfToken(host, cookie), "the session keeps its XSRF token").toBe(token);
  expect(await openCount(host), "no session was opened beside the login's").toBe(1);
  expect(await alive(host, cookie)).toBe(true);
  // A request without a live session still gets the expiring cookie, never a live one.
  const none = await get(host, "/dataservice/device", "JSESSIONID=NOT-A-SESSION");
  expect(none.headers.get("set-cookie")).toMatch(/Expires=Thu, 01-Jan-1970/);
});

test("sessionCookieOnAnswers accepts only none or repeat", () => {
  expect(() => newHost({ options: { sessionCookieOnAnswers: "always" } })).toThrow(
    /sessionCookieOnAnswers=always is not one of none, repeat/,
  );
});
