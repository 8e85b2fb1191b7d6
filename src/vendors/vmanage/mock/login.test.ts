import { expect, test } from "@playwright/test";
import { alive, form, get, login, newHost, openCount, post } from "../../../../test-support/vmanage-mock.ts";

test("a good login: 200, empty body, JSESSIONID cookie with the sandbox's path=/; secure; HttpOnly; SameSite=Lax", async () => {
  const host = newHost();
  const res = await host.app.request("/j_security_check", form("admin", "admin-pass-1"));
  expect(res.status).toBe(200);
  expect(res.headers.get("content-length")).toBe("0");
  expect(await res.text()).toBe("");
  expect(res.headers.get("set-cookie")).toMatch(/^JSESSIONID=[0-9A-F]{64}; path=\/; secure; HttpOnly; SameSite=Lax$/);
  expect(await openCount(host)).toBe(1);
  const other = await login(host, "operator", "operator-pass-2");
  expect(await alive(host, other)).toBe(true);
});

test("a failed login (html): 200, a login page starting <html> with 'Invalid User or Password', no cookie, no session", async () => {
  const host = newHost();
  for (const [user, password] of [
    ["admin", "wrong"],
    ["nobody", "admin-pass-1"],
  ] as const) {
    const res = await host.app.request("/j_security_check", form(user, password));
    const body = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/html;charset=UTF-8");
    expect(res.headers.get("set-cookie")).toBeNull();
    // The client checks: catalystwan (text != ""), sastre and python-viptela (<html>), pyATS, go-sdwan (len > 0).
    expect(body.startsWith("<html>")).toBe(true);
    expect(body).toContain("Invalid User or Password");
  }
  expect(await openCount(host)).toBe(0);
});

test("a failed login (json, 20.18): 200 with the Login Error body naming the user; json-padded after three blank lines", async () => {
  for (const failureBody of ["json", "json-padded"]) {
    const host = newHost({ options: { failureBody } });
    const res = await host.app.request("/j_security_check", form("admin", "wrong"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const text = await res.text();
    expect(text.startsWith("\n\n\n{"), failureBody).toBe(failureBody === "json-padded");
    expect(JSON.parse(text)).toEqual({
      error: { message: "Login Error", code: "Failed to login user ", details: " admin", type: "Error" },
    });
    expect(res.headers.get("set-cookie")).toBeNull();
    expect(await openCount(host)).toBe(0);
  }
});

test("cookieAttributes: secure-httponly drops SameSite, path-only keeps only path=/", async () => {
  const withoutSameSite = await newHost({ options: { cookieAttributes: "secure-httponly" } }).app.request(
    "/j_security_check",
    form("admin", "admin-pass-1"),
  );
  expect(withoutSameSite.headers.get("set-cookie")).toMatch(/^JSESSIONID=[0-9A-F]{64}; path=\/; secure; HttpOnly$/);
  const pathOnly = await newHost({ options: { cookieAttributes: "path-only" } }).app.request(
    "/j_security_check",
    form("admin", "admin-pass-1"),
  );
  expect(pathOnly.headers.get("set-cookie")).toMatch(/^JSESSIONID=[0-9A-F]{64}; path=\/$/);
});

test("dataserviceLogin=accepted: POST /dataservice/j_security_check logs in; by default it is the no-session login page", async () => {
  const accepted = newHost({ options: { dataserviceLogin: "accepted" } });
  const ok = await accepted.app.request("/dataservice/j_security_check", form("admin", "admin-pass-1"));
  expect(ok.status).toBe(200);
  expect(await ok.text()).toBe("");
  const cookie = ok.headers.get("set-cookie")?.split(";")[0] ?? "";
  expect(await alive(accepted, cookie)).toBe(true);
  const plain = newHost();
  const page = await plain.app.request("/dataservice/j_security_check", form("admin", "admin-pass-1"));
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/^<html>/);
  expect(await openCount(plain)).toBe(0);
});

test("a JSON login body fails like a wrong password", async () => {
  const host = newHost();
  const res = await host.app.request("/j_security_check", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ j_username: "admin", j_password: "admin-pass-1" }),
  });
  expect(res.status).toBe(200);
  expect(await res.text()).toContain("Invalid User or Password");
  expect(await openCount(host)).toBe(0);
});

test("xsrfTokenLength sets the token's length", async () => {
  const host = newHost({ options: { xsrfTokenLength: "64" } });
  expect(await (await get(host, "/dataservice/client/token", await login(host))).text()).toMatch(/^[0-9A-F]{64}$/);
});

