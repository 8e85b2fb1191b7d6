import type { Vendor } from "../../vendor-api/vendor.ts";
import { behaviours, services } from "./behaviours.ts";
import { documentedTimeouts, measurePlans } from "./timeouts.ts";

/** IBM PowerVM HMC REST API (Logon/Logoff): everything the harness knows of it (see Vendor in src/vendor-api/vendor.ts). */
export const vendor: Vendor = {
  id: "hmc",
  title: "IBM PowerVM HMC REST API (Logon/Logoff)",
  home: import.meta.dirname,
  services,
  behaviours,
  documentedTimeouts,
  measurePlans,
  probeIds: { alive: "HMC-05", refused: "HMC-06" },
  // One per-user idle timeout; the second user's own idle timeout shortens with the console's.
  sweepSetup: (setting) => ({
    idleMs: setting.idleMs,
    lifetimeMs: null,
    options: { operatorIdleTimeout: `${Math.round(setting.idleMs * 0.4)}ms` },
  }),
  evidence: async () => (await import("./evidence.ts")).evidenceProfile,
  driver: async () => (await import("./driver/index.ts")).hmc,
  mock: async () => (await import("./mock/index.ts")).hmcMock,
};
