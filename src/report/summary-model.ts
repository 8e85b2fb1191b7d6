import { findBehaviour, findService, isOpen, isTeamId } from "../catalogue/behaviours.ts";
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
  /** The ids the failed step asserts (its own `covers:`, else the scenario's): what the failure says is broken. */
  failedIds?: string[];
  /** The failed step's YAML line (file:line:column). */
  failedAt?: string;
  /** The scenario's YAML line (file:line:column). */
  location?: string;
  /**
   * A failure whose every failed id the target declares as a known deviation still in force:
   * waived, with the ticket(s) and reason(s), and not a failure of the run.
   */
  deviation?: string;
  observations: string[];
  skipReason?: string;
  closedInTeardown: number;
  leftOpen?: number;
  serverVersion?: string;
  warnings: string[];
  /** Real time the scenario waited out (expiry: wait). */
  realWaitMs?: number;
  /** The wall time those waits took (less than their sum when two sessions wait at once). */
  elapsedWaitMs?: number;
  /** Time it waited before that for the target's other waiting scenarios, so that their waits overlap. */
  rendezvousMs?: number;
  /** A guarded scenario: time it waited, before anything reached the target, for the target's other scenarios to end. */
  othersWaitMs?: number;
  /** When the test ran (ms since the epoch), and for how long. */
  startedAt?: number;
  durationMs?: number;
}

export interface IdOutcomes {
  passed: string[];
  failed: string[];
  deviations: string[];
  observed: string[];
  skipped: string[];
}

export interface ServiceSummary {
  target: string;
  service: string;
  title: string;
  /** The vendor catalogue's ids, each once: failed, a known deviation (waived failure), skipped (or not reached), or passed. Observed OPEN ids are among them. */
  ids: IdOutcomes;
  /** The team's own behaviours (its behaviours file), apart from the vendor's; the same outcomes, the same rules. */
  teamIds: IdOutcomes;
  /** A waived scenario counts under deviations, not failed. */
  scenarios: { total: number; passed: number; failed: number; deviations: number; skipped: number; flaky: number };
}

type IdOutcome = "passed" | "skipped" | "deviations" | "failed";
const RANK: Record<IdOutcome, number> = { passed: 0, skipped: 1, deviations: 2, failed: 3 };

/** A scenario that failed and was not waived: the only kind that fails the run. */
export const isFailure = (r: ScenarioRecord): boolean => r.status !== "passed" && r.status !== "skipped" && !r.deviation;

/**
 * What one scenario says about one id it covers. A failed scenario breaks the ids its failed step
 * asserts; its other ids were not asserted to the end (it stopped there), so they count as not reached.
 */
function outcomeFor(r: ScenarioRecord, id: string): IdOutcome {
  if (r.status === "passed") return "passed";
  if (r.status === "skipped") return "skipped";
  const broken = r.failedIds?.length ? r.failedIds : r.covers;
  if (!broken.includes(id)) return "skipped";
  return r.deviation ? "deviations" : "failed";
}

/** Folds scenario results into per-target, per-service id counts: failed beats a deviation beats skipped beats passed. */
export function summarize(records: readonly ScenarioRecord[]): ServiceSummary[] {
  const groups = new Map<string, ScenarioRecord[]>();
  for (const r of records) {
    const key = `${r.target}\u0000${r.service}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as ScenarioRecord;
    const [vendor = "", service = ""] = first.service.split("/");
    const state = new Map<string, IdOutcome>();
    const observed = new Set<string>();
    for (const r of group) {
      for (const id of r.covers) {
        const outcome = outcomeFor(r, id);
        const previous = state.get(id);
        if (previous === undefined || RANK[outcome] > RANK[previous]) state.set(id, outcome);
        const behaviour = findBehaviour(id);
        if (r.observations.length && behaviour && isOpen(behaviour)) observed.add(id);
      }
    }
    const outcomes = (team: boolean): IdOutcomes => {
      const group: IdOutcomes = { passed: [], failed: [], deviations: [], observed: [], skipped: [] };
      for (const [id, outcome] of [...state.entries()].sort()) if (isTeamId(id) === team) group[outcome].push(id);
      group.observed = [...observed].filter((id) => isTeamId(id) === team).sort();
      return group;
    };
    return {
      target: first.target,
      service: first.service,
      title: findService(vendor, service)?.title ?? first.service,
      ids: outcomes(false),
      teamIds: outcomes(true),
      scenarios: {
        total: group.length,
        passed: group.filter((r) => r.status === "passed").length,
        failed: group.filter(isFailure).length,
        deviations: group.filter((r) => r.deviation).length,
        skipped: group.filter((r) => r.status === "skipped").length,
        flaky: group.filter((r) => r.flaky).length,
      },
    };
  });
}
