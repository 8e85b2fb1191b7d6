import { expect, test } from "@playwright/test";
import { get, login, newHost } from "../../../../test-support/vmanage-mock.ts";

async function deviceCount(host: ReturnType<typeof newHost>, cookie: string): Promise<number> {
  const res = await get(host, "/dataservice/device", cookie);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: unknown[] }).data.length;
}

test("deviceVisibility: every user sees the fabric by default; netadmin-only leaves another group an empty list", async () => {
  const all = newHost();
  expect(await deviceCount(all, await login(all))).toBe(4);
  expect(await deviceCount(all, await login(all, "operator", "operator-pass-2"))).toBe(4);
  const rbac = newHost({ options: { deviceVisibility: "netadmin-only" } });
  expect(await deviceCount(rbac, await login(rbac)), "the netadmin account still sees the Manager and the fabric").toBe(4);
  expect(await deviceCount(rbac, await login(rbac, "operator", "operator-pass-2"))).toBe(0);
});

test("serverReady: client/server/ready reports true by default, false with serverReady=no", async () => {
  for (const [serverReady, expected] of [
    [undefined, true],
    ["no", false],
  ] as const) {
    const host = newHost(serverReady === undefined ? {} : { options: { serverReady } });
    const res = await get(host, "/dataservice/client/server/ready", await login(host));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ isServerReady: expected });
  }
});

test("deviceVisibility and serverReady refuse values they do not know", () => {
  expect(() => newHost({ options: { deviceVisibility: "some" } })).toThrow(/deviceVisibility=some is not one of all, netadmin-only/);
  expect(() => newHost({ options: { serverReady: "true" } })).toThrow(/serverReady=true is not one of yes, no/);
});
