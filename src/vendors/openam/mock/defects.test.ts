import { expect, test } from "@playwright/test";
import { behaviours } from "../../../catalogue/behaviours.ts";
import { openamMock } from "./index.ts";
import { action, login, minutes, newHost, query, withAndWithout as compare } from "../../../../test-support/openam-mock.ts";

test("every defect breaks openam behaviours from the catalogue", () => {
  const known = new Set(
    behaviours()
      .filter((b) => b.vendor === "openam")
      .map((b) => b.id),
  );
  for (const defect of openamMock.defects) {
    expect(defect.breaks.length, defect.name).toBeGreaterThan(0);
    expect(
      defect.breaks.filter((id) => !known.has(id)),
      defect.name,
    ).toEqual([]);
  }
});

test("validate-after-logout: validate still says valid after logout (AM-06)", async () => {
  const { clean, broken } = await compare("validate-after-logout", async (host) => {
    const { token } = await login(host, "demo");
    expect((await action(host, "logout", { caller: token })).body).toEqual({ result: "Successfully logged out" });
    return (await action(host, "validate", { body: { tokenId: token } })).body;
  });
  expect(clean).toEqual({ valid: false });
  expect(broken).toMatchObject({ valid: true, uid: "demo" });
});

test("getsessioninfo-resets-idle: polling getSessionInfo keeps the session alive (AM-03)", async () => {
  const { clean, broken } = await compare("getsessioninfo-resets-idle", async (host) => {
    const { token } = await login(host, "demo");
    host.clock.advance(minutes(20));
    const info = await action(host, "getSessionInfo", { caller: token, body: { tokenId: token } });
    return info.body.maxIdleExpirationTime;
  });
  expect(clean).toBe("2026-01-15T09:30:00Z");
  expect(broken).toBe("2026-01-15T09:50:00Z");
});

test("reset-idle-ignored: getSessionInfoAndResetIdleTime leaves the idle timer alone (AM-04)", async () => {
  const { clean, broken } = await compare("reset-idle-ignored", async (host) => {
    const { token } = await login(host, "demo");
    host.clock.advance(minutes(20));
    await action(host, "getSessionInfoAndResetIdleTime", { caller: token, body: { tokenId: token } });
    host.clock.advance(minutes(15));
    return (await action(host, "validate", { body: { tokenId: token } })).body.valid;
  });
  expect(clean).toBe(true);
  expect(broken).toBe(false);
});

test("refresh-ignores-throttle: a refresh 30 s after access moves the idle expiry (AM-09)", async () => {
  const { clean, broken } = await compare("refresh-ignores-throttle", async (host) => {
    const { token } = await login(host, "demo");
    host.clock.advance(30_000);
    return (await action(host, "refresh", { caller: token, body: { tokenId: token } })).body.maxIdleExpirationTime;
  });
  expect(clean).toBe("2026-01-15T09:30:00Z");
  expect(broken).toBe("2026-01-15T09:30:30Z");
});

test("no-admin-checks: a user may query, log out by handle and read other users' sessions (AM-08, AM-12)", async () => {
  const { clean, broken } = await compare("no-admin-checks", async (host) => {
    const demo = (await login(host, "demo")).token;
    const bjensen = (await login(host, "bjensen")).token;
    return [
      (await query(host, "true", demo)).res.status,
      (await action(host, "logoutByHandle", { caller: demo, body: { sessionHandles: [] } })).res.status,
      (await action(host, "getSessionInfo", { caller: demo, body: { tokenId: bjensen } })).res.status,
      (await action(host, "updateSessionProperties", { caller: demo, body: { tokenId: bjensen, department: "x" } })).res.status,
    ];
  });
  expect(clean).toEqual([403, 403, 403, 403]);
  expect(broken).toEqual([200, 200, 200, 200]);
});

