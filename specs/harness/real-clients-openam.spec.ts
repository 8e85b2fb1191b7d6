import { createRequire } from "node:module";
import { expect, test } from "@playwright/test";
import { type RunningMock, startMock } from "../../src/mock-kit/server.ts";
import { openamMock } from "../../src/vendors/openam/mock/index.ts";
import { seededUsers } from "../../src/vendors/openam/mock/users.ts";

/**
 * A real client against the AM mock: @rockcarver/frodo-lib (pinned 3.3.3), the library
 * behind frodo-cli, served the mock over HTTP. Its flows are the ones recorded from real AM
 * in evidence/recordings/openam/: login.getTokens() as amadmin (serverinfo/* for the cookie
 * name, authenticate, serverinfo/version parsed for a semantic version, then getSessionInfo
 * of its own token with no caller cookie or header), session.getSessionInfo and
 * info.getInfo(). Each failed on the mock before it answered as current AM does (401 Access
 * Denied; "Cannot extract semantic version from version info object").
 */

// The package's ESM build requires Node built-ins dynamically, which ESM cannot: its CommonJS build is the one Node loads.
const { frodo } = createRequire(import.meta.url)("@rockcarver/frodo-lib") as typeof import("@rockcarver/frodo-lib");

let running: RunningMock;

test.beforeAll(async () => {
  // No token cache on disk and no connection profile: each instance logs in afresh.
  process.env.FRODO_NO_CACHE = "1";
  running = await startMock(openamMock);
});

test.afterAll(async () => {
  await running.close();
});

function adminInstance(options: { deploymentType?: string } = {}) {
  const admin = seededUsers.default;
  if (!admin) throw new Error("the AM mock has no seeded default (amadmin) user");
  return frodo.createInstanceWithAdminAccount(
    `${running.baseUrl}/am`,
    admin.username,
    admin.password,
    undefined,
    options.deploymentType ?? "classic",
  );
}

test("frodo-lib login.getTokens() as amadmin: a session token, the subject from getSessionInfo without a caller, AM's version", async () => {
  const instance = adminInstance();
  const tokens = await instance.login.getTokens(false, false);
  expect(tokens.userSessionToken?.tokenId, "a session token from authenticate").toMatch(/\S{20,}/);
  expect(tokens.realm).toBe("/");
  expect(String(tokens.subject), "the subject frodo-lib reads with getSessionInfo").toContain(seededUsers.default?.username ?? "amadmin");
  expect(instance.state.getCookieName(), "the cookie name from serverinfo/*").toBe("iPlanetDirectoryPro");
  expect(instance.state.getAmVersion(), "the semantic version from serverinfo/version").toBe("8.0.1");
});

test("frodo-lib session.getSessionInfo(its own token): the session's username, universalId and realm", async () => {
  const instance = adminInstance();
  const tokens = await instance.login.getTokens(false, false);
  const tokenId = tokens.userSessionToken?.tokenId ?? "";
  const info = await instance.session.getSessionInfo(tokenId);
  expect(info.username).toBe(seededUsers.default?.username);
  expect(info.universalId).toBe(seededUsers.default?.universalId);
  expect(info.realm).toBe("/");
  // The mock's clock is its own: the idle expiry comes after the last access, whatever the wall clock says.
  expect(Date.parse(info.maxIdleExpirationTime)).toBeGreaterThan(Date.parse(info.latestAccessTime));
});

test("frodo-lib info.getInfo(): the server version flow (serverinfo/version) reports the mock's release", async () => {
  const instance = adminInstance();
  await instance.login.getTokens(false, false);
  const info = (await instance.info.getInfo()) as unknown as Record<string, unknown>;
  // frodo-lib shows fullVersion without its product name: "8.0.1 Build <revision> (<date>)", as for a real AM.
  expect(info.amVersion).toMatch(/^8\.0\.1 Build [0-9a-f]{40} \(/);
  expect(info.cookieName).toBe("iPlanetDirectoryPro");
  expect(info.sessionToken, "frodo-lib's info carries the session token").toBeTruthy();
});

test("frodo-lib against the OpenAM fork's caller rule (variant openam-fork-caller-rule): getTokens fails on getSessionInfo's 401, as it did on the mock before", async () => {
  const fork = await startMock(openamMock, { options: { getSessionInfoCaller: "required" } });
  try {
    const admin = seededUsers.default;
    if (!admin) throw new Error("the AM mock has no seeded default (amadmin) user");
    const instance = frodo.createInstanceWithAdminAccount(`${fork.baseUrl}/am`, admin.username, admin.password, undefined, "classic");
    const failure = await instance.login.getTokens(false, false).then(
      () => undefined,
      (error: unknown) => error as Error & { getCombinedMessage?: () => string },
    );
    expect(failure, "getTokens must fail where getSessionInfo needs a caller").toBeDefined();
    // Matched, never printed: frodo-lib's combined message may quote the request.
    const message = failure?.getCombinedMessage?.() ?? String(failure);
    expect(/401|Access Denied/.test(message), "the failure is getSessionInfo's 401").toBe(true);
  } finally {
    await fork.close();
  }
});
