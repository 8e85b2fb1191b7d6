import type { EvidenceProfile } from "../vendor-api/evidence.ts";
import { findVendor, vendorRecords } from "../vendors/registry.ts";

export type { EvidenceProfile } from "../vendor-api/evidence.ts";

/** How a vendor's recorded traffic is read (src/vendors/<vendor>/evidence.ts). */
export async function profileOf(vendor: string): Promise<EvidenceProfile> {
  const profile = await findVendor(vendor)?.evidence?.();
  if (!profile) {
    const known = vendorRecords()
      .filter((v) => v.evidence)
      .map((v) => v.id);
    throw new Error(`no evidence profile for vendor ${vendor}: known are ${known.join(", ")}`);
  }
  return profile;
}
