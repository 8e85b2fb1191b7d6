import { expect, test } from "@playwright/test";
import { action, login, newHost } from "../../../../test-support/openam-mock.ts";

// What a session stores is bounded (issue 14): the mock's bounds, refused with CREST's 400 envelope.

test("updateSessionProperties: a value longer than maxPropertyValueLength (default 4096) is 400 and changes nothing", async () => {
  const host = newHost();
  const { token } = await login(host);
  const ok = await action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, department: "d".repeat(4096) } });
  expect(ok.res.status).toBe(200);
  // The example: 900 KB values were answered 200 and kept, 700 of them 816 MB.
  const huge = await action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, department: "v".repeat(900_000) } });
  expect(huge.res.status).toBe(400);
  expect(huge.body).toEqual({ code: 400, reason: "Bad Request", message: 'Session property "department" is longer than 4096 characters' });
  const read = await action(host, "getSessionProperties", { caller: token, body: { tokenId: token } });
  expect(String(read.body.department)).toHaveLength(4096);
  // The allow-list still comes first: an unlisted property is 403 whatever its size.
  const unlisted = await action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, other: "v".repeat(5000) } });
  expect(unlisted.res.status).toBe(403);
});

test("maxPropertyValueLength is a --set option; under property-allowlist-ignored names and counts are bounded too", async () => {
  const host = newHost({ options: { maxPropertyValueLength: "10" }, defects: ["property-allowlist-ignored"] });
  const { token } = await login(host);
  const send = (body: Record<string, string>) =>
    action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, ...body } });
  expect((await send({ department: "0123456789" })).res.status).toBe(200);
  expect((await send({ department: "01234567890" })).body.message).toBe('Session property "department" is longer than 10 characters');
  const longName = await send({ ["n".repeat(300)]: "v" });
  expect(longName.res.status).toBe(400);
  expect(longName.body.message).toMatch(/^Session property name "n{64}…" is longer than 256 characters$/);
  // AMCtxId and department are held; 62 more fill the session, the 65th is refused.
  expect((await send(Object.fromEntries(Array.from({ length: 62 }, (_, i) => [`p${i}`, "v"])))).res.status).toBe(200);
  const full = await send({ one: "more" });
  expect(full.body).toEqual({ code: 400, reason: "Bad Request", message: "A session holds at most 64 properties" });
  expect((await send({ p0: "replaced" })).res.status).toBe(200);
  expect(() => newHost({ options: { maxPropertyValueLength: "-1" } })).toThrow(/maxPropertyValueLength must be a positive whole number/);
});
