import { expect, test } from "@playwright/test";
import { vendorIds } from "../../src/drivers/registry.ts";
import { mocks } from "../../src/mocks/registry.ts";
import { defectMatrix, formatMatrix } from "../../src/proof/defect-matrix.ts";
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
    const cleanFailures = result.clean.filter((v) => v.outcome !== "passed").map((v) => `${v.covers.join(" ")} ${v.scenario}: ${v.error}`);
    expect(cleanFailures, "the clean mock must pass every scenario").toEqual([]);
    expect(result.clean.filter((v) => v.leftOpen !== 0).map((v) => v.scenario), "no session may be left open after teardown").toEqual([]);
    expect(result.defects.length, "every mock has defects to prove the suite with").toBeGreaterThan(0);
    const missed = result.defects.filter((d) => !d.caught).map((d) => `${d.defect.name} (breaks ${d.defect.breaks.join(", ")})`);
    expect(missed, "every defect must make a scenario covering what it breaks fail").toEqual([]);
  });
}
