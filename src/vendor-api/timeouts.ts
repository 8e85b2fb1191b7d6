import type { Credentials } from "./driver.ts";

/**
 * How a service's session timeouts are measured (`sessionprobe timeouts`): which login opens the session,
 * what the vendor documents, and which behaviour ids a change of each timeout
 * concerns. The idle measurement leaves the session unused; the absolute one keeps it
 * busy (more often than the measured idle timeout) until it ends anyway.
 */
export interface MeasurePlan {
  /** `<vendor>/<service>`. */
  service: string;
  vendor: string;
  /** What the vendor documents; null: it documents no such limit (or none exists). */
  documented: { idleMs: number | null; absoluteMs: number | null };
  /** Does the target's declared idle timeout / lifetime describe this service's sessions? */
  usesTargetTimeouts: boolean;
  note: string;
  ids: { idle: string; absolute: string };
  /** The login step's `with:`, or why this target cannot open such a session. */
  loginWith(credentials: Credentials): Record<string, unknown> | string;
  /** An action that checks the session and counts as use, when the driver's probe does not. */
  probeWith?: string;
}

/** What a vendor documents of its sessions' timeouts; a target may declare otherwise. Unset: no such limit is documented. */
export interface DocumentedTimeouts {
  idleMs?: number;
  lifetimeMs?: number;
}

/** A timeout setting a staging server might declare: idle and lifetime. */
export interface TimeoutSetting {
  name: string;
  idleMs: number;
  lifetimeMs: number;
}

/** A vendor's timeouts (and the options that scale with them) for a setting; undefined = the documented defaults, null = off. */
export interface SweepSetup {
  idleMs?: number | null;
  lifetimeMs?: number | null;
  options?: Record<string, string>;
}
