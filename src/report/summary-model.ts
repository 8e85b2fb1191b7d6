import { findBehaviour, findService, isOpen } from "../catalogue/behaviours.ts";
import type { FailureKind } from "../engine/failure.ts";

export interface ScenarioRecord {
  target: string;
  service: string;
  covers: string[];
  title: string;
  /** The last attempt's status: with retries, the last attempt decides. */
  status: "passed" | "failed" | "skipped" | "timedOut" | "interrupted";
  /** Passed on a retry after a failed attempt. */
  flaky?: boolean;
  /** How many times it ran (1 without retries). */
  attempts: number;
  /** Why a failed scenario failed (the fixture's failure-kind annotation; none means a harness bug). */
  failureKind?: FailureKind;
  failureCode?: string;
  observations: string[];
  skipReason?: string;
  closedInTeardown: number;
  leftOpen?: number;
  serverVersion?: string;
  warnings: string[];
  /** Real time the scenario waited out (expiry: wait). */
  realWaitMs?: number;
  /** When the test ran (ms since the epoch), and for how long. */
  startedAt?: number;
  durationMs?: number;
}

export interface ServiceSummary {
  target: string;
  service: string;
  title: string;
  ids: { passed: string[]; failed: string[]; observed: string[]; skipped: string[] };
  scenarios: { total: number; passed: number; failed: number; skipped: number; flaky: number };
}

/** Folds scenario results into per-target, per-service id counts: failed beats skipped beats passed. */
export function summarize(records: readonly ScenarioRecord[]): ServiceSummary[] {
  const groups = new Map<string, ScenarioRecord[]>();
  for (const r of records) {
    const key = `${r.target}\u0000${r.service}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as ScenarioRecord;
    const [vendor = "", service = ""] = first.service.split("/");
    const state = new Map<string, "passed" | "failed" | "skipped">();
    const observed = new Set<string>();
    for (const r of group) {
      const outcome = r.status === "passed" ? "passed" : r.status === "skipped" ? "skipped" : "failed";
      for (const id of r.covers) {
        const previous = state.get(id);
        if (previous === "failed" || (previous === "skipped" && outcome === "passed")) continue;
        state.set(id, outcome);
        const behaviour = findBehaviour(id);
        if (r.observations.length && behaviour && isOpen(behaviour)) observed.add(id);
      }
    }
    const ids = { passed: [] as string[], failed: [] as string[], observed: [...observed].sort(), skipped: [] as string[] };
    for (const [id, outcome] of [...state.entries()].sort()) ids[outcome].push(id);
    return {
      target: first.target,
      service: first.service,
      title: findService(vendor, service)?.title ?? first.service,
      ids,
      scenarios: {
        total: group.length,
        passed: group.filter((r) => r.status === "passed").length,
        failed: group.filter((r) => r.status !== "passed" && r.status !== "skipped").length,
        skipped: group.filter((r) => r.status === "skipped").length,
        flaky: group.filter((r) => r.flaky).length,
      },
    };
  });
}
