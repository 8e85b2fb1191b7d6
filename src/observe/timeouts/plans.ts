import type { Credentials } from "../../drivers/types.ts";

/**
 * How each service's session timeouts are measured: which login opens the session,
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

const MINUTE = 60_000;

export const measurePlans: readonly MeasurePlan[] = [
  {
    service: "controlm/session",
    vendor: "controlm",
    documented: { idleMs: 30 * MINUTE, absoluteMs: 30 * MINUTE },
    usesTargetTimeouts: true,
    note: "one 30-minute validity (CTM-S-05); whether it runs from issue or from last use is OPEN (CTM-S-06)",
    ids: { idle: "CTM-S-05", absolute: "CTM-S-06" },
    loginWith: () => ({}),
  },
  {
    service: "controlm/authentication",
    vendor: "controlm",
    documented: { idleMs: null, absoluteMs: null },
    usesTargetTimeouts: false,
    note: "an API token without expirationDate never expires (CTM-A-08)",
    ids: { idle: "CTM-A-08", absolute: "CTM-A-08" },
    loginWith: (credentials) =>
      credentials.apiKey ? { apiKey: credentials.apiKey } : "the target declares no credentials.apiKey (an API token)",
  },
  {
    service: "hmc/logon",
    vendor: "hmc",
    documented: { idleMs: null, absoluteMs: null },
    usesTargetTimeouts: true,
    note: "the idle timeout is a per-user setting with no documented default; no lifetime is documented (HMC-09)",
    ids: { idle: "HMC-09", absolute: "HMC-09" },
    loginWith: () => ({}),
  },
  {
    service: "vmanage/session",
    vendor: "vmanage",
    documented: { idleMs: 30 * MINUTE, absoluteMs: 24 * 60 * MINUTE },
    usesTargetTimeouts: true,
    note: "30 minutes of inactivity (VM-08), 24 hours in all (VM-09)",
    ids: { idle: "VM-08", absolute: "VM-09" },
    loginWith: () => ({}),
  },
  {
    service: "openam/sessions",
    vendor: "openam",
    documented: { idleMs: 30 * MINUTE, absoluteMs: 120 * MINUTE },
    usesTargetTimeouts: true,
    note: "amSession.xml defaults: idle 30 min, maximum session time 120 min (AM-10)",
    ids: { idle: "AM-10", absolute: "AM-10" },
    loginWith: () => ({}),
    // validate (the default probe) does not count as use: the keep-alive must reset idle time.
    probeWith: "get-session-info-and-reset-idle-time",
  },
];

export function plansFor(vendor: string): MeasurePlan[] {
  return measurePlans.filter((plan) => plan.vendor === vendor);
}

export function findPlan(service: string): MeasurePlan | undefined {
  return measurePlans.find((plan) => plan.service === service);
}
