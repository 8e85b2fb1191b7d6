import { expect, test } from "@playwright/test";
import type { MockHost } from "../../../mock-kit/host.ts";
import { action, login, minutes, query, withAndWithout } from "../../../../test-support/openam-mock.ts";

/**
 * The defects that break a frame condition: each behaviour still works on the session it
 * names, and reaches one it must leave alone (another session of the user, another user's,
 * the caller, the other carrier). Each test shows the mock with and without the defect.
 */

const valid = async (host: MockHost, token: string) => (await action(host, "validate", { body: { tokenId: token } })).body.valid;

const idleExpiry = async (host: MockHost, admin: string, token: string) =>
  (await action(host, "getSessionInfo", { caller: admin, body: { tokenId: token } })).body.maxIdleExpirationTime;

const department = async (host: MockHost, caller: string, token = caller) =>
  (await action(host, "getSessionProperties", { caller, body: { tokenId: token } })).body.department;

/** The only session handle the admin's query lists for demo (the test opens one at a time). */
async function onlyDemoHandle(host: MockHost, admin: string): Promise<string> {
  const rows = (await query(host, 'username eq "demo"', admin)).body.result as { sessionHandle: string }[];
  expect(rows).toHaveLength(1);
  return rows[0]?.sessionHandle as string;
}

test("login-ends-user-sessions: a second login of the user ends the first; another user's session lives (AM-01)", async () => {
  const { clean, broken } = await withAndWithout("login-ends-user-sessions", async (host) => {
    const first = (await login(host, "demo")).token;
    const other = (await login(host, "bjensen")).token;
    const second = await login(host, "demo");
    expect(second.res.status).toBe(200);
    return [await valid(host, first), await valid(host, second.token), await valid(host, other)];
  });
  expect(clean).toEqual([true, true, true]);
  expect(broken).toEqual([false, true, true]);
});

test("getsessioninfo-reads-caller: the admin asking about a user's session is told about its own (AM-03)", async () => {
  const { clean, broken } = await withAndWithout("getsessioninfo-reads-caller", async (host) => {
    const admin = (await login(host)).token;
    const demo = (await login(host, "demo")).token;
    const info = await action(host, "getSessionInfo", { caller: admin, body: { tokenId: demo } });
    const own = await action(host, "getSessionInfo", { caller: demo, body: { tokenId: demo } });
    return [info.body.username, own.body.username];
  });
  expect(clean).toEqual(["demo", "demo"]);
  expect(broken).toEqual(["amadmin", "demo"]);
});

test("validate-reads-caller: with a caller, validate answers for the caller instead of the body's tokenId (AM-02)", async () => {
  const { clean, broken } = await withAndWithout("validate-reads-caller", async (host) => {
    const admin = (await login(host)).token;
    const demo = (await login(host, "demo")).token;
    const ofDemo = await action(host, "validate", { caller: admin, body: { tokenId: demo } });
    const ofUnknown = await action(host, "validate", { caller: admin, body: { tokenId: "no-such-token" } });
    const alone = await action(host, "validate", { body: { tokenId: demo } });
    return [ofDemo.body.uid, ofUnknown.body.valid, alone.body.uid];
  });
  expect(clean).toEqual(["demo", false, "demo"]);
  expect(broken).toEqual(["amadmin", true, "demo"]);
});

test("reset-idle-resets-caller: the admin's reset of a user's session resets the admin's instead (AM-04)", async () => {
  const { clean, broken } = await withAndWithout("reset-idle-resets-caller", async (host) => {
    const admin = (await login(host)).token;
    const demo = (await login(host, "demo")).token;
    host.clock.advance(minutes(20));
    await action(host, "getSessionInfoAndResetIdleTime", { caller: admin, body: { tokenId: demo } });
    return [await idleExpiry(host, admin, demo), await idleExpiry(host, admin, admin)];
  });
  expect(clean).toEqual(["2026-01-15T09:50:00Z", "2026-01-15T09:30:00Z"]);
  expect(broken).toEqual(["2026-01-15T09:30:00Z", "2026-01-15T09:50:00Z"]);
});

