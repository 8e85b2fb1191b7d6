import { expect, test } from "@playwright/test";
import { action, login, newHost, query } from "../../../../test-support/openam-mock.ts";

const DENIED = { code: 401, reason: "Unauthorized", message: "Access Denied" };
const ACTIONS = [
  "getSessionInfo",
  "getSessionInfoAndResetIdleTime",
  "getSessionProperties",
  "updateSessionProperties",
  "refresh",
  "logout",
  "logoutByHandle",
  "explode",
];

test("every action but validate (and getSessionInfo of its own live token with no caller at all), and query, need a live caller session: 401 Access Denied", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  for (const name of ACTIONS) {
    for (const caller of [undefined, "not-a-token"]) {
      if (name === "getSessionInfo" && caller === undefined) continue;
      const { res, body } = await action(host, name, { body: { tokenId: token }, ...(caller ? { caller } : {}) });
      expect(res.status, `${name} as ${caller}`).toBe(401);
      expect(body).toEqual(DENIED);
    }
  }
  const q = await query(host, "true");
  expect(q.res.status).toBe(401);
  expect(q.body).toEqual(DENIED);
});

test("getSessionInfo with no caller: the body's live token answers for itself (AM 7.x/8.x, recorded); a dead one, or getSessionInfoCaller=required (the OpenAM fork), is 401", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  const own = await action(host, "getSessionInfo", { body: { tokenId: token } });
  expect(own.res.status).toBe(200);
  expect(own.body.username).toBe("demo");
  expect(own.res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
  const forged = await action(host, "getSessionInfo", { body: { tokenId: "not-a-token" } });
  expect(forged.res.status).toBe(401);
  expect(forged.body).toEqual(DENIED);
  const noTokenId = await action(host, "getSessionInfo", { body: {} });
  expect(noTokenId.res.status).toBe(401);
  const fork = newHost({ options: { getSessionInfoCaller: "required" } });
  const forkToken = (await login(fork, "demo")).token;
  const refused = await action(fork, "getSessionInfo", { body: { tokenId: forkToken } });
  expect(refused.res.status).toBe(401);
  expect(refused.body).toEqual(DENIED);
});

test("the caller's token works as a cookie as well as a header", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  const { res, body } = await action(host, "getSessionInfo", { caller: token, viaCookie: true, body: { tokenId: token } });
  expect(res.status).toBe(200);
  expect(body.username).toBe("demo");
});

test("a user may not read or change another user's session (403); the same user's other session is fine", async () => {
  const host = newHost();
  const demo = (await login(host, "demo")).token;
  const demoOther = (await login(host, "demo")).token;
  const bjensen = (await login(host, "bjensen")).token;
  for (const name of ["getSessionInfo", "getSessionInfoAndResetIdleTime", "getSessionProperties", "updateSessionProperties", "refresh"]) {
    const { res, body } = await action(host, name, { caller: demo, body: { tokenId: bjensen } });
    expect(res.status, name).toBe(403);
    expect(body).toEqual({ code: 403, reason: "Forbidden", message: "Forbidden" });
  }
  expect((await action(host, "getSessionInfo", { caller: demo, body: { tokenId: demoOther } })).res.status).toBe(200);
  const admin = (await login(host)).token;
  expect((await action(host, "getSessionProperties", { caller: admin, body: { tokenId: bjensen } })).res.status).toBe(200);
});

test("query and logoutByHandle are for administrators only (403 for a user)", async () => {
  const host = newHost();
  const demo = (await login(host, "demo")).token;
  const q = await query(host, "true", demo);
  expect(q.res.status).toBe(403);
  expect(q.body).toMatchObject({ code: 403, reason: "Forbidden" });
  const byHandle = await action(host, "logoutByHandle", { caller: demo, body: { sessionHandles: [] } });
  expect(byHandle.res.status).toBe(403);
  const admin = (await login(host)).token;
  expect((await query(host, "true", admin)).body.resultCount).toBe(2);
});
