import { expect, test } from "@playwright/test";
import { type RunningMock, startMock } from "../../src/mock-kit/server.ts";
import { vmanageMock } from "../../src/vendors/vmanage/mock/index.ts";
import { seededUsers } from "../../src/vendors/vmanage/mock/state.ts";

/**
 * Cisco's own sample client against the vManage mock, over a socket, request by request.
 * The sample is Python (`requests`), which this project cannot install, so its requests are
 * restated here in our own words, each citing the line it restates:
 *
 *   SAMPLE = CiscoDevNet/Getting-started-with-Cisco-SD-WAN-REST-APIs@72ec1622d5586f3c87b59436d563e567a612a9cd
 *   - sdwan.py:41-55   POST /j_security_check with the form j_username, j_password (`data=`, so
 *                      application/x-www-form-urlencoded); the Cookie header is
 *                      `response.headers["Set-Cookie"].split(";")[0]`; no Set-Cookie → exit
 *   - login.py:20, rest_api_lib.py:29   `b'<html>' in login_response.content` → "Login Failed"
 *   - sdwan.py:58-67   GET /dataservice/client/token with that Cookie; 200 → `response.text`, as is
 *   - sdwan.py:74      every later request: Content-Type application/json, the Cookie, X-XSRF-TOKEN
 *   - sdwan.py:99-112  GET /dataservice/device → `response.json()['data']`, each row read for
 *                      host-name, device-type, uuid, system-ip, site-id, version, device-model
 *   - sdwan.py:242     a POST with the same headers (a template attach the mock does not model:
 *                      restated as the query POST /dataservice/alarms, which needs the token too)
 *
 * The sample never logs out; Cisco's SDK does, and the sequence ends its way:
 *
 *   SDK = CiscoDevNet/catalystwan@abcc541d546127b918e5f18ad2c40dd369455dae
 *   - catalystwan/session.py:428-445   POST /logout if platformVersion >= 20.12, else GET /logout
 *     (platformVersion from GET /dataservice/client/server), through `requests`, which follows
 *     the 302 to /welcome.html
 *   - catalystwan@00c04d27e4ec23812112277ea9425297f5d3a5cd catalystwan/session.py:228,389-393:
 *     a response whose JSESSIONID differs from the one held makes it log in again; the same
 *     value does not.
 *
 * Failures name the step and what was wrong, never a cookie or token value.
 */

const user = seededUsers.default;
if (!user?.password) throw new Error("the vManage mock seeds no default user: src/vendors/vmanage/mock/state.ts seededUsers.default");
const account = { username: user.username, password: user.password };

/** What `requests` sends for `data={...}`. */
function form(username: string, password: string): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ j_username: username, j_password: password }).toString(),
    redirect: "manual",
  };
}

/** Python requests refuses a header value with leading whitespace, CR or LF; the sample sends the token text as is. */
const usableHeaderValue = (value: string) => /^[\x21-\x7e]+$/.test(value);

/** Python's packaging.Version comparison, for the releases the mock reports ("20.12.1", "20.9.4"). */
function atLeast(version: string, wanted: [number, number]): boolean {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  return major > wanted[0] || (major === wanted[0] && minor >= wanted[1]);
}

interface SampleRun {
  /** The JSESSIONID values later answers set, compared with the login's (true = the same). */
  laterCookiesSame: boolean[];
  logoutMethod: "GET" | "POST";
}