test("idle-reset-per-user: resetting one session resets the user's other session too, not another user's (AM-04)", async () => {
  const { clean, broken } = await withAndWithout("idle-reset-per-user", async (host) => {
    const admin = (await login(host)).token;
    const reset = (await login(host, "demo")).token;
    const sibling = (await login(host, "demo")).token;
    const other = (await login(host, "bjensen")).token;
    host.clock.advance(minutes(20));
    await action(host, "getSessionInfoAndResetIdleTime", { caller: admin, body: { tokenId: reset } });
    return [await idleExpiry(host, admin, reset), await idleExpiry(host, admin, sibling), await idleExpiry(host, admin, other)];
  });
  expect(clean).toEqual(["2026-01-15T09:50:00Z", "2026-01-15T09:30:00Z", "2026-01-15T09:30:00Z"]);
  expect(broken).toEqual(["2026-01-15T09:50:00Z", "2026-01-15T09:50:00Z", "2026-01-15T09:30:00Z"]);
});

test("idle-reset-per-user: a refresh past the throttle resets the user's other session too (AM-09)", async () => {
  const { clean, broken } = await withAndWithout("idle-reset-per-user", async (host) => {
    const admin = (await login(host)).token;
    const refreshed = (await login(host, "demo")).token;
    const sibling = (await login(host, "demo")).token;
    host.clock.advance(minutes(5));
    await action(host, "refresh", { caller: refreshed, body: { tokenId: refreshed } });
    return [await idleExpiry(host, admin, refreshed), await idleExpiry(host, admin, sibling)];
  });
  expect(clean).toEqual(["2026-01-15T09:35:00Z", "2026-01-15T09:30:00Z"]);
  expect(broken).toEqual(["2026-01-15T09:35:00Z", "2026-01-15T09:35:00Z"]);
});

test("properties-per-user: a property set on one session shows on the user's other session, not on another user's (AM-05)", async () => {
  const { clean, broken } = await withAndWithout("properties-per-user", async (host) => {
    const first = (await login(host, "demo")).token;
    const sibling = (await login(host, "demo")).token;
    const other = (await login(host, "bjensen")).token;
    const set = await action(host, "updateSessionProperties", { caller: first, body: { tokenId: first, department: "sales" } });
    expect(set.body).toMatchObject({ department: "sales" });
    const info = await action(host, "getSessionInfo", { caller: sibling, body: { tokenId: sibling } });
    return [
      await department(host, first),
      await department(host, sibling),
      (info.body.properties as Record<string, string>).department,
      await department(host, other),
    ];
  });
  expect(clean).toEqual(["sales", "", undefined, ""]);
  expect(broken).toEqual(["sales", "sales", "sales", ""]);
});

test("properties-per-user: each session keeps its own AMCtxId either way", async () => {
  const { broken } = await withAndWithout("properties-per-user", async (host) => {
    const first = (await login(host, "demo")).token;
    const sibling = (await login(host, "demo")).token;
    const ids = [];
    for (const token of [first, sibling])
      ids.push((await action(host, "getSessionProperties", { caller: token, body: { tokenId: token } })).body.AMCtxId);
    return ids;
  });
  expect(broken[0]).not.toBe(broken[1]);
});

test("property-update-hits-caller: the admin's update of a user's session lands on the admin's, answered as if it did not (AM-05)", async () => {
  const { clean, broken } = await withAndWithout("property-update-hits-caller", async (host) => {
    const admin = (await login(host)).token;
    const demo = (await login(host, "demo")).token;
    const set = await action(host, "updateSessionProperties", { caller: admin, body: { tokenId: demo, department: "ops" } });
    return [set.res.status, set.body.department, await department(host, demo), await department(host, admin)];
  });
  expect(clean).toEqual([200, "ops", "ops", ""]);
  expect(broken).toEqual([200, "ops", "", "ops"]);
});

test("property-refusal-half-applied: a refused update keeps the allowed property listed before the refused one (AM-05)", async () => {
  const { clean, broken } = await withAndWithout("property-refusal-half-applied", async (host) => {
    const demo = (await login(host, "demo")).token;
    await action(host, "updateSessionProperties", { caller: demo, body: { tokenId: demo, department: "before" } });
    const refused = await action(host, "updateSessionProperties", {
      caller: demo,
      body: { tokenId: demo, department: "after", costCentre: "42" },
    });
    return [refused.res.status, await department(host, demo)];
  });
  expect(clean).toEqual([403, "before"]);
  expect(broken).toEqual([403, "after"]);
});

