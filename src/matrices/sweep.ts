import type { VendorMock } from "../mocks/core/types.ts";
import type { LoadedSuite } from "../scenario/load.ts";
import { defectMatrix, type MatrixResult } from "./defect-matrix.ts";

const S = 1000;
const M = 60 * S;

/** A timeout setting a staging server might declare: idle and lifetime, either possibly off. */
export interface TimeoutSetting {
  name: string;
  idleMs: number;
  lifetimeMs: number;
}

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

/** A vendor's timeouts (and the options that scale with them) for a setting; undefined = the documented defaults. */
export interface SweepSetup {
  idleMs?: number | null;
  lifetimeMs?: number | null;
  options?: Record<string, string>;
}

/**
 * How each vendor's timeouts read a setting. Control-M has one validity period (the
 * lifetime, from issue; its idle form is a variant), HMC one per-user idle timeout, AM's
 * latest-access update frequency is a deployment setting a short server also shortens.
 */
export function setupFor(vendor: string, setting: TimeoutSetting): SweepSetup {
  switch (vendor) {
    case "controlm":
      return { idleMs: null, lifetimeMs: setting.idleMs };
    case "hmc":
      // The second user's own idle timeout shortens with the console's.
      return { idleMs: setting.idleMs, lifetimeMs: null, options: { operatorIdleTimeout: `${Math.round(setting.idleMs * 0.4)}ms` } };
    case "openam":
      return {
        idleMs: setting.idleMs,
        lifetimeMs: setting.lifetimeMs,
        options: { latestAccessUpdateFrequency: String(Math.min(60, Math.max(1, Math.floor(setting.idleMs / 4 / S)))) },
      };
    default:
      return { idleMs: setting.idleMs, lifetimeMs: setting.lifetimeMs };
  }
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
