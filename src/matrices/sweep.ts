import type { VendorMock } from "../vendor-api/mock.ts";
import type { SweepSetup, TimeoutSetting } from "../vendor-api/timeouts.ts";
import { findVendor } from "../vendors/registry.ts";

export type { SweepSetup, TimeoutSetting } from "../vendor-api/timeouts.ts";
import type { LoadedSuite } from "../scenario/load.ts";
import { defectMatrix, type MatrixResult } from "./defect-matrix.ts";

const S = 1000;
const M = 60 * S;

/**
 * The range staging servers use, from a few seconds to the documented defaults: a
 * lifetime that is no multiple of the idle timeout, and idle ≥ lifetime. Each vendor
 * maps a setting onto the timeouts it has.
 */
export const SWEEP: readonly TimeoutSetting[] = [
  { name: "3s/8s", idleMs: 3 * S, lifetimeMs: 8 * S },
  { name: "6s/15s", idleMs: 6 * S, lifetimeMs: 15 * S },
  { name: "20s/45s", idleMs: 20 * S, lifetimeMs: 45 * S },
  { name: "1m/2m", idleMs: 1 * M, lifetimeMs: 2 * M },
  { name: "7m/60m", idleMs: 7 * M, lifetimeMs: 60 * M },
  { name: "idle>=lifetime 10s/8s", idleMs: 10 * S, lifetimeMs: 8 * S },
];

/**
 * How a vendor's timeouts read a setting (its record's sweepSetup: Control-M has one
 * validity period, HMC one per-user idle timeout, AM a latest-access update frequency that
 * shortens with the server); by default idle and lifetime as given.
 */
export function setupFor(vendor: string, setting: TimeoutSetting): SweepSetup {
  return findVendor(vendor)?.sweepSetup?.(setting) ?? { idleMs: setting.idleMs, lifetimeMs: setting.lifetimeMs };
}

/** Defects whose broken ids are covered by a scenario that lets time pass: the ones a timeout scale can hide. */
export function timeRelatedDefects(mock: VendorMock, suites: readonly LoadedSuite[]): string[] {
  const waiting = suites
    .filter((s) => s.vendor === mock.id)
    .flatMap((s) => s.scenarios.filter((l) => l.steps.some((st) => st.verb === "expire")));
  return mock.defects.filter((d) => waiting.some((l) => l.scenario.covers.some((id) => d.breaks.includes(id)))).map((d) => d.name);
}

/** One setting: every suite on the clean mock, and every time-related defect, at those timeouts. */
export async function sweepSetting(mock: VendorMock, suites: readonly LoadedSuite[], setting: TimeoutSetting): Promise<MatrixResult> {
  const timeDefects = new Set(timeRelatedDefects(mock, suites));
  const restricted: VendorMock = { ...mock, defects: mock.defects.filter((d) => timeDefects.has(d.name)) };
  return defectMatrix(restricted, suites, setupFor(mock.id, setting));
}