test("logoutbyhandle-noop: logoutByHandle answers true but the session lives on (AM-07)", async () => {
  const { clean, broken } = await compare("logoutbyhandle-noop", async (host) => {
    const admin = (await login(host)).token;
    const { token } = await login(host, "demo");
    const [row] = (await query(host, 'username eq "demo"', admin)).body.result as { sessionHandle: string }[];
    const out = await action(host, "logoutByHandle", { caller: admin, body: { sessionHandles: [row?.sessionHandle] } });
    expect(out.body).toEqual({ result: { [row?.sessionHandle as string]: true } });
    return (await action(host, "validate", { body: { tokenId: token } })).body.valid;
  });
  expect(clean).toBe(false);
  expect(broken).toBe(true);
});

test("no-max-session-time: a session used every 10 minutes outlives 120 minutes, still reporting the limit (AM-10)", async () => {
  const { clean, broken } = await compare("no-max-session-time", async (host) => {
    const { token } = await login(host, "demo");
    let last: Record<string, unknown> = {};
    for (let at = 10; at <= 130; at += 10) {
      host.clock.advance(minutes(10));
      last = (await action(host, "getSessionInfoAndResetIdleTime", { caller: token, body: { tokenId: token } })).body;
    }
    return last;
  });
  expect(clean).toEqual({ code: 401, reason: "Unauthorized", message: "Access Denied" });
  expect(broken).toMatchObject({ username: "demo", maxSessionExpirationTime: "2026-01-15T11:00:00Z" });
});

test("property-allowlist-ignored: a property outside the allow-list is accepted (AM-05)", async () => {
  const { clean, broken } = await compare("property-allowlist-ignored", async (host) => {
    const { token } = await login(host, "demo");
    return (await action(host, "updateSessionProperties", { caller: token, body: { tokenId: token, costCentre: "42" } })).res.status;
  });
  expect(clean).toBe(403);
  expect(broken).toBe(200);
});

test("no-api-version-header: responses lose Content-API-Version (AM-13)", async () => {
  const { clean, broken } = await compare("no-api-version-header", async (host) => {
    const { res, token } = await login(host, "demo");
    const info = await action(host, "getSessionInfo", { caller: token, body: { tokenId: token } });
    return [res.headers.get("content-api-version"), info.res.headers.get("content-api-version")];
  });
  expect(clean).toEqual(["resource=2.1", "resource=4.0"]);
  expect(broken).toEqual([null, null]);
});

test("defects switch at run time through the control plane", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  await host.app.request("/__sessionprobe/defects", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ defects: ["no-max-session-time"] }),
  });
  for (let i = 0; i < 13; i += 1) {
    host.clock.advance(minutes(10));
    await action(host, "getSessionInfoAndResetIdleTime", { caller: token, body: { tokenId: token } });
  }
  expect((await action(host, "validate", { body: { tokenId: token } })).body.valid).toBe(true);
  await host.app.request("/__sessionprobe/defects", {
    method: "PUT",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ defects: [] }),
  });
  expect((await action(host, "validate", { body: { tokenId: token } })).body).toEqual({ valid: false });
});

test("validate-needs-caller: validate without a caller session is refused (AM-02)", async () => {
  const { clean, broken } = await compare("validate-needs-caller", async (host) => {
    const { token } = await login(host, "demo");
    const alone = await action(host, "validate", { body: { tokenId: token } });
    const withCaller = await action(host, "validate", { caller: token, body: { tokenId: token } });
    return [alone.res.status, withCaller.body.valid];
  });
  expect(clean).toEqual([200, true]);
  expect(broken).toEqual([401, true]);
});

test("missing-tokenid-crashes: actions without a tokenId answer 500 (AM-11)", async () => {
  const { clean, broken } = await compare("missing-tokenid-crashes", async (host) => {
    const { token } = await login(host, "demo");
    const statuses = [(await action(host, "validate", { body: {} })).res.status];
    for (const name of ["getSessionInfo", "getSessionProperties", "refresh", "logout"])
      statuses.push((await action(host, name, { caller: token, body: {} })).res.status);
    return statuses;
  });
  expect(clean).toEqual([400, 400, 400, 400, 200]);
  expect(broken).toEqual([500, 500, 500, 500, 500]);
});
