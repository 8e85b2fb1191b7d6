import type { Vendor } from "../../vendor-api/vendor.ts";
import { behaviours, services } from "./behaviours.ts";
import { hmcDefects } from "./defects.ts";
import { hmc as hmcDriver } from "./driver/index.ts";
import { evidenceProfile } from "./evidence.ts";
import { documentedTimeouts, measurePlans } from "./timeouts.ts";
import { hmcVariants } from "./variants.ts";

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
  variants: hmcVariants,
  defects: hmcDefects,
  // One per-user idle timeout; the second user's own idle timeout shortens with the console's.
  sweepSetup: (setting) => ({
    idleMs: setting.idleMs,
    lifetimeMs: null,
    options: { operatorIdleTimeout: `${Math.round(setting.idleMs * 0.4)}ms` },
  }),
  evidence: evidenceProfile,
  driver: hmcDriver,
  mock: async () => (await import("./mock/index.ts")).hmcMock,
};
