import { type DeviationVerdict, deviationProblem, failingDeviations } from "./deviations.ts";
import { isFailure, type ScenarioRecord } from "./summary-model.ts";

/**
 * The exit codes of `sessionprobe conformance|run` (README "Exit codes"). One place decides
 * them, from the scenario records, so the terminal, summary.json and the process agree.
 */
export const EXIT = {
  /** Every scenario passed (a pass on retry included) or was skipped by policy. */
  conformed: 0,
  /** At least one behaviour failed (an expectation failure in a scenario covering it), or a known deviation is stale or expired. */
  nonConformance: 1,
  /** Bad flags, a malformed targets or scenario file, a missing variable: nothing was sent. */
  usage: 2,
  /** A target could not be reached at all: every scenario run against it ended in a transport failure. */
  unreachable: 3,
  /**
   * No verdict for some scenarios: a harness bug, a scenario found unable to run as the target is
   * configured once the run was under way, or a transport failure on a target that answered others.
   */
  incomplete: 4,
} as const;

export interface Verdict {
  exitCode: number;
  meaning: string;
}

/** Targets whose every scenario that ran (was not skipped) ended in a transport failure. */
export function unreachableTargets(records: readonly ScenarioRecord[]): string[] {
  const targets = [...new Set(records.map((r) => r.target))];
  return targets.filter((target) => {
    const ran = records.filter((r) => r.target === target && r.status !== "skipped");
    return ran.length > 0 && ran.every((r) => isFailure(r) && r.failureKind === "transport");
  });
}

/**
 * Non-conformance first (a finding beats everything: a broken behaviour, or a known deviation
 * gone stale or past its date), then an unreachable target, then no verdict (a configuration
 * error found at run time, or any other failure). A waived failure (a known deviation in force) is not a failure.
 */
export function runVerdict(records: readonly ScenarioRecord[], deviations: readonly DeviationVerdict[] = []): Verdict {
  const failures = records.filter(isFailure);
  const broken = failures.filter((r) => r.failureKind === "expectation");
  const rotten = failingDeviations(deviations);
  if (broken.length || rotten.length) {
    const findings = broken.length
      ? [
          `${broken.length} scenario(s) found a behaviour broken (${[...new Set(broken.flatMap((r) => r.failedIds ?? r.covers))].join(", ")})`,
        ]
      : [];
    return { exitCode: EXIT.nonConformance, meaning: `non-conformance: ${[...findings, ...rotten.map(deviationProblem)].join("; ")}` };
  }
  const unreachable = unreachableTargets(records);
  if (unreachable.length)
    return {
      exitCode: EXIT.unreachable,
      meaning: `target(s) ${unreachable.join(", ")} could not be reached: every scenario ended in a transport failure`,
    };
  // Exit 2 says nothing was sent: a scenario found unable to run once the run was under way is no verdict (4), not a usage error.
  if (failures.length && failures.every((r) => r.failureKind === "configuration")) {
    return {
      exitCode: EXIT.incomplete,
      meaning: `incomplete: ${failures.length} scenario(s) cannot run as the target is configured (configuration); nothing was asserted about them`,
    };
  }
  if (failures.length) {
    const kinds = [...new Set(failures.map((r) => r.failureKind ?? "harness"))].join(", ");
    return { exitCode: EXIT.incomplete, meaning: `incomplete: ${failures.length} scenario(s) ended without a verdict (${kinds})` };
  }
  const flaky = records.filter((r) => r.flaky).length;
  const waived = deviations.filter((d) => d.state === "waived");
  const notes = [
    ...(flaky ? [`${flaky} scenario(s) passed on retry: flaky`] : []),
    ...(waived.length ? [`${waived.length} known deviation(s) waived: ${waived.map((d) => `${d.id} (${d.ticket})`).join(", ")}`] : []),
  ];
  return { exitCode: EXIT.conformed, meaning: `conformed${notes.length ? ` (${notes.join("; ")})` : ""}` };
}
