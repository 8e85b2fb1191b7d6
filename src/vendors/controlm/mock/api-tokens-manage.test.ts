import { expect, test } from "@playwright/test";
import { controlmMock } from "./index.ts";
import { call, createToken, login, newHost, SEEDED_KEY, updateToken, works } from "../../../../test-support/controlm-token-client.ts";

test("CTM-A-10: update changes roles and expiry, needs every field, and cannot rename", async () => {
  const host = newHost();
  await createToken(host, { tokenName: "t", roles: ["Admin", "User"] });
  host.clock.advance(60_000);
  for (const body of [
    { tokenName: "t", roles: ["User"] },
    { tokenName: "t", expirationDate: "2026-03-01" },
    { roles: ["User"], expirationDate: null },
  ]) {
    expect((await updateToken(host, body)).status).toBe(400);
  }
  expect((await updateToken(host, { tokenName: "nope", roles: ["User"], expirationDate: null })).status).toBe(404);
  expect((await updateToken(host, { tokenName: "t", roles: ["Viewer"], expirationDate: null })).status).toBe(403);
  expect((await updateToken(host, { tokenName: "t", roles: ["User"], expirationDate: "2026-01-15" })).status).toBe(400);
  const updated = await updateToken(host, { tokenName: "t", roles: ["User"], expirationDate: "2026-03-01" });
  expect(updated.status).toBe(200);
  expect(updated.body).toMatchObject({
    tokenName: "t",
    roles: ["User"],
    expirationDate: "2026-03-01",
    createdDate: "2026-01-15T09:00:00.000Z",
  });
  expect(updated.body.lastUpdatedDate).toBe("2026-01-15T09:01:00.000Z");
  expect(updated.body.tokenValue).toBe("********");
  const rename = await updateToken(host, { tokenName: "t", newTokenName: "renamed", roles: ["User"], expirationDate: null });
  expect(rename.status).toBe(400);
  expect((await call(host, "GET", "/authentication/token/t", { key: SEEDED_KEY })).body.expirationDate).toBe("2026-03-01");
  expect((await call(host, "GET", "/authentication/token/renamed", { key: SEEDED_KEY })).status).toBe(404);
  // The documented get-then-update round trip, including a never-expiring token (expirationDate null).
  const seeded = (await call(host, "GET", "/authentication/token/emuser-seeded-token", { key: SEEDED_KEY })).body;
  expect(
    (await updateToken(host, { tokenName: seeded.tokenName, roles: seeded.roles, expirationDate: seeded.expirationDate })).status,
  ).toBe(200);
  const bearer = await login(host, "opsuser", "opspass-5678");
  expect((await updateToken(host, { tokenName: "t", roles: ["User"], expirationDate: null }, { bearer })).status).toBe(404);
});

test("CTM-A-12: GET shows the caller's token masked; the list holds only the caller's tokens", async () => {
  const host = newHost();
  const bearer = await login(host, "opsuser", "opspass-5678");
  const created = await createToken(host, { tokenName: "ops-token", roles: ["Viewer"] }, { bearer });
  const got = await call(host, "GET", "/authentication/token/ops-token", { bearer });
  expect(got.status).toBe(200);
  expect(got.body).toMatchObject({
    tokenName: "ops-token",
    tokenType: "User",
    user: "opsuser",
    roles: ["Viewer"],
    expirationDate: null,
    createdDate: created.body.createdDate,
  });
  expect(got.body.tokenValue).not.toBe(created.body.tokenValue);
  expect((await call(host, "GET", "/authentication/token/ops-token", { key: SEEDED_KEY })).status).toBe(404);
  expect((await call(host, "GET", "/authentication/token/never-made", { bearer })).status).toBe(404);
  const mine = await call(host, "GET", "/authentication/tokens", { bearer });
  expect(mine.body.tokens?.map((t) => t.tokenName)).toEqual(["ops-token"]);
  const theirs = await call(host, "GET", "/authentication/tokens", { key: SEEDED_KEY });
  expect(theirs.body.tokens?.map((t) => t.user)).toEqual(["emuser"]);
  expect(JSON.stringify(theirs.body)).not.toContain(SEEDED_KEY);
});

