import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { openamMock } from "./index.ts";
import { action, login, newHost, query } from "../../../../test-support/openam-mock.ts";

const RECORDINGS = join(import.meta.dirname, "..", "recordings");

/** Each legal variant's option does what the variant claims (the suites' passing on them is variants.spec.ts). */
test("every variant names only known options, has evidence from the wire notes and a unique kebab name", () => {
  const names = new Set<string>();
  for (const variant of openamMock.variants) {
    expect(variant.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(names.has(variant.name), variant.name).toBe(false);
    names.add(variant.name);
    // Evidence is a wire-notes passage or a recording of the corpus that exists.
    const recording = /src\/vendors\/openam\/recordings\/?([\w.-]+\.json)?/.exec(variant.evidence);
    if (recording?.[1]) expect(existsSync(join(RECORDINGS, recording[1])), `${variant.name}: ${recording[1]}`).toBe(true);
    if (!recording) expect(variant.evidence).toMatch(/wire-notes-vmanage-openam\.md §2\.\d/);
    for (const option of Object.keys(variant.options ?? {})) expect(Object.keys(openamMock.optionHelp), variant.name).toContain(option);
    // Building the mock validates every option value.
    expect(() => newHost({ options: { ...variant.options } })).not.toThrow();
  }
});

test("the release profiles' resource versions are all variants", () => {
  const versions = openamMock.variants.map((v) => v.options?.resourceVersion).filter(Boolean);
  expect(versions).toEqual(expect.arrayContaining(["4.0", "5.0", "5.1"]));
});

test("invalidTarget: a dead target's getSessionInfo is 200 {valid:false}, or a CREST 400 / 401", async () => {
  for (const [answer, status, body] of [
    ["valid-false", 200, { valid: false }],
    ["400", 400, { code: 400 }],
    ["401", 401, { code: 401 }],
  ] as const) {
    const host = newHost({ options: { invalidTarget: answer } });
    const { token } = await login(host);
    const res = await action(host, "getSessionInfo", { caller: token, body: { tokenId: "no-such-token" } });
    expect(res.res.status, answer).toBe(status);
    expect(res.body).toMatchObject(body);
  }
});

test("refreshShape=openam-fork: refresh answers the fork's fields", async () => {
  const host = newHost({ options: { refreshShape: "openam-fork" } });
  const { token } = await login(host, "demo");
  host.clock.advance(30_000);
  const throttled = await action(host, "refresh", { caller: token, body: { tokenId: token } });
  expect(throttled.body).toEqual({
    valid: true,
    uid: "demo",
    realm: "/",
    idletime: 30,
    maxidletime: 30,
    maxsessiontime: 120,
    maxtime: 120 * 60 - 30,
  });
  host.clock.advance(60_000);
  expect((await action(host, "refresh", { caller: token, body: { tokenId: token } })).body).toMatchObject({
    idletime: 0,
    maxtime: 120 * 60 - 90,
  });
});

test("deadTokenLogout and logoutGoto: a dead caller's logout is 401 or 200 Token has expired; goto when configured", async () => {
  for (const [answer, status] of [
    ["401", 401],
    ["200", 200],
  ] as const) {
    const host = newHost({ options: { deadTokenLogout: answer, logoutGoto: "https://example.com/bye" } });
    const { token } = await login(host, "demo");
    expect((await action(host, "logout", { caller: token, body: { tokenId: token } })).body).toEqual({
      result: "Successfully logged out",
      goto: "https://example.com/bye",
    });
    const again = await action(host, "logout", { caller: token, body: { tokenId: token } });
    expect(again.res.status, answer).toBe(status);
    if (status === 200) expect(again.body).toEqual({ result: "Token has expired" });
  }
});

test("propertyUpdate=exact: the properties sent must be exactly the settable allow-list", async () => {
  const host = newHost({ options: { propertyUpdate: "exact", sessionPropertyAllowList: "AMCtxId,a,b" } });
  const { token } = await login(host, "demo");
  expect((await action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, a: "1" } })).res.status).toBe(403);
  const both = await action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, a: "1", b: "2" } });
  expect(both.res.status).toBe(200);
  expect(both.body).toMatchObject({ a: "1", b: "2" });
});

test("queryEnvelope=crest-minimal: no total fields", async () => {
  const host = newHost({ options: { queryEnvelope: "crest-minimal" } });
  const { token } = await login(host);
  const { body } = await query(host, "true", token);
  expect(Object.keys(body).sort()).toEqual(["pagedResultsCookie", "remainingPagedResults", "result", "resultCount"]);
});

test("missingTokenId=caller: getSessionInfo without a tokenId reports the caller's own session", async () => {
  const host = newHost({ options: { missingTokenId: "caller" } });
  const { token } = await login(host, "demo");
  const { res, body } = await action(host, "getSessionInfo", { caller: token, body: {} });
  expect(res.status).toBe(200);
  expect(body.username).toBe("demo");
});

test("the mint points record every token and handle the mock issues", async () => {
  const host = newHost({ recordIssued: true });
  const { token } = await login(host, "demo");
  const { body } = await query(host, "true", (await login(host)).token);
  const handles = (body.result as { sessionHandle: string }[]).map((r) => r.sessionHandle);
  expect(host.issued.list()).toEqual(expect.arrayContaining([token, ...handles]));
});
