import type { DocumentedTimeouts, MeasurePlan } from "../../vendor-api/timeouts.ts";

/** Written once: the driver plans with it, the mock defaults to it, the timeout measurement reports against it: no documented idle timeout or lifetime: the idle timeout is a per-user setting without a documented default (HMC-09). */
export const documentedTimeouts: DocumentedTimeouts = {};

/** How `sessionprobe timeouts` measures each service's sessions. */
export const measurePlans: readonly MeasurePlan[] = [
  {
    service: "hmc/logon",
    vendor: "hmc",
    documented: { idleMs: null, absoluteMs: null },
    usesTargetTimeouts: true,
    note: "the idle timeout is a per-user setting with no documented default; no lifetime is documented (HMC-09)",
    ids: { idle: "HMC-09", absolute: "HMC-09" },
    loginWith: () => ({}),
  },
];
