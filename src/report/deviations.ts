import { isExpired } from "../targets/deviations.ts";
import type { Deviation } from "../targets/types.ts";
import type { ScenarioRecord } from "./summary-model.ts";

/**
 * What became of a declared deviation in this run:
 * - waived: a scenario failed on that id alone (with other waived ids at most), and the failure was waived;
 * - stale: every scenario covering the id passed on that target: the server conforms, the waiver must go;
 * - expired: the run started after its `until` day;
 * - not exercised: no scenario settled it (none ran, some were skipped, or one failed on another id first).
 * Stale and expired fail the run (exit 1), so a waiver cannot outlive its reason.
 */
export type DeviationState = "waived" | "stale" | "expired" | "not exercised";

export interface DeviationVerdict extends Deviation {
  target: string;
  state: DeviationState;
  /** The scenarios covering the id on that target, as they ended (a waived one as "deviation"). */
  scenarios: { title: string; status: string }[];
}

/** A target and the deviations its targets file declares (evidence.json carries them, so a merge knows them too). */
export interface DeclaredDeviations {
  name: string;
  deviations?: readonly Deviation[];
}

const endedAs = (r: ScenarioRecord) => (r.deviation ? "deviation" : r.flaky ? "passed (flaky)" : r.status);

function stateOf(deviation: Deviation, covering: readonly ScenarioRecord[], day: string): DeviationState {
  if (isExpired(deviation, day)) return "expired";
  if (covering.some((r) => r.deviation && (r.failedIds ?? []).includes(deviation.id))) return "waived";
  if (covering.length && covering.every((r) => r.status === "passed")) return "stale";
  return "not exercised";
}

/** Every declared deviation of the targets this run ran against, judged against the scenarios that ran (`day`: the run's first day, UTC). */
export function judgeDeviations(
  records: readonly ScenarioRecord[],
  targets: readonly DeclaredDeviations[],
  day: string,
): DeviationVerdict[] {
  // A target this run did not touch (another --target of the file) is not judged by it.
  const ran = new Set(records.map((r) => r.target));
  return targets
    .filter((target) => ran.has(target.name))
    .flatMap((target) =>
      (target.deviations ?? []).map((deviation) => {
        const covering = records.filter((r) => r.target === target.name && r.covers.includes(deviation.id));
        return {
          ...deviation,
          target: target.name,
          state: stateOf(deviation, covering, day),
          scenarios: covering.map((r) => ({ title: r.title, status: endedAs(r) })),
        };
      }),
    );
}

/** The deviations that fail the run. */
export const failingDeviations = (verdicts: readonly DeviationVerdict[]) =>
  verdicts.filter((d) => d.state === "stale" || d.state === "expired");

/** Why a deviation fails the run, and what to do: the reason a CI log, JUnit and the statement give. */
export function deviationProblem(d: DeviationVerdict): string {
  if (d.state === "stale")
    return `deviation ${d.ticket} (${d.id}) on target ${d.target} is stale: every scenario covering ${d.id} passed (${d.scenarios.length}); the server conforms now, so remove the deviation from the targets file (it said: ${d.reason})`;
  if (d.state === "expired")
    return `deviation ${d.ticket} (${d.id}) on target ${d.target} ran past its until date ${d.until} (${d.reason}): fix the server, or review the waiver and give it a later until`;
  return `deviation ${d.ticket} (${d.id}) on target ${d.target}: ${d.state}`;
}