test("CTM-A-11: delete answers {message}; the token is refused afterwards and GET is 404", async () => {
  const host = newHost();
  const value = String((await createToken(host, { tokenName: "gone", roles: ["User"] })).body.tokenValue);
  const bearer = await login(host, "opsuser", "opspass-5678");
  expect((await call(host, "DELETE", "/authentication/token/gone", { bearer })).status).toBe(404);
  const deleted = await call(host, "DELETE", "/authentication/token/gone", { key: value });
  expect(deleted.status).toBe(200);
  expect(deleted.body.message).toMatch(/gone/);
  expect(await works(host, value)).toBe(false);
  expect((await call(host, "GET", "/authentication/token/gone", { key: SEEDED_KEY })).status).toBe(404);
  expect((await call(host, "DELETE", "/authentication/token/gone", { key: SEEDED_KEY })).status).toBe(404);
  // The name is free again.
  expect((await createToken(host, { tokenName: "gone", roles: ["User"] })).status).toBe(200);
});

test("CTM-A-13: annotation mode on demands both headers for create/update/delete; off needs none", async () => {
  const off = newHost();
  expect((await createToken(off, { tokenName: "plain", roles: ["User"] })).status).toBe(200);
  const on = newHost({ options: { annotation: "on" } });
  const annotated = { key: SEEDED_KEY, headers: { "Annotation-Subject": "CHG-1", "Annotation-Description": "rotate keys" } };
  const refused = await createToken(on, { tokenName: "a", roles: ["User"] });
  expect(refused.status).toBe(400);
  expect(refused.body.errors?.[0]?.message).toMatch(/annotation is required/i);
  expect(
    (await createToken(on, { tokenName: "a", roles: ["User"] }, { key: SEEDED_KEY, headers: { "Annotation-Subject": "CHG-1" } })).status,
  ).toBe(400);
  expect((await createToken(on, { tokenName: "a", roles: ["User"] }, annotated)).status).toBe(200);
  expect((await updateToken(on, { tokenName: "a", roles: ["User"], expirationDate: null })).status).toBe(400);
  expect((await updateToken(on, { tokenName: "a", roles: ["User"], expirationDate: null }, annotated)).status).toBe(200);
  expect((await call(on, "GET", "/authentication/token/a", { key: SEEDED_KEY })).status).toBe(200);
  expect((await call(on, "DELETE", "/authentication/token/a", { key: SEEDED_KEY })).status).toBe(400);
  expect((await call(on, "DELETE", "/authentication/token/a", annotated)).status).toBe(200);
  // Header names are options, because the real ones are not public.
  const custom = newHost({ options: { annotation: "on", annotationSubjectHeader: "X-Why", annotationDescriptionHeader: "X-Detail" } });
  expect((await createToken(custom, { tokenName: "c", roles: ["User"] }, annotated)).status).toBe(400);
  expect(
    (
      await createToken(
        custom,
        { tokenName: "c", roles: ["User"] },
        { key: SEEDED_KEY, headers: { "X-Why": "CHG-2", "X-Detail": "new job" } },
      )
    ).status,
  ).toBe(200);
  expect(() => newHost({ options: { annotation: "yes" } })).toThrow(/option annotation=yes is not one of off, on/);
});

test("seeded API token: public, in users and the banner, restored by reset; unknown routes are ErrorList 404", async () => {
  const host = newHost();
  expect(controlmMock.users.default?.apiKey).toBe(SEEDED_KEY);
  expect(host.instance.banner?.().join("\n")).toContain(SEEDED_KEY);
  await createToken(host, { tokenName: "extra", roles: ["User"] });
  expect((await call(host, "DELETE", "/authentication/token/emuser-seeded-token", { key: SEEDED_KEY })).status).toBe(200);
  expect(await works(host, SEEDED_KEY)).toBe(false);
  expect((await host.app.request("/__sessionprobe/reset", { method: "POST" })).status).toBe(200);
  const listed = await call(host, "GET", "/authentication/tokens", { key: SEEDED_KEY });
  expect(listed.body.tokens?.map((t) => t.tokenName)).toEqual(["emuser-seeded-token"]);
  const unknown = await call(host, "GET", "/authentication/nothing", { key: SEEDED_KEY });
  expect(unknown.status).toBe(404);
  expect(unknown.body.errors?.[0]?.message).toBeTruthy();
});
