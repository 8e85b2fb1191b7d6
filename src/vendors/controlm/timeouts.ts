import type { DocumentedTimeouts, MeasurePlan } from "../../vendor-api/timeouts.ts";

const MINUTE = 60_000;

/** Written once: the driver plans with it, the mock defaults to it, the timeout measurement reports against it: one 30-minute validity per session token (CTM-S-05); an API token without expirationDate never expires (CTM-A-08). */
export const documentedTimeouts: DocumentedTimeouts = { lifetimeMs: 30 * MINUTE };

/** How `sessionprobe timeouts` measures each service's sessions. */
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
];
