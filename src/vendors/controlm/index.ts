import type { Vendor } from "../../vendor-api/vendor.ts";
import { behaviours, services } from "./behaviours.ts";
import { documentedTimeouts, measurePlans } from "./timeouts.ts";

/** Control-M Automation API (Session and Authentication services): everything the harness knows of it (see Vendor in src/vendor-api/vendor.ts). */
export const vendor: Vendor = {
  id: "controlm",
  title: "Control-M Automation API (Session and Authentication services)",
  home: import.meta.dirname,
  services,
  behaviours,
  documentedTimeouts,
  measurePlans,
  probeIds: { alive: "CTM-S-03", refused: "CTM-S-04" },
  // One validity period: the lifetime, from issue (its idle form is a variant); a staging server's shortest timeout is what it sets.
  sweepSetup: (setting) => ({ idleMs: null, lifetimeMs: setting.idleMs }),
  evidence: async () => (await import("./evidence.ts")).evidenceProfile,
  driver: async () => (await import("./driver/index.ts")).controlm,
  mock: async () => (await import("./mock/index.ts")).controlmMock,
};