/** The sample's sequence from login to logout; every expectation is one the sample or the SDK relies on. */
async function runSample(running: RunningMock): Promise<SampleRun> {
  const base = running.baseUrl;
  const login = await fetch(`${base}/j_security_check`, form(account.username, account.password));
  const loginBody = await login.text();
  expect(login.status, "sdwan.py:47 login status").toBe(200);
  expect(loginBody.includes("<html>"), "login.py:20: a body with <html> is read as 'Login Failed'").toBe(false);
  const setCookie = login.headers.get("set-cookie");
  expect(setCookie !== null, "sdwan.py:49: the login answer carries Set-Cookie (else the sample exits)").toBe(true);
  const cookie = (setCookie ?? "").split(";")[0] ?? "";
  expect(/^JSESSIONID=[^\s;,]+$/.test(cookie), "sdwan.py:50-51: the first pair of Set-Cookie is JSESSIONID=<value>").toBe(true);
  const sameAsLogin = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] === cookie;
  const laterCookiesSame: boolean[] = [];
  const noteCookie = (res: Response) => {
    if (res.headers.get("set-cookie") !== null) laterCookiesSame.push(sameAsLogin(res));
  };

  const tokenAnswer = await fetch(`${base}/dataservice/client/token`, { headers: { Cookie: cookie }, redirect: "manual" });
  const token = await tokenAnswer.text();
  noteCookie(tokenAnswer);
  expect(tokenAnswer.status, "sdwan.py:64: the token answer is 200").toBe(200);
  expect(usableHeaderValue(token), "sdwan.py:65,74: the token text, unstripped, is a valid header value").toBe(true);

  const header = { "Content-Type": "application/json", Cookie: cookie, "X-XSRF-TOKEN": token };
  const devices = await fetch(`${base}/dataservice/device`, { headers: header, redirect: "manual" });
  noteCookie(devices);
  expect(devices.status, "sdwan.py:102: the device list is 200").toBe(200);
  const rows = ((await devices.json()) as { data?: Record<string, unknown>[] }).data;
  expect(Array.isArray(rows) && rows.length > 0, "sdwan.py:103: response.json()['data'] is a list of devices").toBe(true);
  const read = ["host-name", "device-type", "uuid", "system-ip", "site-id", "version", "device-model"];
  const missing = (rows ?? []).flatMap((row, i) => read.filter((key) => !(key in row)).map((key) => `data[${i}].${key}`));
  expect(missing, "sdwan.py:112 reads these keys of every row (a KeyError otherwise)").toEqual([]);

  const query = await fetch(`${base}/dataservice/alarms`, {
    method: "POST",
    headers: header,
    body: JSON.stringify({ query: { condition: "AND", rules: [] } }),
    redirect: "manual",
  });
  noteCookie(query);
  expect(query.status, "sdwan.py:242: a POST with the sample's headers is served").toBe(200);
  expect(Array.isArray(((await query.json()) as { data?: unknown }).data), "the POST answers {data: [...]}").toBe(true);

  const server = await fetch(`${base}/dataservice/client/server`, { headers: { Cookie: cookie }, redirect: "manual" });
  noteCookie(server);
  const version = ((await server.json()) as { data?: { platformVersion?: unknown } }).data?.platformVersion;
  expect(typeof version === "string" && /^\d+\.\d+/.test(version), "catalystwan reads data.platformVersion to choose the logout").toBe(
    true,
  );
  const logoutMethod = atLeast(String(version), [20, 12]) ? "POST" : "GET";
  const logout = await fetch(`${base}/logout?nocache=${Date.now()}`, {
    method: logoutMethod,
    headers: logoutMethod === "POST" ? { Cookie: cookie, "X-XSRF-TOKEN": token } : { Cookie: cookie },
    redirect: "manual",
  });
  await logout.arrayBuffer();
  expect(logout.status, `session.py:439-441: ${logoutMethod} /logout answers the 302`).toBe(302);
  const location = logout.headers.get("location") ?? "";
  expect(/\/welcome\.html\?nocache=\d+$/.test(location), "the 302 names /welcome.html?nocache=<n>").toBe(true);
  const welcome = await fetch(new URL(location, base), { headers: { Cookie: cookie }, redirect: "manual" });
  expect(welcome.status, "requests follows the 302: /welcome.html answers 200").toBe(200);
  expect(await welcome.text()).toMatch(/^<html>/);

  const after = await fetch(`${base}/dataservice/device`, { headers: header, redirect: "manual" });
  const afterBody = await after.text();
  expect(
    after.status === 200 && afterBody.includes("<html>"),
    "after logout the cookie gets the login page (200, <html>), never device data",
  ).toBe(true);
  return { laterCookiesSame, logoutMethod };
}

async function withMock<T>(variant: string | undefined, run: (running: RunningMock) => Promise<T>): Promise<T> {
  const options = variant === undefined ? {} : vmanageMock.variants?.find((v) => v.name === variant)?.options;
  if (!options) throw new Error(`no vManage variant "${variant}" in src/vendors/vmanage/variants.ts`);
  const running = await startMock(vmanageMock, { options });
  try {
    return await run(running);
  } finally {
    await running.close();
  }
}

test("Cisco's getting-started sample: login, token, device list, a POST with the token, logout (the default mock, 20.12)", async () => {
  const run = await withMock(undefined, runSample);
  expect(run.logoutMethod).toBe("POST");
  expect(run.laterCookiesSame, "the default mock sets JSESSIONID only at login").toEqual([]);
});

test("the same sample on 20.9 (catalystwan logs out with GET) and on 20.18 (POST only, the padded JSON failure)", async () => {
  expect((await withMock("release-20.9", runSample)).logoutMethod).toBe("GET");
  expect((await withMock("release-20.18", runSample)).logoutMethod).toBe("POST");
});

test("a server that repeats JSESSIONID on later answers: the sample works and catalystwan sees no new session to log in again for", async () => {
  const run = await withMock("session-cookie-repeated", runSample);
  expect(run.laterCookiesSame.length, "every answer to the live session set the cookie again").toBe(4);
  expect(
    run.laterCookiesSame.every((same) => same),
    "session.py:389-393: each repeated value equals the login's (a different one makes catalystwan log in again)",
  ).toBe(true);
});

test("a wrong password: the HTML page the sample looks for; on 20.18 no <html>, but no Set-Cookie either, so sdwan.py exits", async () => {
  await withMock(undefined, async (running) => {
    const res = await fetch(`${running.baseUrl}/j_security_check`, form(account.username, `${account.password}-wrong`));
    expect(res.status).toBe(200);
    expect((await res.text()).includes("<html>"), "login.py:20: 'Login Failed'").toBe(true);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
  await withMock("release-20.18", async (running) => {
    const res = await fetch(`${running.baseUrl}/j_security_check`, form(account.username, `${account.password}-wrong`));
    const body = await res.text();
    expect(res.status).toBe(200);
    // The 20.18 capture's JSON (wire notes §1.1): the sample's <html> test misses it ...
    expect(body.includes("<html>")).toBe(false);
    expect(body.startsWith("\n\n\n{"), "the 20.18 body after its three blank lines").toBe(true);
    // ... and sdwan.py:49's headers["Set-Cookie"] raises, so it stops there instead of running without a session.
    expect(res.headers.get("set-cookie"), "sdwan.py:52-55: no Set-Cookie, the sample exits").toBeNull();
  });
});
