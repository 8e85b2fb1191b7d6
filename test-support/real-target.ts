import { DEFAULT_LOCKOUT_BUDGET, DEFAULT_MAX_WAIT_MS, DEFAULT_STEP_TIMEOUT_MS, type ResolvedTarget } from "../src/targets/types.ts";

/**
 * A real target as the targets file resolves one, for tests that plan or schedule against it: the file's defaults
 * (maxWait, step timeout, lockout budget), `expiry: wait`, placeholder credentials, and whatever the test sets.
 */
export function realTarget(name: string, vendor: string, over: Partial<ResolvedTarget> = {}): ResolvedTarget {
  return {
    name,
    vendor,
    kind: "real",
    baseUrl: "https://staging.example.com",
    credentials: { username: "u", password: "p" },
    users: {},
    tls: {},
    timeouts: {},
    expiry: "wait",
    maxWaitMs: DEFAULT_MAX_WAIT_MS,
    stepTimeoutMs: DEFAULT_STEP_TIMEOUT_MS,
    options: {},
    allow: [],
    lockout: { budget: DEFAULT_LOCKOUT_BUDGET },
    ...over,
  };
}
