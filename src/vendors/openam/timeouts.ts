import type { DocumentedTimeouts, MeasurePlan } from "../../vendor-api/timeouts.ts";

const MINUTE = 60_000;

/** Written once: the driver plans with it, the mock defaults to it, the timeout measurement reports against it: amSession.xml's defaults: 30 minutes idle, 120 minutes in all (AM-10). */
export const documentedTimeouts: DocumentedTimeouts = { idleMs: 30 * MINUTE, lifetimeMs: 120 * MINUTE };

/** How `sessionprobe timeouts` measures each service's sessions. */
export const measurePlans: readonly MeasurePlan[] = [
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
