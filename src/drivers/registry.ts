import { controlm } from "./controlm/index.ts";
import { hmc } from "./hmc/index.ts";
import { openam } from "./openam/index.ts";
import type { VendorDriver } from "./types.ts";
import { vmanage } from "./vmanage/index.ts";

/** Every vendor the harness can drive; the scenario schema's vendor enum comes from these keys. */
export const vendors = { controlm, hmc, vmanage, openam } satisfies Record<string, VendorDriver>;

export type VendorId = keyof typeof vendors;

export const vendorIds = Object.keys(vendors) as VendorId[];

export function findVendor(id: string): VendorDriver | undefined {
  return (vendors as Record<string, VendorDriver>)[id];
}
