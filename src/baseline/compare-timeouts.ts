import type { ServiceTimeouts, TimeoutResult } from "../observe/types.ts";
import { describeMeasured } from "../observe/timeouts/format.ts";
import { findPlan } from "../observe/timeouts/plans.ts";
import { whollyOpen } from "./attribution.ts";
import type { Change } from "./types.ts";

/** Two measurements agree when they are within the coarser of their resolutions. */
function same(a: TimeoutResult, b: TimeoutResult): boolean {
  if (a.skipped !== undefined || b.skipped !== undefined) return a.skipped !== undefined && b.skipped !== undefined;
  if (a.measuredMs === null || b.measuredMs === null) return a.measuredMs === b.measuredMs;
  return Math.abs(a.measuredMs - b.measuredMs) <= Math.max(a.resolutionMs, b.resolutionMs);
}

/**
 * Measured timeouts, service by service. A changed idle or absolute timeout is filed
 * under the behaviour the plan names for it (src/observe/timeouts/plans.ts): a
 * regression for DOC/WIRE ids, for review where the id is OPEN (Control-M's from-issue
 * vs from-last-use, CTM-S-06). A measurement missing on one side is only noted.
 */
export function compareTimeouts(
  baseline: Record<string, ServiceTimeouts> | undefined,
  current: Record<string, ServiceTimeouts> | undefined,
): Change[] {
  if (!baseline && !current) return [];
  const changes: Change[] = [];
  for (const service of [...new Set([...Object.keys(baseline ?? {}), ...Object.keys(current ?? {})])].sort()) {
    const a = baseline?.[service];
    const b = current?.[service];
    const plan = findPlan(service);
    for (const kind of ["idle", "absolute"] as const) {
      const id = plan?.ids[kind];
      const ids = id ? [id] : [];
      const where = `${service} ${kind} timeout`;
      const ra = a?.[kind];
      const rb = b?.[kind];
      if (!ra || !rb) {
        changes.push({
          ids,
          severity: "info",
          kind: "timeout",
          where,
          detail: ra
            ? "measured in the baseline, not in this run (run baseline measure, or pass --measure)"
            : "measured in this run, not in the baseline",
        });
        continue;
      }
      if (same(ra, rb)) continue;
      const severity =
        ra.skipped !== undefined || rb.skipped !== undefined ? "info" : ids.every(whollyOpen) && ids.length ? "review" : "regression";
      changes.push({ ids, severity, kind: "timeout", where, detail: `${describeMeasured(ra)} → ${describeMeasured(rb)}` });
    }
  }
  return changes;
}
