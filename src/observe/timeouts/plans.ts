import type { MeasurePlan } from "../../vendor-api/timeouts.ts";
import { findVendor, vendorRecords } from "../../vendors/registry.ts";

export type { MeasurePlan } from "../../vendor-api/timeouts.ts";

/** How each of a vendor's services is measured (src/vendors/<vendor>/timeouts.ts). */
export function plansFor(vendor: string): readonly MeasurePlan[] {
  return findVendor(vendor)?.measurePlans ?? [];
}

export function findPlan(service: string): MeasurePlan | undefined {
  return vendorRecords()
    .flatMap((v) => v.measurePlans)
    .find((plan) => plan.service === service);
}
