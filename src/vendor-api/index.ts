/**
 * The public Vendor API (`sessionprobe/vendor`): what a vendor folder implements and exports
 * as `vendor` from its index.ts. A team's own vendor imports these types and helpers only.
 */
export type { Behaviour, CatalogueCorrection, ServiceInfo } from "./behaviour.ts";
export * from "./driver.ts";
export { bound, cookieValue, type EvidenceProfile, formField, header, jsonField, pair, type RecordedRequest, xmlText } from "./evidence.ts";
export type * from "./mock.ts";
export type { DocumentedTimeouts, MeasurePlan, SweepSetup, TimeoutSetting } from "./timeouts.ts";
export type { Vendor } from "./vendor.ts";
export { verdictOfStatus } from "./verdicts.ts";
