import { formatDuration } from "../../time/duration.ts";
import type { ServiceTimeouts, TimeoutResult } from "../types.ts";
import { findPlan } from "./plans.ts";

function limit(ms: number | null | undefined): string {
  if (ms === undefined) return "—";
  return ms === null ? "none" : formatDuration(ms);
}

/** What was measured, in words: "30m", "none up to 24h", "between 29m50s and 30m". */
export function describeMeasured(result: TimeoutResult): string {
  if (result.skipped) return `not measured: ${result.skipped}`;
  if (result.measuredMs === null) return `none up to ${formatDuration(result.aliveAtMs)}`;
  const gap = result.measuredMs - result.aliveAtMs;
  return gap > result.resolutionMs
    ? `between ${formatDuration(result.aliveAtMs)} and ${formatDuration(result.measuredMs)}`
    : formatDuration(result.measuredMs);
}

/** Does the measurement agree with what the target declares (else what the vendor documents)? */
export function agrees(result: TimeoutResult): "matches" | "differs" | "—" {
  if (result.skipped) return "—";
  const expected = result.configuredMs !== undefined ? result.configuredMs : result.documentedMs;
  if (expected === null) return result.measuredMs === null ? "matches" : "differs";
  if (result.measuredMs === null) return "differs";
  return expected > result.aliveAtMs && expected <= result.measuredMs + result.resolutionMs / 2 ? "matches" : "differs";
}

function pad(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => cell.padEnd(widths[i] ?? 0))
    .join("  ")
    .trimEnd();
}

/** The documented-vs-measured table the CLI prints, one row per service and timeout, with the plans' notes. */
export function timeoutTable(timeouts: Record<string, ServiceTimeouts>): string[] {
  const rows: string[][] = [["service", "timeout", "documented", "declared", "measured", "agrees", "method"]];
  const notes: string[] = [];
  for (const service of Object.keys(timeouts).sort()) {
    const entry = timeouts[service];
    if (!entry) continue;
    for (const kind of ["idle", "absolute"] as const) {
      const r = entry[kind];
      rows.push([
        service,
        kind,
        limit(r.documentedMs),
        limit(r.configuredMs),
        describeMeasured(r),
        agrees(r),
        `${r.method} (${formatDuration(r.resolutionMs)})`,
      ]);
    }
    const note = findPlan(service)?.note;
    if (note) notes.push(`  ${service}: ${note}`);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? "").length))) ?? [];
  return [...rows.map((row) => `  ${pad(row, widths)}`), ...(notes.length ? ["  documented:", ...notes.map((n) => `  ${n}`)] : [])];
}
