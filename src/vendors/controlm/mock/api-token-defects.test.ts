import { expect, test } from "@playwright/test";
import { call, createToken, login, newHost, SEEDED_KEY, updateToken, works } from "../../../../test-support/controlm-token-client.ts";

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

test("update-merges-roles breaks CTM-A-10: narrowing roles on update keeps the old ones too", async () => {
  for (const [defects, roles] of [
    [[], ["User"]],
    [["update-merges-roles"], ["Admin", "User"]],
  ] as const) {
    const host = newHost({ defects });
    await createToken(host, { tokenName: "narrow", roles: ["Admin", "User"] });
    const updated = await updateToken(host, { tokenName: "narrow", roles: ["User"], expirationDate: "2026-03-01" });
    expect(updated.status).toBe(200);
    expect(updated.body.roles, defects.join() || "clean").toEqual(roles);
    expect((await call(host, "GET", "/authentication/token/narrow", { key: SEEDED_KEY })).body.roles).toEqual(roles);
  }
});

test("update-applies-to-all-user-tokens breaks CTM-A-10: the user's token no update named takes the new date", async () => {
  for (const [defects, asideDate] of [
    [[], "2026-02-01"],
    [["update-applies-to-all-user-tokens"], "2026-03-01"],
  ] as const) {
    const host = newHost({ defects });
    await createToken(host, { tokenName: "named", roles: ["User"], expirationDate: "2026-02-01" });
    await createToken(host, { tokenName: "aside", roles: ["User"], expirationDate: "2026-02-01" });
    expect((await updateToken(host, { tokenName: "named", roles: ["User"], expirationDate: "2026-03-01" })).status).toBe(200);
    const aside = await call(host, "GET", "/authentication/token/aside", { key: SEEDED_KEY });
    expect(aside.body.expirationDate, defects.join() || "clean").toBe(asideDate);
    expect(aside.body.tokenName).toBe("aside");
  }
});

test("duplicate-create-overwrites breaks CTM-A-04: the refused duplicate replaces the first token's value and date", async () => {
  for (const [defects, overwritten] of [
    [[], false],
    [["duplicate-create-overwrites"], true],
  ] as const) {
    const host = newHost({ defects });
    const first = String((await createToken(host, { tokenName: "twin", roles: ["User"], expirationDate: "2026-02-01" })).body.tokenValue);
    const again = await createToken(host, { tokenName: "twin", roles: ["User"], expirationDate: "2026-03-01" });
    // Refused on the wire either way: only what it did to the first token differs.
    expect(again.status).toBe(400);
    expect(again.body.tokenValue).toBeUndefined();
    expect(await works(host, first), defects.join() || "clean").toBe(!overwritten);
    const got = await call(host, "GET", "/authentication/token/twin", { key: SEEDED_KEY });
    expect(got.body.expirationDate).toBe(overwritten ? "2026-03-01" : "2026-02-01");
  }
});

test("deleted-token-still-listed breaks CTM-A-11: GET says 404 and the value is refused, but the list still shows the token", async () => {
  for (const [defects, listed] of [
    [[], false],
    [["deleted-token-still-listed"], true],
  ] as const) {
    const host = newHost({ defects });
    const value = String((await createToken(host, { tokenName: "gone", roles: ["User"] })).body.tokenValue);
    expect((await call(host, "DELETE", "/authentication/token/gone", { key: SEEDED_KEY })).status).toBe(200);
    expect((await call(host, "GET", "/authentication/token/gone", { key: SEEDED_KEY })).status).toBe(404);
    expect(await works(host, value)).toBe(false);
    const names = (await call(host, "GET", "/authentication/tokens", { key: SEEDED_KEY })).body.tokens?.map((t) => t.tokenName);
    expect(names?.includes("gone"), defects.join() || "clean").toBe(listed);
    expect(names).toContain("emuser-seeded-token");
  }
});

test("delete-removes-name-prefix breaks CTM-A-11: deleting a token deletes the user's tokens whose names start with its name", async () => {
  for (const [defects, keptStatus] of [
    [[], 200],
    [["delete-removes-name-prefix"], 404],
  ] as const) {
    const host = newHost({ defects });
    const bearer = await login(host, "opsuser", "opspass-5678");
    await createToken(host, { tokenName: "del", roles: ["User"] });
    const kept = String((await createToken(host, { tokenName: "del-kept", roles: ["User"] })).body.tokenValue);
    await createToken(host, { tokenName: "del-theirs", roles: ["User"] }, { bearer });
    expect((await call(host, "DELETE", "/authentication/token/del", { key: SEEDED_KEY })).status).toBe(200);
    expect((await call(host, "GET", "/authentication/token/del-kept", { key: SEEDED_KEY })).status, defects.join() || "clean").toBe(
      keptStatus,
    );
    expect(await works(host, kept)).toBe(keptStatus === 200);
    // The match stays within the user's own tokens: another user's of the same prefix is untouched either way.
    expect((await call(host, "GET", "/authentication/token/del-theirs", { bearer })).status).toBe(200);
  }
});

test("delete-ignores-owner breaks CTM-A-11: another user's delete of the name removes my token", async () => {
  for (const [defects, deleteStatus] of [
    [[], 404],
    [["delete-ignores-owner"], 200],
  ] as const) {
    const host = newHost({ defects });
    const mine = String((await createToken(host, { tokenName: "mine", roles: ["User"] })).body.tokenValue);
    const bearer = await login(host, "opsuser", "opspass-5678");
    expect((await call(host, "DELETE", "/authentication/token/mine", { bearer })).status, defects.join() || "clean").toBe(deleteStatus);
    expect((await call(host, "GET", "/authentication/token/mine", { key: SEEDED_KEY })).status).toBe(deleteStatus === 404 ? 200 : 404);
    expect(await works(host, mine)).toBe(deleteStatus === 404);
  }
});
