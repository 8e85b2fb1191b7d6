import { expect, test } from "@playwright/test";
import { controlmMock } from "./index.ts";
import { call, createToken, login, newHost, SEEDED_KEY, works } from "../../../../test-support/controlm-token-client.ts";

// Each option realises the answer its variant stands for (variants.ts): checked here on the wire.

test("every option value is checked at start: a typo fails instead of meaning the default", () => {
  expect(() => newHost({ options: { tokenValueOnRead: "hidden" } })).toThrow(
    /option tokenValueOnRead=hidden is not one of masked, omitted, value/,
  );
  expect(() => newHost({ options: { annotationSubjectHeader: "Bad Header" } })).toThrow(/not an HTTP header name/);
  expect(() => newHost({ options: { nope: "1" } })).toThrow(/unknown option/);
  for (const variant of controlmMock.variants) expect(() => newHost({ options: variant.options ?? {} }), variant.name).not.toThrow();
});

test("tokenValueOnRead: GET, list and update show the value masked, omit it, or show it; create always shows it", async () => {
  for (const [mode, expected] of [
    ["masked", "********"],
    ["omitted", undefined],
    ["value", "same"],
  ] as const) {
    const host = newHost({ options: { tokenValueOnRead: mode } });
    const created = await createToken(host, { tokenName: "t", roles: ["User"] });
    const value = created.body.tokenValue;
    expect(value).toMatch(/^[\w-]{40,}$/);
    const got = await call(host, "GET", "/authentication/token/t", { key: SEEDED_KEY });
    expect(got.body.tokenValue, mode).toBe(expected === "same" ? value : expected);
    expect("tokenValue" in got.body, mode).toBe(expected !== undefined);
  }
});

test("responseDates and tokenList: date-only and date-time renderings, and a bare array list", async () => {
  const dateOnly = newHost({ options: { responseDates: "date-only", tokenList: "bare" } });
  const a = await createToken(dateOnly, { tokenName: "d", roles: ["User"], expirationDate: "2026-03-01" });
  expect(a.body).toMatchObject({ expirationDate: "2026-03-01", createdDate: "2026-01-15", lastUpdatedDate: "2026-01-15" });
  const listed = await dateOnly.app.request("/authentication/tokens", { headers: { "x-api-key": SEEDED_KEY } });
  const body = (await listed.json()) as { tokenName: string }[];
  expect(Array.isArray(body)).toBe(true);
  expect(body.map((t) => t.tokenName).sort()).toEqual(["d", "emuser-seeded-token"]);
  const dateTime = newHost({ options: { responseDates: "date-time", tokenType: "USER" } });
  const b = await createToken(dateTime, { tokenName: "d", roles: ["User"], expirationDate: "2026-03-01" });
  expect(b.body).toMatchObject({ tokenType: "USER", expirationDate: "2026-03-01T00:00:00.000Z", createdDate: "2026-01-15T09:00:00.000Z" });
});

