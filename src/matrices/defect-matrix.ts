import { behaviours } from "../catalogue/behaviours.ts";
import type { MockDefect, VendorMock } from "../vendor-api/mock.ts";
import type { LoadedSuite } from "../scenario/load.ts";
import { runAgainstMock, type ScenarioVerdict } from "../in-process/run-suites.ts";

export interface DefectVerdict {
  defect: MockDefect;
  /** Covering scenarios whose failure was an expectation failure: they caught it. */
  caughtBy: ScenarioVerdict[];
  /** Covering scenarios that still passed. */
  missedBy: ScenarioVerdict[];
  /** Covering scenarios that ended in a transport, configuration or harness error: no verdict, and a matrix failure. */
  erroredBy: ScenarioVerdict[];
  caught: boolean;
}

export interface MatrixResult {
  vendor: string;
  clean: ScenarioVerdict[];
  defects: DefectVerdict[];
}

/**
 * The harness proving its own worth: the clean mock passes every scenario, and each
 * defect makes a scenario that covers a broken id fail *on an assertion*. A crash, a
 * transport error or a setup failure in a defect run is not a catch: it is reported as
 * an error of the matrix itself.
 */
export async function defectMatrix(
  mock: VendorMock,
  suites: readonly LoadedSuite[],
  setup?: Parameters<typeof runAgainstMock>[0]["setup"],
  via: { wire?: boolean } = {},
): Promise<MatrixResult> {
  const base = { mock, suites, wire: via.wire === true, ...(setup ? { setup } : {}) };
  const clean = await runAgainstMock(base);
  const defects: DefectVerdict[] = [];
  for (const defect of mock.defects) {
    const covering = (covers: readonly string[]) => covers.some((id) => defect.breaks.includes(id));
    const variant = defect.variant === undefined ? undefined : mock.variants.find((v) => v.name === defect.variant);
    if (defect.variant !== undefined && !variant)
      throw new Error(`defect ${defect.name} of ${mock.id} names variant ${defect.variant}, which the mock does not have`);
    const verdicts = await runAgainstMock({
      ...base,
      ...(variant ? { variant } : {}),
      defects: [defect.name],
      filter: (s) => covering(s.scenario.covers),
    });
    // Caught means an assertion about a broken behaviour failed: the failed step's ids, not only the scenario's.
    const caughtBy = verdicts.filter((v) => v.outcome === "failed" && v.failureKind === "expectation" && covering(v.failedIds ?? v.covers));
    const erroredBy = verdicts.filter((v) => v.outcome === "failed" && v.failureKind !== "expectation");
    // A failure on a step about another behaviour catches nothing: it is reported with the misses.
    const missedBy = verdicts.filter((v) => v.outcome === "passed" || (v.failureKind === "expectation" && !caughtBy.includes(v)));
    defects.push({ defect, caughtBy, missedBy, erroredBy, caught: caughtBy.length > 0 });
  }
  return { vendor: mock.id, clean, defects };
}

function at(v: ScenarioVerdict): string {
  return v.location ? `${v.location.file}:${v.location.line} (step ${v.location.step})` : v.suite;
}

/** Per behaviour id of the vendor: the defects that break it and the steps that caught them. */
export function killsById(result: MatrixResult): { id: string; sureness: string; defects: { name: string; caughtAt: string[] }[] }[] {
  return behaviours()
    .filter((b) => b.vendor === result.vendor)
    .map((b) => ({
      id: b.id,
      sureness: b.sureness,
      defects: result.defects
        .filter((d) => d.defect.breaks.includes(b.id))
        .map((d) => ({ name: d.defect.name, caughtAt: d.caughtBy.filter((v) => (v.failedIds ?? v.covers).includes(b.id)).map(at) })),
    }));
}

export function formatMatrix(result: MatrixResult): string {
  const caught = result.defects.filter((d) => d.caught).length;
  const ids = killsById(result);
  const killedIds = ids.filter((i) => i.defects.some((d) => d.caughtAt.length)).length;
  const lines = [
    `${result.vendor}: kill rate ${caught}/${result.defects.length} defects caught, ${killedIds}/${ids.length} ids killed; clean mock: ${result.clean.filter((v) => v.outcome === "passed").length}/${result.clean.length} scenarios passed`,
  ];
  for (const d of result.defects) {
    const status = d.erroredBy.length ? "ERROR" : d.caught ? "caught" : "MISSED";
    const where = d.caught ? ` at ${[...new Set(d.caughtBy.map(at))].join(", ")}` : "";
    const errors = d.erroredBy.map((v) => `\n      ${v.failureKind} error in "${v.scenario}": ${(v.error ?? "").split("\n")[0]}`).join("");
    lines.push(`  ${status} ${d.defect.name} (breaks ${d.defect.breaks.join(", ")})${where}${errors}`);
  }
  for (const i of ids) {
    const by = i.defects.filter((d) => d.caughtAt.length);
    lines.push(
      `  id ${i.id} [${i.sureness}]: ${by.length ? by.map((d) => `${d.name} at ${d.caughtAt[0]}`).join("; ") : "no defect caught"}`,
    );
  }
  return lines.join("\n");
}
