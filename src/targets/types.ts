import type { Credentials } from "../vendor-api/driver.ts";
import type { ProxySetting } from "../http/proxy.ts";
import type { TlsOptions } from "../http/transport.ts";

/**
 * A known deviation of one server from one documented behaviour, declared in the targets file:
 * a failure of `id` there is waived, under `ticket`, through the day `until` (UTC). Strict both
 * ways: the run fails once the id passes (the waiver is stale) or once `until` is past.
 */
export interface Deviation {
  id: string;
  reason: string;
  ticket: string;
  /** YYYY-MM-DD, the last day the waiver holds. */
  until: string;
}

export type ExpiryMode = "virtual" | "wait" | "skip";

/** A target after the file is read and every ${env:…} is resolved. */
export interface ResolvedTarget {
  name: string;
  vendor: string;
  kind: "mock" | "real";
  baseUrl: string;
  credentials: Credentials;
  users: Record<string, Credentials>;
  tls: TlsOptions & { caPath?: string };
  /** How requests reach a real target: the environment's proxy (default), its own, or none. Unset (mocks): straight. */
  proxy?: ProxySetting;
  timeouts: { idleMs?: number | undefined; lifetimeMs?: number | undefined; marginMs?: number | undefined };
  /** virtual: advance the mock's clock; wait: sleep out the timeout; skip: skip scenarios that need time to pass. */
  expiry: ExpiryMode;
  /** A single wait longer than this skips the scenario rather than block the run. */
  maxWaitMs: number;
  stepTimeoutMs: number;
  /** Deployment options (the mock's `--set` vocabulary), declared or the documented default. */
  options: Record<string, string>;
  /** The mock control plane (mocks, or a standalone mock that allows it). */
  controlUrl?: string;
  /** Tags of scenarios this target allows that are refused by default (e.g. session-flood). */
  allow: string[];
  /**
   * Wrong-credential scenarios: how many may run, and on a real target the disposable
   * account (a name under users:) that wrong passwords for a real account are sent for.
   * Without one, such scenarios are not asserted there.
   */
  lockout: { budget: number; account?: string };
  /** Known deviations (real targets only: a built-in mock has none to declare). */
  deviations?: Deviation[];
}

export const DEFAULT_LOCKOUT_BUDGET = 3;

export const DEFAULT_STEP_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_WAIT_MS = 10 * 60_000;
