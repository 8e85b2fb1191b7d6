import { expect, test } from "@playwright/test";
import { call, createToken, login, newHost, SEEDED_KEY, updateToken, works } from "../../../test-support/controlm-token-client.ts";

const HOUR = 3_600_000;

test("duplicate-names-allowed breaks CTM-A-04: a second token with the same name is created", async () => {
  for (const [defects, status] of [
    [[], 400],
    [["duplicate-names-allowed"], 200],
  ] as const) {
    const host = newHost({ defects });
    await createToken(host, { tokenName: "twin", roles: ["User"] });
    expect((await createToken(host, { tokenName: "twin", roles: ["User"] })).status).toBe(status);
  }
});

test("roles-not-checked breaks CTM-A-06: a token may carry a role its user lacks", async () => {
  for (const [defects, status] of [
    [[], 403],
    [["roles-not-checked"], 200],
  ] as const) {
    const host = newHost({ defects });
    const bearer = await login(host, "opsuser", "opspass-5678");
    const answer = await createToken(host, { tokenName: "escalate", roles: ["Admin"] }, { bearer });
    expect(answer.status).toBe(status);
    if (status === 200) expect(answer.body.roles).toEqual(["Admin"]);
  }
  // Still refused without the defect on update, too.
  const host = newHost();
  await createToken(host, { tokenName: "t", roles: ["User"] });
  expect((await updateToken(host, { tokenName: "t", roles: ["Viewer"], expirationDate: null })).status).toBe(403);
});

test("expired-token-accepted breaks CTM-A-09: a token keeps working after its date", async () => {
  for (const [defects, stillWorks] of [
    [[], false],
    [["expired-token-accepted"], true],
  ] as const) {
    const host = newHost({ defects });
    const value = String((await createToken(host, { tokenName: "dated", roles: ["User"], expirationDate: "2026-01-16" })).body.tokenValue);
    host.clock.advance(40 * HOUR); // 2026-01-17T01:00Z
    expect(await works(host, value)).toBe(stillWorks);
  }
});

test("deleted-token-accepted breaks CTM-A-11: a deleted token keeps working, even when switched on later", async () => {
  const host = newHost();
  const value = String((await createToken(host, { tokenName: "gone", roles: ["User"] })).body.tokenValue);
  expect((await call(host, "DELETE", "/authentication/token/gone", { key: SEEDED_KEY })).status).toBe(200);
  expect(await works(host, value)).toBe(false);
  const switched = await host.app.request("/__sessionprobe/defects", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ defects: ["deleted-token-accepted"] }),
  });
  expect(switched.status).toBe(200);
  expect(await works(host, value)).toBe(true);
  // The defect breaks only the refusal: GET of the deleted token stays 404.
  expect((await call(host, "GET", "/authentication/token/gone", { key: SEEDED_KEY })).status).toBe(404);
});

test("list-shows-all-users breaks CTM-A-12: the list holds other users' tokens", async () => {
  for (const [defects, users] of [
    [[], ["opsuser"]],
    [["list-shows-all-users"], ["emuser", "opsuser"]],
  ] as const) {
    const host = newHost({ defects });
    const bearer = await login(host, "opsuser", "opspass-5678");
    await createToken(host, { tokenName: "ops-token", roles: ["User"] }, { bearer });
    const listed = await call(host, "GET", "/authentication/tokens", { bearer });
    expect([...new Set(listed.body.tokens?.map((t) => t.user))].sort()).toEqual(users);
  }
});

test("update-renames breaks CTM-A-10: PUT with newTokenName renames the token", async () => {
  const body = { tokenName: "old", newTokenName: "new", roles: ["User"], expirationDate: null };
  const clean = newHost();
  await createToken(clean, { tokenName: "old", roles: ["User"] });
  expect((await updateToken(clean, body)).status).toBe(400);
  expect((await call(clean, "GET", "/authentication/token/old", { key: SEEDED_KEY })).status).toBe(200);

  const broken = newHost({ defects: ["update-renames"] });
  const value = String((await createToken(broken, { tokenName: "old", roles: ["User"] })).body.tokenValue);
  const renamed = await updateToken(broken, body);
  expect(renamed.status).toBe(200);
  expect(renamed.body.tokenName).toBe("new");
  expect((await call(broken, "GET", "/authentication/token/old", { key: SEEDED_KEY })).status).toBe(404);
  expect((await call(broken, "GET", "/authentication/token/new", { key: SEEDED_KEY })).status).toBe(200);
  expect(await works(broken, value)).toBe(true);
  // Even the broken server will not rename onto a name in use (409, which update_token lists).
  expect((await updateToken(broken, { ...body, tokenName: "new", newTokenName: "emuser-seeded-token" })).status).toBe(409);
});
