import type { Vendor } from "../../vendor-api/vendor.ts";
import { behaviours, services } from "./behaviours.ts";
import { vmanageDefects } from "./defects.ts";
import { vmanage as vmanageDriver } from "./driver/index.ts";
import { evidenceProfile } from "./evidence.ts";
import { documentedTimeouts, measurePlans } from "./timeouts.ts";
import { vmanageVariants } from "./variants.ts";

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
  variants: vmanageVariants,
  defects: vmanageDefects,
  evidence: evidenceProfile,
  driver: vmanageDriver,
  mock: async () => (await import("./mock/index.ts")).vmanageMock,
};
