import type { Credentials } from "../drivers/types.ts";
import type { RunningMock } from "../mocks/core/server.ts";
import { secrets } from "../redact/secrets.ts";
import { DEFAULT_MAX_WAIT_MS, DEFAULT_STEP_TIMEOUT_MS, type ResolvedTarget } from "./types.ts";

/** The target for a built-in mock: its seeded users, its configured timeouts, its virtual clock. */
export function mockTarget(mock: RunningMock): ResolvedTarget {
  const { vendor, config } = mock.host;
  const users: Record<string, Credentials> = {};
  for (const [name, user] of Object.entries(vendor.users)) {
    users[name] = { ...user };
    // Public test credentials, but tokens derived from them are not: treat them alike.
    secrets.add(user.password, "credential");
    if (typeof user.apiKey === "string") secrets.add(user.apiKey, "credential");
  }
  return {
    name: vendor.id,
    vendor: vendor.id,
    kind: "mock",
    baseUrl: mock.baseUrl,
    credentials: users.default ?? {},
    users,
    tls: mock.certificate ? { ca: mock.certificate } : {},
    timeouts: { idleMs: config.idleMs, lifetimeMs: config.lifetimeMs },
    expiry: "virtual",
    maxWaitMs: DEFAULT_MAX_WAIT_MS,
    stepTimeoutMs: DEFAULT_STEP_TIMEOUT_MS,
    options: {},
    controlUrl: `${mock.baseUrl}/__sessionprobe`,
    allow: ["session-flood", "changes-password", "date-travel"],
    // A mock has no accounts to lock: wrong passwords go to the real test user, without limit.
    lockout: { budget: Number.POSITIVE_INFINITY, username: "" },
  };
}
