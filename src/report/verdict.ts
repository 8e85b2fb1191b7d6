import type { ScenarioRecord } from "./summary-model.ts";

/**
 * The exit codes of `sessionprobe conformance|run` (README "Exit codes"). One place decides
 * them, from the scenario records, so the terminal, summary.json and the process agree.
 */
export const EXIT = {
  /** Every scenario passed (a pass on retry included) or was skipped by policy. */
  conformed: 0,
  /** At least one behaviour failed: an expectation failure in a scenario covering it. */
  nonConformance: 1,
  /** Bad flags, a malformed targets or scenario file, a missing variable: nothing was sent. */
  usage: 2,
  /** A target could not be reached at all: every scenario run against it ended in a transport failure. */
  unreachable: 3,
  /** No verdict for some scenarios: a harness bug, or a transport failure on a target that answered others. */
  incomplete: 4,
} as const;

export interface Verdict {
  exitCode: number;
  meaning: string;
}

const failed = (r: ScenarioRecord) => r.status !== "passed" && r.status !== "skipped";

/** Targets whose every scenario that ran (was not skipped) ended in a transport failure. */
export function unreachableTargets(records: readonly ScenarioRecord[]): string[] {
  const targets = [...new Set(records.map((r) => r.target))];
  return targets.filter((target) => {
    const ran = records.filter((r) => r.target === target && r.status !== "skipped");
    return ran.length > 0 && ran.every((r) => failed(r) && r.failureKind === "transport");
  });
}

/** Non-conformance first (a finding beats everything), then an unreachable target, a configuration error, any other failure. */
export function runVerdict(records: readonly ScenarioRecord[]): Verdict {
  const failures = records.filter(failed);
  const broken = failures.filter((r) => r.failureKind === "expectation");
  if (broken.length)
    return {
      exitCode: EXIT.nonConformance,
      meaning: `non-conformance: ${broken.length} scenario(s) found a behaviour broken (${[...new Set(broken.flatMap((r) => r.covers))].join(", ")})`,
    };
  const unreachable = unreachableTargets(records);
  if (unreachable.length)
    return {
      exitCode: EXIT.unreachable,
      meaning: `target(s) ${unreachable.join(", ")} could not be reached: every scenario ended in a transport failure`,
    };
  if (failures.length && failures.every((r) => r.failureKind === "configuration")) {
    return {
      exitCode: EXIT.usage,
      meaning: `configuration error: ${failures.length} scenario(s) cannot run as the target is configured; nothing was asserted about the server`,
    };
  }
  if (failures.length) {
    const kinds = [...new Set(failures.map((r) => r.failureKind ?? "harness"))].join(", ");
    return { exitCode: EXIT.incomplete, meaning: `incomplete: ${failures.length} scenario(s) ended without a verdict (${kinds})` };
  }
  const flaky = records.filter((r) => r.flaky).length;
  return { exitCode: EXIT.conformed, meaning: `conformed${flaky ? ` (${flaky} scenario(s) passed on retry: flaky)` : ""}` };
}
