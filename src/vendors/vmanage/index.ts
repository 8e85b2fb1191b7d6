import type { Vendor } from "../../vendor-api/vendor.ts";
import { behaviours, services } from "./behaviours.ts";
import { documentedTimeouts, measurePlans } from "./timeouts.ts";

/** Cisco Catalyst SD-WAN Manager (vManage): everything the harness knows of it (see Vendor in src/vendor-api/vendor.ts). */
export const vendor: Vendor = {
  id: "vmanage",
  title: "Cisco Catalyst SD-WAN Manager (vManage)",
  home: import.meta.dirname,
  services,
  behaviours,
  documentedTimeouts,
  measurePlans,
  probeIds: { alive: "VM-05", refused: "VM-06" },
  evidence: async () => (await import("./evidence.ts")).evidenceProfile,
  driver: async () => (await import("./driver/index.ts")).vmanage,
  mock: async () => (await import("./mock/index.ts")).vmanageMock,
};