test("xsrfToken=absent (before 19.2): the token endpoint answers 404, POSTs need no token, client/server has no CSRFToken", async () => {
  const host = newHost({ options: { xsrfToken: "absent" } });
  const cookie = await login(host);
  const token = await get(host, "/dataservice/client/token", cookie);
  expect(token.status).toBe(404);
  expect((await post(host, "/dataservice/alarms", cookie)).status).toBe(200);
  const server = (await (await get(host, "/dataservice/client/server", cookie)).json()) as { data: Record<string, unknown> };
  expect(server.data.CSRFToken).toBeUndefined();
  // A documented absence, not an unmodelled route.
  const journal = (await (await host.app.request("/__sessionprobe/unmodelled")).json()) as { entries: unknown[] };
  expect(journal.entries).toEqual([]);
});

test("the XSRF token: 100-char text, the same for the whole session, JSON with ?json=true", async () => {
  const host = newHost();
  const cookie = await login(host);
  const res = await get(host, "/dataservice/client/token", cookie);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
  const token = await res.text();
  expect(token).toMatch(/^[0-9A-F]{100}$/);
  expect(await (await get(host, "/dataservice/client/token", cookie)).text()).toBe(token);
  expect(await (await get(host, "/dataservice/client/token?json=true", cookie)).json()).toEqual({ token });
  const other = await login(host);
  expect(await (await get(host, "/dataservice/client/token", other)).text()).not.toBe(token);
});

test("client/server reports the version option, user and CSRFToken; device rows have the documented fields", async () => {
  const host = newHost({ options: { version: "20.9.4" } });
  const cookie = await login(host);
  const token = await (await get(host, "/dataservice/client/token", cookie)).text();
  const server = (await (await get(host, "/dataservice/client/server", cookie)).json()) as { data: Record<string, unknown> };
  expect(server.data).toMatchObject({ platformVersion: "20.9.4", user: "admin", CSRFToken: token });
  const devices = (await (await get(host, "/dataservice/device", cookie)).json()) as { header: object; data: Record<string, unknown>[] };
  expect(devices.header).toBeTruthy();
  expect(devices.data.length).toBeGreaterThan(0);
  for (const row of devices.data) {
    for (const field of [
      "deviceId",
      "system-ip",
      "host-name",
      "device-type",
      "reachability",
      "status",
      "site-id",
      "version",
      "uuid",
      "device-model",
      "personality",
    ]) {
      expect(row[field], field).toBeDefined();
    }
  }
});

test("unknown paths: Undertow's HTML 404 at the root, the JSON error shape under /dataservice, both journaled as unmodelled", async () => {
  const host = newHost();
  const root = await get(host, "/nope");
  expect(root.status).toBe(404);
  expect(await root.text()).toBe("<html><head><title>Error</title></head><body>Not Found</body></html>");
  const cookie = await login(host);
  const data = await get(host, "/dataservice/nope", cookie);
  expect(data.status).toBe(404);
  expect(((await data.json()) as { error: { message: string } }).error.message).toBe("Not Found");
  const journal = (await (await host.app.request("/__sessionprobe/unmodelled")).json()) as { entries: { method: string; path: string }[] };
  expect(journal.entries.map((e) => `${e.method} ${e.path}`)).toEqual(["GET /nope", "GET /dataservice/nope"]);
});

test("bad option values are refused at creation", () => {
  expect(() => newHost({ options: { failureBody: "xml" } })).toThrow(/failureBody=xml/);
  expect(() => newHost({ options: { sessionCap: "0" } })).toThrow(/sessionCap=0/);
  expect(() => newHost({ options: { logoutMethod: "put" } })).toThrow(/logoutMethod=put/);
  expect(() => newHost({ options: { sessionCap: "12abc" } })).toThrow(/sessionCap=12abc/);
  expect(() => newHost({ options: { noSession: "401" } })).toThrow(/noSession=401/);
  expect(() => newHost({ options: { xsrfTokenLength: "33" } })).toThrow(/xsrfTokenLength=33/);
  expect(() => newHost({ options: { xsrfAllowList: "alarms" } })).toThrow(/xsrfAllowList/);
  expect(() => newHost({ options: { publicBaseUrl: "https://vmanage.example.test/sub" } })).toThrow(/publicBaseUrl/);
});
