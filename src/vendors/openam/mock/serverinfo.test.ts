import { expect, test } from "@playwright/test";
import { type Json, at, login, newHost } from "../../../../test-support/openam-mock.ts";
import type { MockHost } from "../../../mock-kit/host.ts";

/** The key sets and headers of evidence/recordings/openam/ (frodo-lib and frodo-cli recordings of AM 7.5.0, 8.0.1 and Identity Cloud). */
const COMMON_KEYS = [
  "_id",
  "_rev",
  "protectedUserAttributes",
  "cookieName",
  "secureCookie",
  "forgotPassword",
  "forgotUsername",
  "kbaEnabled",
  "selfRegistration",
  "lang",
  "successfulUserRegistrationDestination",
  "socialImplementations",
  "referralsEnabled",
  "zeroPageLogin",
  "realm",
  "xuiUserSessionValidationEnabled",
  "fileBasedConfiguration",
  "userIdAttributes",
];

async function serverinfo(host: MockHost, id: string, apiVersion?: string, headers: Record<string, string> = {}) {
  const res = await host.app.request(at(host, `/json/serverinfo/${id}`), {
    headers: { ...(apiVersion ? { "accept-api-version": apiVersion } : {}), ...headers },
  });
  return { res, body: (await res.json()) as Json };
}

test("serverinfo/version: the version document of AM 7.2+ under resource 1.0, as frodo-lib reads it", async () => {
  const { res, body } = await serverinfo(newHost(), "version", "resource=1.0");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-api-version")).toBe("resource=1.0");
  expect(res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
  expect(Object.keys(body)).toEqual(["_id", "_rev", "version", "fullVersion", "revision", "date"]);
  expect(body._id).toBe("version");
  expect(body.version).toBe("8.0.1");
  expect(body.fullVersion).toMatch(/^ForgeRock Access Management 8\.0\.1 Build [0-9a-f]{40} \(.+\)$/);
  expect(String(body.fullVersion)).toContain(String(body.revision));
  expect(String(body.fullVersion)).toContain(String(body.date));
  // frodo-lib asks with protocol=2.1 and a cookie; AM 7.5 answers it (recorded).
  const frodoLib = await serverinfo(newHost({ options: { release: "7.5.0" } }), "version", "protocol=2.1,resource=1.0");
  expect(frodoLib.res.status).toBe(200);
  expect(frodoLib.body.version).toBe("7.5.0");
});

test("serverinfo/*: the recorded key set per release, under resource 1.1 and 2.0, the cookie name the deployment uses", async () => {
  const current = await serverinfo(newHost(), "*", "resource=1.1");
  expect(current.res.status).toBe(200);
  expect(current.res.headers.get("content-api-version")).toBe("resource=1.1");
  expect(current.res.headers.get("content-type")).toBe("application/json;charset=UTF-8");
  expect(Object.keys(current.body).sort()).toEqual([...COMMON_KEYS, "domains", "nodeDesignerXuiEnabled"].sort());
  expect(current.body._id).toBe("*");
  expect(current.body.cookieName).toBe("iPlanetDirectoryPro");
  expect(current.body.zeroPageLogin).toEqual({ enabled: false, refererWhitelist: [], allowedWithoutReferer: true });

  const two = await serverinfo(newHost(), "*", "protocol=2.1,resource=2.0");
  expect(two.res.status).toBe(200);
  expect(two.res.headers.get("content-api-version")).toBe("resource=2.0");

  const keys = async (release: string) =>
    Object.keys((await serverinfo(newHost({ options: { release } }), "*", "resource=1.1")).body).sort();
  expect(await keys("7.5.0")).toEqual([...COMMON_KEYS, "domains"].sort());
  expect(await keys("7.5.0-no-domains")).toEqual([...COMMON_KEYS].sort());
  expect(await keys("cloud-8.1.0")).toEqual([...COMMON_KEYS, "domains", "cloudOnlyFeaturesEnabled"].sort());
  expect(await keys("cloud-9.0.0")).toEqual([...COMMON_KEYS, "domains", "cloudOnlyFeaturesEnabled", "oauth2AIAgentsEnabled"].sort());
  const tenant = await serverinfo(newHost({ options: { cookieName: "6ac6499e9da2071", secureCookie: "true" } }), "*", "resource=1.1");
  expect(tenant.body).toMatchObject({ cookieName: "6ac6499e9da2071", secureCookie: true });
});

test("serverinfo: a version the server lacks, a protocol major it lacks and a write are refused", async () => {
  const host = newHost();
  expect((await serverinfo(host, "*", "resource=3.0")).res.status).toBe(404);
  expect((await serverinfo(host, "version", "resource=2.0")).res.status).toBe(404);
  expect((await serverinfo(host, "*", "protocol=3.0,resource=1.1")).res.status).toBe(400);
  const put = await host.app.request(at(host, "/json/serverinfo/*"), { method: "PUT" });
  expect(put.status).toBe(405);
});

test("the _rev of a serverinfo document changes with the document", async () => {
  const a = (await serverinfo(newHost(), "*", "resource=1.1")).body._rev;
  const b = (await serverinfo(newHost({ options: { cookieName: "other" } }), "*", "resource=1.1")).body._rev;
  expect(typeof a).toBe("string");
  expect(a).not.toBe(b);
});

test("ssoCookieSameSite=none (the platform deployment): both cookies carry SameSite=none; the default sends none", async () => {
  const cookies = async (host: MockHost) => (await login(host)).res.headers.getSetCookie();
  const platform = await cookies(newHost({ options: { secureCookie: "true", ssoCookieSameSite: "none" } }));
  expect(platform.some((c) => /^iPlanetDirectoryPro=[^;]+; Path=\/; Secure; HttpOnly; SameSite=none$/.test(c))).toBe(true);
  expect(platform.some((c) => /^amlbcookie=01; Path=\/; Secure; HttpOnly; SameSite=none$/.test(c))).toBe(true);
  const classic = await cookies(newHost());
  expect(classic.every((c) => !/SameSite/i.test(c))).toBe(true);
});
