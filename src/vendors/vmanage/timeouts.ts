import type { DocumentedTimeouts, MeasurePlan } from "../../vendor-api/timeouts.ts";

const MINUTE = 60_000;

/** Written once: the driver plans with it, the mock defaults to it, the timeout measurement reports against it. 30 minutes of inactivity (VM-08), 24 hours in all (VM-09). */
export const documentedTimeouts: DocumentedTimeouts = { idleMs: 30 * MINUTE, lifetimeMs: 24 * 60 * MINUTE };

/** How `sessionprobe timeouts` measures each service's sessions. */
export const measurePlans: readonly MeasurePlan[] = [
  {
    service: "vmanage/session",
    vendor: "vmanage",
    documented: { idleMs: 30 * MINUTE, absoluteMs: 24 * 60 * MINUTE },
    usesTargetTimeouts: true,
    note: "30 minutes of inactivity (VM-08), 24 hours in all (VM-09)",
    ids: { idle: "VM-08", absolute: "VM-09" },
    loginWith: () => ({}),
  },
];
