import { test as base, expect } from "@playwright/test";
import type { RunningMock } from "../../src/mock-kit/server.ts";
import { timedStartup } from "../lib/startup-timing.ts";

/**
 * The baseline of the engine-overhead comparison: plain Playwright tests doing the
 * three requests of the generated scenarios with fetch, against the same kind of
 * server (an in-process controlm mock started in a worker fixture).
 */
// The mock's modules, imported so that a worker can time them (the sessionprobe side imports the same mock).
let mockModules!: [typeof import("../../src/vendors/controlm/mock/index.ts"), typeof import("../../src/mock-kit/server.ts")];
await timedStartup("bare", [
  [
    "mock",
    async () => {
      mockModules = await Promise.all([import("../../src/vendors/controlm/mock/index.ts"), import("../../src/mock-kit/server.ts")]);
    },
  ],
]);
const [{ controlmMock }, { startMock }] = mockModules;

const test = base.extend<Record<never, never>, { mockVendor: string; mock: RunningMock }>({
  mockVendor: ["controlm", { option: true, scope: "worker" }],
  mock: [
    async ({ mockVendor }, use) => {
      if (mockVendor !== "controlm") throw new Error(`the bare benchmark knows only controlm, not ${mockVendor}`);
      const running = await startMock(controlmMock);
      await use(running);
      await running.close();
    },
    { scope: "worker" },
  ],
});

const count = Number(process.env.BENCH_BARE_COUNT ?? 100);
const user = controlmMock.users.default as { username: string; password: string };

for (let n = 1; n <= count; n++) {
  test(`bare ${String(n).padStart(4, "0")} login, use config-servers, logout`, async ({ mock }) => {
    const login = await fetch(`${mock.baseUrl}/session/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: user.username, password: user.password }),
    });
    expect(login.status).toBe(200);
    const { token } = (await login.json()) as { token?: string };
    expect(token).toBeTruthy();
    const authorization = `Bearer ${token}`;
    const servers = await fetch(`${mock.baseUrl}/config/servers`, { headers: { authorization } });
    expect(servers.status).toBe(200);
    await servers.arrayBuffer();
    const logout = await fetch(`${mock.baseUrl}/session/logout`, { method: "POST", headers: { authorization } });
    expect(logout.status).toBe(200);
    await logout.arrayBuffer();
  });
}
