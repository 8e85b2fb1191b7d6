import { expect, test } from "@playwright/test";
import { call, createToken, login, newHost, SEEDED_KEY, updateToken, works } from "../../../../test-support/controlm-token-client.ts";

// The mock clock starts at 2026-01-15T09:00:00Z (MOCK_EPOCH).
const HOUR = 3_600_000;

test("CTM-A-01: token operations need a session Bearer or an API token, else 401 ErrorList", async () => {
  const host = newHost();
  for (const answer of [
    await createToken(host, { tokenName: "t1", roles: ["User"] }, {}),
    await createToken(host, { tokenName: "t1", roles: ["User"] }, { key: "not-a-token" }),
    await call(host, "GET", "/authentication/tokens"),
    await call(host, "GET", "/authentication/token/emuser-seeded-token", { bearer: "F00D" }),
    await call(host, "DELETE", "/authentication/token/emuser-seeded-token"),
    await updateToken(host, { tokenName: "emuser-seeded-token", roles: ["User"], expirationDate: null }, {}),
  ]) {
    expect(answer.status).toBe(401);
    expect(answer.body.errors?.[0]?.message).toBeTruthy();
  }
  const bearer = await login(host, "emuser", "empass-1234");
  expect((await createToken(host, { tokenName: "t1", roles: ["User"] }, { bearer })).status).toBe(200);
});

test("CTM-A-02/03: create returns TokenDataResponse with a fresh unguessable value that works as x-api-key", async () => {
  const host = newHost();
  const { status, body } = await createToken(host, { tokenName: "emuser1-token", expirationDate: "2026-12-02", roles: ["Admin", "User"] });
  expect(status).toBe(200);
  expect(body).toMatchObject({
    tokenName: "emuser1-token",
    tokenType: "User",
    user: "emuser",
    roles: ["Admin", "User"],
    expirationDate: "2026-12-02",
  });
  expect(body.createdDate).toBe("2026-01-15T09:00:00.000Z");
  expect(body.lastUpdatedDate).toBe(body.createdDate);
  expect(body.tokenValue).toMatch(/^[A-Za-z0-9_-]{43}$/);
  const second = await createToken(host, { tokenName: "emuser2-token", roles: ["User"], tokenType: "User" });
  expect(second.body.tokenValue).not.toBe(body.tokenValue);
  expect(second.body.expirationDate).toBeNull();
  expect(await works(host, String(body.tokenValue))).toBe(true);
  const listed = await call(host, "GET", "/authentication/tokens", { key: String(body.tokenValue) });
  expect(listed.body.tokens?.map((t) => t.tokenName).sort()).toEqual(["emuser-seeded-token", "emuser1-token", "emuser2-token"]);
  expect((await createToken(host, { tokenName: "agent", roles: ["User"], tokenType: "Agent" })).status).toBe(400);
});

test("CTM-A-04: token names are unique per server, across users", async () => {
  const host = newHost();
  expect((await createToken(host, { tokenName: "shared", roles: ["User"] })).status).toBe(200);
  const again = await createToken(host, { tokenName: "shared", roles: ["Admin"] });
  expect(again.status).toBe(400);
  expect(again.body.errors?.[0]?.item).toBe("tokenName");
  const bearer = await login(host, "opsuser", "opspass-5678");
  expect((await createToken(host, { tokenName: "shared", roles: ["User"] }, { bearer })).status).toBe(400);
  expect((await createToken(host, { tokenName: "emuser-seeded-token", roles: ["User"] }, { bearer })).status).toBe(400);
});

test("CTM-A-05/06: roles are mandatory and must all be held by the caller", async () => {
  const host = newHost();
  for (const roles of [undefined, [], [""], "User", [42]]) {
    const answer = await createToken(host, { tokenName: "r", roles });
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toMatch(/role/i);
  }
  const bearer = await login(host, "opsuser", "opspass-5678");
  const admin = await createToken(host, { tokenName: "ops-admin", roles: ["User", "Admin"] }, { bearer });
  expect(admin.status).toBe(403);
  expect(admin.body.errors?.[0]).toMatchObject({ item: "Admin" });
  expect((await createToken(host, { tokenName: "ops-viewer", roles: ["Viewer"] }, { bearer })).status).toBe(200);
  expect((await createToken(host, { tokenName: "em-viewer", roles: ["Viewer"] })).status).toBe(403);
});

test("CTM-A-07: expirationDate must be a real YYYY-MM-DD date after today (UTC)", async () => {
  const host = newHost();
  for (const expirationDate of ["2026-1-20", "20260120", "2026-02-30", "2026-13-01", "2026-01-20T00:00:00Z", "", 20260120]) {
    const answer = await createToken(host, { tokenName: "d", roles: ["User"], expirationDate });
    expect(answer.status, `expirationDate ${String(expirationDate)}`).toBe(400);
    expect(answer.body.errors?.[0]?.item).toBe("expirationDate");
  }
  expect((await createToken(host, { tokenName: "d", roles: ["User"], expirationDate: "2026-01-14" })).status).toBe(400);
  // Today is not "a future date", even at 09:00 UTC with most of the day left.
  expect((await createToken(host, { tokenName: "d", roles: ["User"], expirationDate: "2026-01-15" })).status).toBe(400);
  expect((await createToken(host, { tokenName: "d", roles: ["User"], expirationDate: "2026-01-16" })).status).toBe(200);
  expect((await createToken(host, { tokenName: "leap", roles: ["User"], expirationDate: "2028-02-29" })).status).toBe(200);
});

test("CTM-A-08/09: a dated token works through its UTC day and is refused from midnight after", async () => {
  const host = newHost();
  const dated = String((await createToken(host, { tokenName: "dated", roles: ["User"], expirationDate: "2026-01-16" })).body.tokenValue);
  const forever = String((await createToken(host, { tokenName: "forever", roles: ["User"] })).body.tokenValue);
  host.clock.advance(39 * HOUR - 1); // 2026-01-16T23:59:59.999Z
  expect(await works(host, dated)).toBe(true);
  host.clock.advance(1); // 2026-01-17T00:00:00.000Z
  expect(await works(host, dated)).toBe(false);
  const refused = await call(host, "GET", "/authentication/tokens", { key: dated });
  expect(refused.status).toBe(401);
  expect(refused.body.errors?.[0]?.message).toBeTruthy();
  host.clock.advance(5 * 365 * 24 * HOUR);
  expect(await works(host, forever)).toBe(true);
  expect(await works(host, SEEDED_KEY)).toBe(true);
  // The expired token still exists: its owner can see it and give it a new date.
  expect((await call(host, "GET", "/authentication/token/dated", { key: forever })).status).toBe(200);
});

test("CTM-A-09: the control plane's clock advance expires a dated token too", async () => {
  const host = newHost();
  const dated = String((await createToken(host, { tokenName: "dated", roles: ["User"], expirationDate: "2026-01-16" })).body.tokenValue);
  const advance = (by: string) =>
    host.app.request("/__sessionprobe/clock/advance", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ by }),
    });
  await advance("38h");
  expect(await works(host, dated)).toBe(true);
  await advance("1h");
  expect(await works(host, dated)).toBe(false);
});
