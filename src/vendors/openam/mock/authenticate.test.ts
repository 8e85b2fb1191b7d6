import { expect, test } from "@playwright/test";
import { action, login, newHost } from "../../../../test-support/openam-mock.ts";

const TOKEN = /^[A-Za-z0-9_-]{27}\.\*[A-Za-z0-9_.-]+\*$/;

test("zero-page login answers {tokenId, successUrl, realm}, sets the HttpOnly SSO cookie and the version header", async () => {
  const host = newHost();
  const { res, body, token } = await login(host);
  expect(res.status).toBe(200);
  expect(Object.keys(body).sort()).toEqual(["realm", "successUrl", "tokenId"]);
  expect(body).toMatchObject({ successUrl: "/am/console", realm: "/" });
  expect(token).toMatch(TOKEN);
  expect(res.headers.get("set-cookie")).toContain(`iPlanetDirectoryPro=${token}; Path=/; HttpOnly`);
  // AM 8 serves an authenticate call that pinned 2.0 with its 2.1 route.
  expect(res.headers.get("content-api-version")).toBe("resource=2.1");
});

test("bad credentials get 401 in the CREST envelope and no cookie", async () => {
  const host = newHost();
  for (const attempt of [login(host, "demo", "wrong"), login(host, "default", "")]) {
    const { res, body } = await attempt;
    expect(res.status).toBe(401);
    expect(body).toEqual({ code: 401, reason: "Unauthorized", message: "Authentication Failed" });
    expect(res.headers.get("set-cookie")).toBeNull();
  }
  const unknown = await host.app.request("/am/json/realms/root/authenticate", {
    method: "POST",
    headers: { "x-openam-username": "nobody", "x-openam-password": "x" },
  });
  expect(unknown.status).toBe(401);
});

test("sub-realm users log in under /realms/root/realms/<sub> only", async () => {
  const host = newHost();
  const { res, body } = await login(host, "alpha");
  expect(res.status).toBe(200);
  expect(body.realm).toBe("/alpha");
  const wrongRealm = await host.app.request("/am/json/realms/root/authenticate", {
    method: "POST",
    headers: { "x-openam-username": "alice", "x-openam-password": "alice-pass-1" },
    body: "{}",
  });
  expect(wrongRealm.status).toBe(401);
  const noRealm = await host.app.request("/am/json/realms/root/realms/nowhere/authenticate", { method: "POST", body: "{}" });
  expect(noRealm.status).toBe(404);
  expect(await noRealm.json()).toEqual({ code: 404, reason: "Not Found", message: "Not Found" });
});

test("the callback login the JS SDK drives: NameCallback + PasswordCallback, then success or 401", async () => {
  const host = newHost();
  const start = async () => {
    const res = await host.app.request("/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login", {
      method: "POST",
      headers: { "accept-api-version": "protocol=1.0,resource=2.1", "x-requested-with": "forgerock-sdk" },
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { authId: string; callbacks: { type: string; input: { name: string; value: string }[] }[] };
  };
  const fill = (step: Awaited<ReturnType<typeof start>>, user: string, password: string) => {
    const [name, pass] = step.callbacks;
    if (!name?.input[0] || !pass?.input[0]) throw new Error("step without the two callbacks");
    name.input[0].value = user;
    pass.input[0].value = password;
    return host.app.request("/am/json/realms/root/authenticate?authIndexType=service&authIndexValue=Login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(step),
    });
  };
  const step = await start();
  expect(step.callbacks.map((cb) => cb.type)).toEqual(["NameCallback", "PasswordCallback"]);
  const ok = await fill(step, "demo", "demo-pass-1");
  expect(ok.status).toBe(200);
  expect(await ok.json()).toMatchObject({ successUrl: "/am/console", realm: "/" });
  const replay = await fill(step, "demo", "demo-pass-1");
  expect(replay.status).toBe(401);
  const bad = await fill(await start(), "demo", "nope");
  expect(bad.status).toBe(401);
  expect(await bad.json()).toEqual({ code: 401, reason: "Unauthorized", message: "Authentication Failed" });
});

test("cookieName and contextPath options change the cookie and the served prefix", async () => {
  const host = newHost({ options: { cookieName: "ab12cd34", contextPath: "/openam" } });
  const { res, token, body } = await login(host);
  expect(res.headers.get("set-cookie")).toContain(`ab12cd34=${token}; Path=/; HttpOnly`);
  expect(body.successUrl).toBe("/openam/console");
  const asHeader = await host.app.request("/openam/json/realms/root/sessions/?_action=getSessionInfo", {
    method: "POST",
    headers: { ab12cd34: token, "content-type": "application/json" },
    body: JSON.stringify({ tokenId: token }),
  });
  expect(asHeader.status).toBe(200);
  expect((await host.app.request("/am/json/realms/root/authenticate", { method: "POST" })).status).toBe(404);
  const info = await host.app.request("/openam/json/serverinfo/*");
  expect(await info.json()).toMatchObject({ cookieName: "ab12cd34", secureCookie: false });
});

test("contextPath empty serves AM at the server root only", async () => {
  const host = newHost({ options: { contextPath: "" } });
  expect((await login(host)).res.status).toBe(200);
  expect((await host.app.request("/am/json/realms/root/authenticate", { method: "POST", body: "{}" })).status).toBe(404);
});

test("secureCookie and authFailureBody variants: Secure on the SSO cookie, detail in the 401", async () => {
  const host = newHost({ options: { secureCookie: "true", authFailureBody: "detail" } });
  const { res, token } = await login(host);
  expect(res.headers.get("set-cookie")).toContain(`iPlanetDirectoryPro=${token}; Path=/; Secure; HttpOnly`);
  const failed = await login(host, "demo", "wrong");
  expect(failed.body).toEqual({ code: 401, reason: "Unauthorized", message: "Authentication Failed", detail: { failureUrl: "" } });
});

test("unknown paths answer 404 in the CREST envelope", async () => {
  const host = newHost();
  // The root is not served when AM is deployed at /am, as a servlet container would not.
  for (const path of ["/am/json/realms/root/nothing", "/nothing", "/am/json/realms/other/sessions", "/json/realms/root/sessions"]) {
    const res = await host.app.request(path);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 404, reason: "Not Found", message: "Not Found" });
  }
});

test("the wrong-password-accepted defect lets a bad password in (AM-01)", async () => {
  expect((await login(newHost(), "demo", "wrong")).res.status).toBe(401);
  const broken = newHost({ defects: ["wrong-password-accepted"] });
  const { res, token } = await login(broken, "demo", "wrong");
  expect(res.status).toBe(200);
  expect((await action(broken, "validate", { body: { tokenId: token } })).body).toMatchObject({ valid: true, uid: "demo" });
  // An unknown user still fails: the defect is about the password check only.
  const unknown = await broken.app.request("/am/json/realms/root/authenticate", {
    method: "POST",
    headers: { "x-openam-username": "nobody", "x-openam-password": "x" },
  });
  expect(unknown.status).toBe(401);
});
