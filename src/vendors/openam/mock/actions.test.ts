import { expect, test } from "@playwright/test";
import { action, login, newHost } from "../../../../test-support/openam-mock.ts";

const CTX_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}-\d+$/;

test("validate: valid:true with sessionUid/uid/realm, valid:false otherwise, no caller session needed", async () => {
  const host = newHost();
  const { token } = await login(host, "bjensen");
  const live = await action(host, "validate", { body: { tokenId: token } });
  expect(live.res.status).toBe(200);
  expect(live.body).toEqual({ valid: true, sessionUid: expect.stringMatching(CTX_ID), uid: "bjensen", realm: "/" });
  expect((await action(host, "validate", { body: { tokenId: "nope.*AAJTSQACMDEAAlMxAAA.*" } })).body).toEqual({ valid: false });
  // No tokenId: the caller's own token (cookie or header) is validated; none anywhere is a 400.
  expect((await action(host, "validate", { caller: token, viaCookie: true })).body).toMatchObject({ valid: true, uid: "bjensen" });
  const none = await action(host, "validate");
  expect(none.res.status).toBe(400);
  expect(none.body).toEqual({ code: 400, reason: "Bad Request", message: "iPlanetDirectoryCookie not set on request" });
});

test("getSessionInfo answers the AM 8 shape with ISO-8601 seconds and the 30 min / 120 min expiries", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  host.clock.advance(90_500);
  const { res, body } = await action(host, "getSessionInfo", { caller: token, body: { tokenId: token } });
  expect(res.status).toBe(200);
  expect(body).toEqual({
    username: "demo",
    universalId: "id=demo,ou=user,dc=openam,dc=forgerock,dc=org",
    realm: "/",
    latestAccessTime: "2026-01-15T09:00:00Z",
    maxIdleExpirationTime: "2026-01-15T09:30:00Z",
    maxSessionExpirationTime: "2026-01-15T11:00:00Z",
    properties: { AMCtxId: expect.stringMatching(CTX_ID) },
  });
  const reset = await action(host, "getSessionInfoAndResetIdleTime", { caller: token, body: { tokenId: token } });
  expect(reset.body).toMatchObject({ latestAccessTime: "2026-01-15T09:01:30Z", maxIdleExpirationTime: "2026-01-15T09:31:30Z" });
  expect(Object.keys(reset.body).sort()).toEqual(Object.keys(body).sort());
});

test("an admin reads another user's session; a target that is not live gets {valid:false}", async () => {
  const host = newHost();
  const admin = (await login(host)).token;
  const { token } = await login(host, "alpha");
  const info = await action(host, "getSessionInfo", { caller: admin, body: { tokenId: token } });
  expect(info.body).toMatchObject({ username: "alice", realm: "/alpha" });
  const gone = await action(host, "getSessionInfo", { caller: admin, body: { tokenId: "unknown" } });
  expect(gone.res.status).toBe(200);
  expect(gone.body).toEqual({ valid: false });
});

test("session properties: allow-listed read and update; outside the list or protected → 403, nothing changed", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  const read = await action(host, "getSessionProperties", { caller: token, body: { tokenId: token } });
  expect(read.body).toEqual({ AMCtxId: expect.stringMatching(CTX_ID), department: "" });
  const update = await action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, department: "sales" } });
  expect(update.res.status).toBe(200);
  expect(update.body).toMatchObject({ department: "sales" });
  for (const body of [
    { tokenId: token, costCentre: "42" },
    { tokenId: token, AMCtxId: "forged" },
    { tokenId: token, department: "ops", costCentre: "42" },
  ]) {
    const refused = await action(host, "updateSessionProperties", { caller: token, body });
    expect(refused.res.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 403, reason: "Forbidden" });
  }
  const after = await action(host, "getSessionProperties", { caller: token, body: { tokenId: token } });
  expect(after.body).toEqual({ AMCtxId: read.body.AMCtxId, department: "sales" });
  const info = await action(host, "getSessionInfo", { caller: token, body: { tokenId: token } });
  expect(info.body.properties).toEqual({ AMCtxId: read.body.AMCtxId, department: "sales" });
  const invalid = await action(host, "getSessionProperties", { caller: token, body: { tokenId: "unknown" } });
  expect(invalid.res.status).toBe(400);
});

test("logout: Successfully logged out, then validate false; a gone target says Token has expired; a dead caller gets 401", async () => {
  const host = newHost();
  const admin = (await login(host)).token;
  const { token } = await login(host, "demo");
  const out = await action(host, "logout", { caller: admin, body: { tokenId: token } });
  expect(out.res.status).toBe(200);
  expect(out.body).toEqual({ result: "Successfully logged out" });
  expect((await action(host, "validate", { body: { tokenId: token } })).body).toEqual({ valid: false });
  expect((await action(host, "logout", { caller: admin, body: { tokenId: token } })).body).toEqual({ result: "Token has expired" });
  const dead = await action(host, "logout", { caller: token });
  expect(dead.res.status).toBe(401);
  expect(dead.body).toEqual({ code: 401, reason: "Unauthorized", message: "Access Denied" });
});

test("the JS SDK's logout: no body, resource=2.0, under /am, token in the cookie-named header", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  const res = await host.app.request("/am/json/realms/root/sessions/?_action=logout", {
    method: "POST",
    headers: { "accept-api-version": "protocol=1.0,resource=2.0", "x-requested-with": "forgerock-sdk", iPlanetDirectoryPro: token },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-api-version")).toBe("resource=2.0");
  expect(await res.json()).toEqual({ result: "Successfully logged out" });
  expect(host.instance.openSessions()).toHaveLength(0);
});
