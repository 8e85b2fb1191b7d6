import { expect, test } from "@playwright/test";
import { call, createToken, login, newHost, SEEDED_KEY, updateToken } from "../../../../test-support/controlm-token-client.ts";

// The token store's bounds (issue 14): the mock's own, answered as Control-M answers a refused request (400 ErrorList).

test("a token name longer than maxTokenNameLength (default 256) is refused 400 ErrorList at tokenName, and nothing is stored", async () => {
  const host = newHost();
  const atBound = await createToken(host, { tokenName: "n".repeat(256), roles: ["User"] });
  expect(atBound.status).toBe(200);
  // The example: a 900 KB name was answered 200 and kept.
  const huge = await createToken(host, { tokenName: "n".repeat(900_000), roles: ["User"] });
  expect(huge.status).toBe(400);
  expect(huge.body).toEqual({ errors: [{ message: "tokenName must be at most 256 characters long", item: "tokenName" }] });
  const listed = await call(host, "GET", "/authentication/tokens", { key: SEEDED_KEY });
  expect(listed.body.tokens?.map((t) => (t.tokenName ?? "").length).sort((a, b) => a - b)).toEqual(["emuser-seeded-token".length, 256]);
});

test("maxTokenNameLength is a --set option; newTokenName is bounded the same way; an unchecked expirationDate too", async () => {
  const host = newHost({ options: { maxTokenNameLength: "8" }, defects: ["update-renames", "expiration-date-not-validated"] });
  expect((await createToken(host, { tokenName: "eight-ch", roles: ["User"] })).status).toBe(200);
  const long = await createToken(host, { tokenName: "nine-char", roles: ["User"] });
  expect(long.body.errors?.[0]).toEqual({ message: "tokenName must be at most 8 characters long", item: "tokenName" });
  const rename = await updateToken(host, { tokenName: "eight-ch", newTokenName: "nine-char", roles: ["User"], expirationDate: null });
  expect(rename.status).toBe(400);
  expect(rename.body.errors?.[0]?.item).toBe("newTokenName");
  // The defect stores any expirationDate it is sent, but not a megabyte of one.
  const date = await createToken(host, { tokenName: "d", roles: ["User"], expirationDate: "9".repeat(100_000) });
  expect(date.status).toBe(400);
  expect(date.body.errors?.[0]?.item).toBe("expirationDate");
  expect((await createToken(host, { tokenName: "d", roles: ["User"], expirationDate: "not a date" })).status).toBe(200);
  expect(() => newHost({ options: { maxTokenNameLength: "0" } })).toThrow(/maxTokenNameLength=0 is not a positive whole number/);
  expect(() => newHost({ options: { maxTokensPerUser: "lots" } })).toThrow(/maxTokensPerUser=lots is not a positive whole number/);
});

test("a user holds at most maxTokensPerUser tokens (default 1000): one more is refused 400 until one is deleted; other users unaffected", async () => {
  const host = newHost({ options: { maxTokensPerUser: "3" } });
  // emuser holds the seeded token already.
  for (const name of ["a", "b"]) expect((await createToken(host, { tokenName: name, roles: ["User"] })).status).toBe(200);
  const full = await createToken(host, { tokenName: "c", roles: ["User"] });
  expect(full.status).toBe(400);
  expect(full.body).toEqual({
    errors: [{ message: "User emuser already has 3 tokens, the most allowed: delete one first", item: "tokenName" }],
  });
  const bearer = await login(host, "opsuser", "opspass-5678");
  expect((await createToken(host, { tokenName: "ops", roles: ["User"] }, { bearer })).status).toBe(200);
  expect((await call(host, "DELETE", "/authentication/token/a", { key: SEEDED_KEY })).status).toBe(200);
  expect((await createToken(host, { tokenName: "c", roles: ["User"] })).status).toBe(200);
  const defaults = newHost();
  for (let i = 1; i < 1000; i++) expect((await createToken(defaults, { tokenName: `t${i}`, roles: ["User"] })).status).toBe(200);
  expect((await createToken(defaults, { tokenName: "t1000", roles: ["User"] })).status).toBe(400);
});

test("the alternate wording has its own texts for the bounds", async () => {
  const host = newHost({ options: { messageTexts: "alternate", maxTokensPerUser: "1" } });
  const long = await createToken(host, { tokenName: "n".repeat(300), roles: ["User"] });
  expect(long.body.errors?.[0]?.message).toBe("The tokenName exceeds the maximum length of 256");
  expect((await createToken(host, { tokenName: "x", roles: ["User"] })).body.errors?.[0]?.message).toBe("Token limit reached (1)");
});