test("session options: 104-hex tokens, a plain logout message, the old ?token= logout, 415 for a wrong Content-Type, alternate texts", async () => {
  const host = newHost({
    options: {
      sessionTokenHex: "104",
      logoutMessage: "plain",
      logoutQueryToken: "accepted",
      wrongContentTypeStatus: "415",
      messageTexts: "alternate",
    },
  });
  const token = await login(host, "emuser", "empass-1234");
  expect(token).toMatch(/^[0-9A-F]{104}$/);
  const out = await host.app.request(`/session/logout?token=${token}`, { method: "POST" });
  expect(out.status).toBe(200);
  expect(JSON.stringify(await out.json())).not.toContain(token);
  expect((await host.app.request("/config/servers", { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  const form = await host.app.request("/session/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: "username=emuser&password=empass-1234",
  });
  expect(form.status).toBe(415);
  const refused = await call(host, "POST", "/session/login", { body: { username: "emuser", password: "nope" } });
  expect(refused.body.errors?.[0]?.message).toBe("Authentication failed for the given user name and password");
  // The defaults: the query token is refused, the logout message echoes the token as captured.
  const plain = newHost();
  const second = await login(plain, "emuser", "empass-1234");
  expect((await plain.app.request(`/session/logout?token=${second}`, { method: "POST" })).status).toBe(401);
  const echoed = await call(plain, "POST", "/session/logout", { bearer: second });
  expect(echoed.body.message).toBe(`Successfully logged out from session ${second}`);
});

test("Secret:<key> in the REST body: resolved through passwordSecretKey, or taken as text under secretsInRestBody=literal", async () => {
  for (const [mode, status] of [
    ["resolved", 200],
    ["literal", 400],
  ] as const) {
    const host = newHost({ options: { secretsInRestBody: mode, passwordSecretKey: "my-secret" } });
    const bearer = await login(host, "emuser", "empass-1234");
    const answer = await call(host, "POST", "/session/user/password/update", {
      bearer,
      body: { currentPassword: "Secret:my-secret", newPassword: "empass-1234" },
    });
    expect(answer.status, mode).toBe(status);
    expect(
      (await call(host, "POST", "/session/user/password/update", { bearer, body: { currentPassword: "Secret:other", newPassword: "x-1" } }))
        .status,
    ).toBe(400);
  }
});

test("every session token and API token value the mock mints is recorded where it is minted", async () => {
  const issued: { value: string; kind: string }[] = [];
  const host = newHost();
  const instance = controlmMock.create({
    clock: host.clock,
    config: host.config,
    defect: () => false,
    issued: (value, kind) => issued.push({ value, kind }),
  });
  const res = await instance.app.request("/session/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "emuser", password: "empass-1234" }),
  });
  const { token } = (await res.json()) as { token: string };
  const made = await instance.app.request("/authentication/token", {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": SEEDED_KEY },
    body: JSON.stringify({ tokenName: "m", roles: ["User"] }),
  });
  const { tokenValue } = (await made.json()) as { tokenValue: string };
  expect(issued).toEqual(
    expect.arrayContaining([
      { value: SEEDED_KEY, kind: "api-token" },
      { value: token, kind: "session-token" },
      { value: tokenValue, kind: "api-token" },
    ]),
  );
});

test("sessionTokenAsApiKey and apiTokenAsBearer: each kind of token in the other header, refused or taken while live, refused once ended", async () => {
  for (const mode of ["refused", "accepted"] as const) {
    const host = newHost({ options: { sessionTokenAsApiKey: mode, apiTokenAsBearer: mode } });
    const live = mode === "accepted" ? 200 : 401;
    const session = await login(host, "emuser", "empass-1234");
    expect((await call(host, "GET", "/config/servers", { key: session })).status, `session token as x-api-key, ${mode}`).toBe(live);
    expect((await call(host, "POST", "/session/logout", { bearer: session })).status).toBe(200);
    expect((await call(host, "GET", "/config/servers", { key: session })).status).toBe(401);
    const value = String((await createToken(host, { tokenName: "t", roles: ["User"] })).body.tokenValue);
    expect((await call(host, "GET", "/config/servers", { bearer: value })).status, `API token as Bearer, ${mode}`).toBe(live);
    // Taken as Bearer, an API token is still no session: there is nothing for it to log out.
    expect((await call(host, "POST", "/session/logout", { bearer: value })).status).toBe(401);
    expect((await call(host, "DELETE", "/authentication/token/t", { key: SEEDED_KEY })).status).toBe(200);
    expect((await call(host, "GET", "/config/servers", { bearer: value })).status).toBe(401);
  }
});

test("tokenNameScope: a name another user holds is refused (server) or free (user); either way each user sees and deletes only their own", async () => {
  for (const [scope, status] of [
    ["server", 400],
    ["user", 200],
  ] as const) {
    const host = newHost({ options: { tokenNameScope: scope } });
    const bearer = await login(host, "opsuser", "opspass-5678");
    const mine = String((await createToken(host, { tokenName: "shared", roles: ["User"], expirationDate: "2026-02-01" })).body.tokenValue);
    const theirs = await createToken(host, { tokenName: "shared", roles: ["User"] }, { bearer });
    expect(theirs.status, scope).toBe(status);
    // Within one user a name is unique under both scopes.
    expect((await createToken(host, { tokenName: "shared", roles: ["User"] })).status).toBe(400);
    if (scope === "user") {
      expect((await call(host, "GET", "/authentication/token/shared", { bearer })).body.user).toBe("opsuser");
      expect((await call(host, "DELETE", "/authentication/token/shared", { bearer })).status).toBe(200);
    }
    const got = await call(host, "GET", "/authentication/token/shared", { key: SEEDED_KEY });
    expect(got.body).toMatchObject({ user: "emuser", expirationDate: "2026-02-01" });
    expect(await works(host, mine)).toBe(true);
  }
});
