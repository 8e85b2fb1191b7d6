import type { Vendor } from "../../vendor-api/vendor.ts";
import { behaviours, services } from "./behaviours.ts";
import { corrections } from "./corrections.ts";
import { documentedTimeouts, measurePlans } from "./timeouts.ts";

/** OpenAM / ForgeRock AM (Sessions endpoint): everything the harness knows of it (see Vendor in src/vendor-api/vendor.ts). */
export const vendor: Vendor = {
  id: "openam",
  title: "OpenAM / ForgeRock AM (Sessions endpoint)",
  home: import.meta.dirname,
  services,
  behaviours,
  corrections,
  documentedTimeouts,
  measurePlans,
  probeIds: { alive: "AM-02", refused: "AM-02" },
  // The latest-access update frequency is a deployment setting a short server also shortens.
  sweepSetup: (setting) => ({
    idleMs: setting.idleMs,
    lifetimeMs: setting.lifetimeMs,
    options: { latestAccessUpdateFrequency: String(Math.min(60, Math.max(1, Math.floor(setting.idleMs / 4 / 1000)))) },
  }),
  evidence: async () => (await import("./evidence.ts")).evidenceProfile,
  driver: async () => (await import("./driver/index.ts")).openam,
  mock: async () => (await import("./mock/index.ts")).openamMock,
};
