import { expect, test } from "@playwright/test";
import { action, login, newHost, query } from "../../../../test-support/openam-mock.ts";

test("logoutByHandle ends the sessions a query listed; a bad sessionHandles field is a 400", async () => {
  const host = newHost();
  const admin = (await login(host)).token;
  await login(host, "demo");
  await login(host, "demo");
  const listed = await query(host, 'username eq "demo" and realm eq "/"', admin);
  const handles = (listed.body.result as { sessionHandle: string }[]).map((r) => r.sessionHandle);
  expect(handles).toHaveLength(2);
  const out = await action(host, "logoutByHandle", { caller: admin, body: { sessionHandles: [...handles, "shandle:gone"] } });
  expect(out.body).toEqual({ result: { [handles[0] as string]: true, [handles[1] as string]: true, "shandle:gone": true } });
  expect((await query(host, 'username eq "demo"', admin)).body.resultCount).toBe(0);
  for (const body of [{}, { sessionHandles: "shandle:x" }, { sessionHandles: [1] }]) {
    const bad = await action(host, "logoutByHandle", { caller: admin, body });
    expect(bad.res.status).toBe(400);
    expect(bad.body.message).toBe(`The "sessionHandles" field is not defined in the request or it's not a JSON array`);
  }
});

test("query: the four filter forms, PartialSessions with shandle: handles, the CREST envelope, 400 otherwise", async () => {
  const host = newHost();
  const admin = (await login(host)).token;
  await login(host, "demo");
  await login(host, "alpha");
  const all = await query(host, "true", admin);
  expect(all.res.status).toBe(200);
  expect(all.body).toMatchObject({
    resultCount: 3,
    pagedResultsCookie: null,
    totalPagedResultsPolicy: "NONE",
    totalPagedResults: -1,
    remainingPagedResults: -1,
  });
  const demo = (await query(host, 'username eq "demo"', admin)).body.result as Record<string, unknown>[];
  expect(demo).toEqual([
    {
      username: "demo",
      universalId: "id=demo,ou=user,dc=openam,dc=forgerock,dc=org",
      realm: "/",
      sessionHandle: expect.stringMatching(/^shandle:[A-Za-z0-9_-]+\.\*[A-Za-z0-9_.-]+\*$/),
      latestAccessTime: "2026-01-15T09:00:00Z",
      maxIdleExpirationTime: "2026-01-15T09:30:00Z",
      maxSessionExpirationTime: "2026-01-15T11:00:00Z",
    },
  ]);
  expect((await query(host, 'realm eq "/"', admin)).body.resultCount).toBe(2);
  expect((await query(host, 'realm eq "/alpha" and username eq "alice"', admin)).body.resultCount).toBe(1);
  for (const filter of ['username co "d"', 'uid eq "demo"', "false", undefined]) {
    const bad = await query(host, filter, admin);
    expect(bad.res.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 400, reason: "Bad Request" });
  }
});

test("an unknown action is 501; getSessionInfo & co. without tokenId are 400 (or the caller's, with missingTokenId=caller)", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  const unknown = await action(host, "explode", { caller: token });
  expect(unknown.res.status).toBe(501);
  expect(unknown.body).toEqual({ code: 501, reason: "Not Implemented", message: "Action explode not implemented for this resource" });
  for (const name of ["getSessionInfo", "getSessionInfoAndResetIdleTime", "getSessionProperties", "updateSessionProperties", "refresh"]) {
    const missing = await action(host, name, { caller: token });
    expect(missing.res.status, name).toBe(400);
    expect(missing.body).toMatchObject({ code: 400, reason: "Bad Request" });
  }
  const lenient = newHost({ options: { missingTokenId: "caller" } });
  const own = (await login(lenient, "demo")).token;
  expect((await action(lenient, "getSessionInfo", { caller: own })).body).toMatchObject({ username: "demo" });
});

test("Content-API-Version echoes the route that served the pinned version; unknown versions are refused", async () => {
  const host = newHost();
  const { token } = await login(host, "demo");
  const served = async (version: string | null, h = host, t = token) => (await action(h, "validate", { caller: t, version })).res;
  expect((await served("resource=4.0, protocol=1.0")).headers.get("content-api-version")).toBe("resource=4.0");
  expect((await served("resource=3.1, protocol=1.0")).headers.get("content-api-version")).toBe("resource=3.1");
  expect((await served("protocol=1.0,resource=3.0")).headers.get("content-api-version")).toBe("resource=3.1");
  expect((await served(null)).headers.get("content-api-version")).toBe("resource=4.0");
  const tooNew = await served("resource=5.1, protocol=1.0");
  expect(tooNew.status).toBe(404);
  expect((await served("resource=four")).status).toBe(400);
  const am8 = newHost({ options: { resourceVersion: "5.1" } });
  const am8Token = (await login(am8, "demo")).token;
  expect((await served("resource=5.1, protocol=1.0", am8, am8Token)).headers.get("content-api-version")).toBe("resource=5.1");
  expect((await served("resource=5.0", am8, am8Token)).headers.get("content-api-version")).toBe("resource=5.1");
  expect((await served("resource=4.0", am8, am8Token)).headers.get("content-api-version")).toBe("resource=4.0");
  expect(() => newHost({ options: { resourceVersion: "9.9" } })).toThrow(/resourceVersion must be one of/);
});
