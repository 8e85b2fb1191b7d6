import { controlm } from "./controlm/index.ts";
import type { VendorDriver } from "./types.ts";

/** Every vendor the harness can drive; the scenario schema's vendor enum comes from these keys. */
export const vendors = { controlm } satisfies Record<string, VendorDriver>;

export type VendorId = keyof typeof vendors;

export const vendorIds = Object.keys(vendors) as VendorId[];

export function findVendor(id: string): VendorDriver | undefined {
  return (vendors as Record<string, VendorDriver>)[id];
}
