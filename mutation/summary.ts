import { readFileSync } from "node:fs";

/**
 * What a Stryker JSON report says about the mocks, counted the way this project grades
 * itself: a mutant is caught only when a scenario's assertion failed (Stryker's Killed).
 * A timeout or a crash is no catch and is listed; a mutant disabled in the code with a
 * reason (`// Stryker disable …: <reason>`) is an equivalent or non-behaviour mutant,
 * reviewed where it stands, and left out of the score.
 */
export interface MutantRecord {
  file: string;
  line: number;
  mutator: string;
  replacement: string;
  status: string;
  reason?: string;
}

export interface Tally {
  killed: number;
  survived: number;
  timeout: number;
  noCoverage: number;
  equivalent: number;
  errors: number;
}

const empty = (): Tally => ({ killed: 0, survived: 0, timeout: 0, noCoverage: 0, equivalent: 0, errors: 0 });

export function readMutants(reportPath: string): MutantRecord[] {
  const report = JSON.parse(readFileSync(reportPath, "utf8")) as {
    files: Record<string, { mutants: { mutatorName: string; replacement?: string; status: string; statusReason?: string; location: { start: { line: number } } }[] }>;
  };
  return Object.entries(report.files).flatMap(([file, { mutants }]) =>
    mutants.map((m) => {
      const record: MutantRecord = { file, line: m.location.start.line, mutator: m.mutatorName, replacement: m.replacement ?? "", status: m.status };
      if (m.statusReason) record.reason = m.statusReason;
      return record;
    }),
  );
}

/** The vendor a mutated file belongs to; the shared session table is "core". */
export function vendorOf(file: string): string {
  if (/src\/mock-kit\//.test(file)) return "core";
  return file.match(/src\/vendors\/([^/]+)\//)?.[1] ?? "other";
}

export function tally(mutants: readonly MutantRecord[]): Tally {
  const t = empty();
  for (const m of mutants) {
    if (m.status === "Killed") t.killed++;
    else if (m.status === "Survived") t.survived++;
    else if (m.status === "Timeout") t.timeout++;
    else if (m.status === "NoCoverage") t.noCoverage++;
    else if (m.status === "Ignored") t.equivalent++;
    else t.errors++;
  }
  return t;
}

/** Caught over everything that could have been caught: timeouts, survivors and uncovered mutants all count against it. */
export function score(t: Tally): number {
  const graded = t.killed + t.survived + t.timeout + t.noCoverage;
  return graded === 0 ? 100 : (100 * t.killed) / graded;
}

export function scoreLine(t: Tally): string {
  return `mutation score: ${score(t).toFixed(1)}% (killed ${t.killed}, survived ${t.survived}, timeout ${t.timeout}, no coverage ${t.noCoverage}; equivalent ${t.equivalent} reviewed)`;
}
