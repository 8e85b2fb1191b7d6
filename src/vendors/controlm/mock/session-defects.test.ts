import { expect, test } from "@playwright/test";
import { call, type Host, login, newHost } from "../../../../test-support/controlm-token-client.ts";

// Each session defect with and without it: what it breaks, and that the clean mock does not.

const MINUTE = 60_000;
const emuser = (host: Host) => login(host, "emuser", "empass-1234");
const opsuser = (host: Host) => login(host, "opsuser", "opspass-5678");
const asBearer = async (host: Host, token: string) => (await call(host, "GET", "/config/servers", { bearer: token })).status;
const asApiKey = async (host: Host, token: string) => (await call(host, "GET", "/config/servers", { key: token })).status;
const logout = async (host: Host, token: string) => (await call(host, "POST", "/session/logout", { bearer: token })).status;

test("logout-keeps-api-key-carrier breaks CTM-S-07: the logged-out token is refused as Bearer but accepted as x-api-key", async () => {
  for (const [defects, afterLogout] of [
    [[], 401],
    [["logout-keeps-api-key-carrier"], 200],
  ] as const) {
    const host = newHost({ defects });
    const token = await emuser(host);
    // Live, a session token travels as Bearer only (sessionTokenAsApiKey=refused, the default), defect or not.
    expect(await asBearer(host, token)).toBe(200);
    expect(await asApiKey(host, token)).toBe(401);
    expect(await logout(host, token)).toBe(200);
    expect(await asBearer(host, token)).toBe(401);
    expect(await asApiKey(host, token), defects.join() || "clean").toBe(afterLogout);
  }
});

test("logout-ends-all-user-sessions breaks CTM-S-07: one logout ends the user's other sessions, not other users'", async () => {
  for (const [defects, sibling] of [
    [[], 200],
    [["logout-ends-all-user-sessions"], 401],
  ] as const) {
    const host = newHost({ defects });
    const [leaving, staying, other] = [await emuser(host), await emuser(host), await opsuser(host)];
    expect(await logout(host, leaving)).toBe(200);
    expect(await asBearer(host, leaving)).toBe(401);
    expect(await asBearer(host, staying), defects.join() || "clean").toBe(sibling);
    expect(await asBearer(host, other)).toBe(200);
  }
});

test("login-ends-earlier-sessions breaks CTM-S-01: a second login of the user ends the first, not other users'", async () => {
  for (const [defects, first] of [
    [[], 200],
    [["login-ends-earlier-sessions"], 401],
  ] as const) {
    const host = newHost({ defects });
    const [earlier, other] = [await emuser(host), await opsuser(host)];
    const later = await emuser(host);
    expect(await asBearer(host, later)).toBe(200);
    expect(await asBearer(host, earlier), defects.join() || "clean").toBe(first);
    expect(await asBearer(host, other)).toBe(200);
  }
});

test("validity-clock-per-user breaks CTM-S-05: a login restarts the 30 minutes of the user's earlier token", async () => {
  for (const [defects, early] of [
    [[], 401],
    [["validity-clock-per-user"], 200],
  ] as const) {
    const host = newHost({ defects });
    const earlier = await emuser(host);
    const other = await opsuser(host);
    host.clock.advance(20 * MINUTE);
    const later = await emuser(host);
    host.clock.advance(15 * MINUTE);
    // 35 minutes after its login the earlier token is past its 30; the later one, 15 minutes old, is not.
    expect(await asBearer(host, earlier), defects.join() || "clean").toBe(early);
    expect(await asBearer(host, later)).toBe(200);
    // Only the user who logged in again: another user's token ends on its own clock either way.
    expect(await asBearer(host, other)).toBe(401);
  }
});

test("password-update-ends-every-session breaks CTM-S-08: another user's session ends when one user changes a password", async () => {
  for (const [defects, others] of [
    [[], 200],
    [["password-update-ends-every-session"], 401],
  ] as const) {
    const host = newHost({ defects });
    const [changing, sibling, other] = [await emuser(host), await emuser(host), await opsuser(host)];
    const body = { currentPassword: "empass-1234", newPassword: "Np-1-x9" };
    expect((await call(host, "POST", "/session/user/password/update", { bearer: changing, body })).status).toBe(200);
    expect(await asBearer(host, changing)).toBe(200);
    expect(await asBearer(host, other), defects.join() || "clean").toBe(others);
    expect(await asBearer(host, sibling)).toBe(others);
    // The change itself happens either way: the defect is in what else it reaches.
    expect((await call(host, "POST", "/session/login", { body: { username: "emuser", password: "Np-1-x9" } })).status).toBe(200);
  }
});

test("unknown-api-key-accepted breaks CTM-S-04 and CTM-A-01: any x-api-key value is served as the default user", async () => {
  for (const [defects, status] of [
    [[], 401],
    [["unknown-api-key-accepted"], 200],
  ] as const) {
    const host = newHost({ defects });
    expect(await asApiKey(host, "sp-unknown-key"), defects.join() || "clean").toBe(status);
    expect((await call(host, "GET", "/authentication/tokens", { key: "sp-unknown-key" })).status).toBe(status);
    // A request with no credential at all stays refused: only a present header is waved through.
    expect((await call(host, "GET", "/config/servers")).status).toBe(401);
  }
});