test("logout-ends-user-sessions: logout ends the user's other session too, not another user's (AM-06)", async () => {
  const { clean, broken } = await withAndWithout("logout-ends-user-sessions", async (host) => {
    const first = (await login(host, "demo")).token;
    const sibling = (await login(host, "demo")).token;
    const other = (await login(host, "bjensen")).token;
    const out = await action(host, "logout", { caller: first, body: { tokenId: first } });
    expect(out.body).toEqual({ result: "Successfully logged out" });
    return [await valid(host, first), await valid(host, sibling), await valid(host, other)];
  });
  expect(clean).toEqual([false, true, true]);
  expect(broken).toEqual([false, false, true]);
});

test("logout-ends-caller: the admin's logout of a user's tokenId ends the admin's session instead (AM-06)", async () => {
  const { clean, broken } = await withAndWithout("logout-ends-caller", async (host) => {
    const admin = (await login(host)).token;
    const demo = (await login(host, "demo")).token;
    const out = await action(host, "logout", { caller: admin, body: { tokenId: demo } });
    expect(out.body).toEqual({ result: "Successfully logged out" });
    return [await valid(host, demo), await valid(host, admin)];
  });
  expect(clean).toEqual([false, true]);
  expect(broken).toEqual([true, false]);
});

test("logout-cookie-still-valid: after logout the token still works as the SSO cookie, not as the header (AM-06)", async () => {
  const { clean, broken } = await withAndWithout("logout-cookie-still-valid", async (host) => {
    const demo = (await login(host, "demo")).token;
    await action(host, "logout", { caller: demo, body: { tokenId: demo } });
    const byCookie = await action(host, "validate", { caller: demo, viaCookie: true });
    const byHeader = await action(host, "validate", { caller: demo });
    const callerByCookie = await action(host, "getSessionProperties", { caller: demo, viaCookie: true, body: { tokenId: demo } });
    return [byCookie.body.valid, byHeader.body.valid, await valid(host, demo), callerByCookie.res.status];
  });
  expect(clean).toEqual([false, false, false, 401]);
  expect(broken).toEqual([true, false, false, 400]);
});

test("logoutbyhandle-ends-user-sessions: ending one handle ends the user's other session too (AM-07)", async () => {
  const { clean, broken } = await withAndWithout("logoutbyhandle-ends-user-sessions", async (host) => {
    const admin = (await login(host)).token;
    const named = (await login(host, "demo")).token;
    const handle = await onlyDemoHandle(host, admin);
    const sibling = (await login(host, "demo")).token;
    const out = await action(host, "logoutByHandle", { caller: admin, body: { sessionHandles: [handle] } });
    expect(out.body).toEqual({ result: { [handle]: true } });
    return [await valid(host, named), await valid(host, sibling), await valid(host, admin)];
  });
  expect(clean).toEqual([false, true, true]);
  expect(broken).toEqual([false, false, true]);
});

test("query-lists-ended-sessions: a logged-out session stays in the query's result (AM-08)", async () => {
  const { clean, broken } = await withAndWithout("query-lists-ended-sessions", async (host) => {
    const admin = (await login(host)).token;
    const ended = (await login(host, "demo")).token;
    await login(host, "demo");
    await action(host, "logout", { caller: ended, body: { tokenId: ended } });
    return [(await query(host, 'username eq "demo"', admin)).body.resultCount, await valid(host, ended)];
  });
  expect(clean).toEqual([1, false]);
  expect(broken).toEqual([2, false]);
});

test("forbidden-update-still-applied: a user's refused update of the admin's session is written anyway (AM-12)", async () => {
  const { clean, broken } = await withAndWithout("forbidden-update-still-applied", async (host) => {
    const admin = (await login(host)).token;
    const demo = (await login(host, "demo")).token;
    const refused = await action(host, "updateSessionProperties", { caller: demo, body: { tokenId: admin, department: "mine" } });
    return [refused.res.status, await department(host, admin)];
  });
  expect(clean).toEqual([403, ""]);
  expect(broken).toEqual([403, "mine"]);
});
