import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { redact } from "../redact/secrets.ts";
import { stableStringify } from "./stable-text.ts";
import { RECORD_FORMAT, type ScenarioObservation, type ServiceTimeouts, scenarioKey, type TargetRecord } from "./types.ts";

/** Where a run leaves its records: <reports>/observations/<target>.json (and .timeouts.json when measured). */
export function observationsDir(reportsDir = process.env.SESSIONPROBE_REPORTS ?? "reports"): string {
  return join(reportsDir, "observations");
}

export function recordPath(target: string, reportsDir?: string): string {
  return join(observationsDir(reportsDir), `${target}.json`);
}

export function timeoutsPath(target: string, reportsDir?: string): string {
  return join(observationsDir(reportsDir), `${target}.timeouts.json`);
}

/** One target's record from its scenarios, in a fixed order whatever order the workers finished in. */
export function assembleRecord(target: string, vendor: string, scenarios: Iterable<ScenarioObservation>): TargetRecord {
  const byKey: Record<string, ScenarioObservation> = {};
  const versions = new Set<string>();
  for (const scenario of scenarios) {
    byKey[scenarioKey(scenario.service, scenario.name)] = scenario;
    if (scenario.serverVersion) versions.add(scenario.serverVersion);
  }
  return { format: RECORD_FORMAT, target, vendor, serverVersions: [...versions].sort(), scenarios: byKey };
}

/** The record as committed and diffed: sorted keys, two-space indent, a final newline, redacted once more for safety. */
export function formatRecord(record: TargetRecord | Record<string, ServiceTimeouts>): string {
  return `${redact(stableStringify(record, 2))}\n`;
}

export function writeJson(path: string, value: TargetRecord | Record<string, ServiceTimeouts>): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, formatRecord(value));
}

export function readRecord(path: string): TargetRecord {
  if (!existsSync(path)) throw new Error(`no observation record at ${path}`);
  const data = JSON.parse(readFileSync(path, "utf8")) as Partial<TargetRecord>;
  if (data.format !== RECORD_FORMAT || typeof data.scenarios !== "object" || typeof data.target !== "string") {
    throw new Error(`${path} is not a sessionprobe observation record (expected format ${RECORD_FORMAT})`);
  }
  return data as TargetRecord;
}

export function readTimeouts(path: string): Record<string, ServiceTimeouts> | undefined {
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as Record<string, ServiceTimeouts>;
}

/** The run's record with its measured timeouts, when a measurement was made. */
export function withTimeouts(record: TargetRecord, timeouts: Record<string, ServiceTimeouts> | undefined): TargetRecord {
  return timeouts ? { ...record, timeouts } : record;
}
