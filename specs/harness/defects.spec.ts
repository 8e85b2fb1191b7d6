import { expect, test } from "@playwright/test";
import { vendorIds } from "../../src/vendors/registry.ts";
import { mocks } from "../../test-support/mocks.ts";
import { defectMatrix, formatMatrix, killsById } from "../../src/matrices/defect-matrix.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";

const suites = loadSuitesOrThrow(findSuiteFiles());

for (const vendor of vendorIds.filter((v) => v in mocks)) {
  test(`${vendor}: the clean mock passes every scenario and every defect is caught`, async () => {
    test.setTimeout(120_000);
    const mock = mocks[vendor];
    if (!mock) throw new Error(`no mock for ${vendor}`);
    const result = await defectMatrix(mock, suites);
    console.log(formatMatrix(result));
    // A scenario may be skipped on the default mock (a feature it has off); its ids are then proved under a variant (below).
    const cleanFailures = result.clean.filter((v) => v.outcome === "failed").map((v) => `${v.covers.join(" ")} ${v.scenario}: ${v.error}`);
    expect(cleanFailures, "the clean mock must pass every scenario").toEqual([]);
    expect(
      result.clean.filter((v) => v.leftOpen !== 0).map((v) => v.scenario),
      "no session may be left open after teardown",
    ).toEqual([]);
    expect(result.defects.length, "every mock has defects to prove the suite with").toBeGreaterThan(0);
    const missed = result.defects.filter((d) => !d.caught).map((d) => `${d.defect.name} (breaks ${d.defect.breaks.join(", ")})`);
    expect(missed, "every defect must make a scenario covering what it breaks fail").toEqual([]);
    const errored = result.defects
      .filter((d) => d.erroredBy.length)
      .map((d) => `${d.defect.name}: ${d.erroredBy.map((v) => `${v.failureKind} ${v.error?.split("\n")[0]}`).join("; ")}`);
    expect(errored, "a defect run may end only in expectation failures: anything else is a harness error").toEqual([]);
    // Every DOC or WIRE id is killed: a named defect that breaks it is caught by an assertion in a scenario covering it.
    const unkilled = killsById(result)
      .filter((i) => /DOC|WIRE/.test(i.sureness) && !i.defects.some((d) => d.caughtAt.length))
      .map((i) => `${i.id} [${i.sureness}]`);
    expect(unkilled, "every DOC and WIRE id has a defect the suite catches").toEqual([]);
  });
}
