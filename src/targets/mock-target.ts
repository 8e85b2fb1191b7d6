import type { Credentials, VendorDriver } from "../vendor-api/driver.ts";
import type { RunningMock } from "../mock-kit/server.ts";
import { secrets } from "../redact/secrets.ts";
import { resolveOptions } from "./options.ts";
import { DEFAULT_MAX_WAIT_MS, DEFAULT_STEP_TIMEOUT_MS, type ResolvedTarget } from "./types.ts";

/**
 * What the caller declares about a mock it started, as a team declares its staging
 * server: the timeouts and deployment options it configured. Never read back from the
 * mock: a mock whose default drifted from the documentation must fail, not be believed.
 */
export interface MockDeclaration {
  /** null: the mock was started without this timeout. Unset: the vendor's documented value. */
  idleMs?: number | null;
  lifetimeMs?: number | null;
  /** Options the mock was started with (`--set`); deployment options among them are declared. */
  options?: Record<string, string>;
}

/** The target for a built-in mock: its seeded users, the declared timeouts and options, its virtual clock. */
export function mockTarget(mock: RunningMock, driver: VendorDriver, declared: MockDeclaration = {}): ResolvedTarget {
  const { vendor } = mock.host;
  if (driver.id !== vendor.id) throw new Error(`the ${driver.id} driver given for the ${vendor.id} mock`);
  const users: Record<string, Credentials> = {};
  for (const [name, user] of Object.entries(vendor.users)) {
    users[name] = { ...user };
    // Public test credentials, but tokens derived from them are not: treat them alike.
    secrets.add(user.password, "credential");
    if (typeof user.apiKey === "string") secrets.add(user.apiKey, "credential");
  }
  // The documentation is the oracle; a vendor that documents none (HMC: a per-user setting) has the mock's seeded one.
  const documented = Object.keys(driver.documentedTimeouts).length ? driver.documentedTimeouts : vendor.defaults;
  const pick = (value: number | null | undefined, fallback: number | undefined) => (value === null ? undefined : (value ?? fallback));
  const deployment = Object.fromEntries(
    Object.entries(declared.options ?? {}).filter(([name]) => Object.hasOwn(driver.deploymentOptions, name)),
  );
  // An option the vendor documents no default for (HMC's per-user idle timeout) is what the
  // mock was seeded with, as a vendor without documented timeouts has the mock's own.
  for (const [name, spec] of Object.entries(driver.deploymentOptions)) {
    const seeded = vendor.defaults.options[name];
    if (spec.default === undefined && !(name in deployment) && seeded !== undefined) deployment[name] = seeded;
  }
  const { options, problems } = resolveOptions(driver, deployment);
  if (problems.length) throw new Error(`the ${vendor.id} mock's declaration: ${problems.map((p) => p.message).join("; ")}`);
  return {
    name: vendor.id,
    vendor: vendor.id,
    kind: "mock",
    baseUrl: `${mock.baseUrl}${vendor.basePath ?? ""}`,
    credentials: users.default ?? {},
    users,
    tls: mock.certificate ? { ca: mock.certificate } : {},
    timeouts: { idleMs: pick(declared.idleMs, documented.idleMs), lifetimeMs: pick(declared.lifetimeMs, documented.lifetimeMs) },
    expiry: "virtual",
    maxWaitMs: DEFAULT_MAX_WAIT_MS,
    stepTimeoutMs: DEFAULT_STEP_TIMEOUT_MS,
    options,
    controlUrl: `${mock.baseUrl}/__sessionprobe`,
    allow: ["session-flood", "changes-password", "date-travel"],
    // A mock has no accounts to lock: wrong passwords go to the real test user, without limit.
    lockout: { budget: Number.POSITIVE_INFINITY },
  };
}
