import type { MockDefect, VendorMock } from "../mocks/core/types.ts";
import type { LoadedSuite } from "../scenario/load.ts";
import { runAgainstMock, type ScenarioVerdict } from "./run-suites.ts";

export interface DefectVerdict {
  defect: MockDefect;
  /** Scenarios covering a broken id that failed: the defect was caught by them. */
  caughtBy: ScenarioVerdict[];
  /** Scenarios covering a broken id that still passed. */
  missedBy: ScenarioVerdict[];
  caught: boolean;
}

export interface MatrixResult {
  vendor: string;
  clean: ScenarioVerdict[];
  defects: DefectVerdict[];
}

/**
 * The harness proving its own worth: the clean mock passes every scenario, and
 * each defect makes at least one scenario covering the behaviour it breaks fail.
 */
export async function defectMatrix(mock: VendorMock, suites: readonly LoadedSuite[]): Promise<MatrixResult> {
  const clean = await runAgainstMock({ mock, suites });
  const defects: DefectVerdict[] = [];
  for (const defect of mock.defects) {
    const covering = (covers: readonly string[]) => covers.some((id) => defect.breaks.includes(id));
    const verdicts = await runAgainstMock({ mock, suites, defects: [defect.name], filter: (s) => covering(s.scenario.covers) });
    const caughtBy = verdicts.filter((v) => v.outcome === "failed");
    defects.push({ defect, caughtBy, missedBy: verdicts.filter((v) => v.outcome === "passed"), caught: caughtBy.length > 0 });
  }
  return { vendor: mock.id, clean, defects };
}

export function formatMatrix(result: MatrixResult): string {
  const caught = result.defects.filter((d) => d.caught).length;
  const lines = [`${result.vendor}: kill rate ${caught}/${result.defects.length} defects caught; clean mock: ${result.clean.filter((v) => v.outcome === "passed").length}/${result.clean.length} scenarios passed`];
  for (const d of result.defects) {
    lines.push(`  ${d.caught ? "caught" : "MISSED"} ${d.defect.name} (breaks ${d.defect.breaks.join(", ")})${d.caught ? ` by: ${d.caughtBy.map((v) => v.covers.join(" ")).join("; ")}` : ""}`);
  }
  return lines.join("\n");
}
