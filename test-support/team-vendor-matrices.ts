/**
 * The kill and variant matrices of a team vendor, in a process of their own: the vendor joins the
 * registry from SESSIONPROBE_VENDORS as it does for any command, and leaves no trace in the test's
 * worker. Prints one JSON line: the clean failures, the missed defects and the variants' false failures.
 */
import { join } from "node:path";
import { runAgainstMock } from "../src/in-process/run-suites.ts";
import { defectMatrix } from "../src/matrices/defect-matrix.ts";
import { findSuiteFiles } from "../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../src/scenario/load.ts";
import { findVendor, loadMock, vendorIds } from "../src/vendors/registry.ts";
import "./drivers.ts";

const id = process.argv[2] ?? "";
const vendor = findVendor(id);
const mock = await loadMock(id);
if (!vendor || !mock) throw new Error(`vendor ${id} is not registered (known: ${vendorIds.join(", ")})`);
const suites = loadSuitesOrThrow(findSuiteFiles(join(vendor.home, "suites")));
const matrix = await defectMatrix(mock, suites);
const falseFailures: string[] = [];
for (const variant of mock.variants) {
  const verdicts = await runAgainstMock({ mock, suites, variant });
  falseFailures.push(...verdicts.filter((v) => v.outcome !== "passed").map((v) => `${variant.name}: ${v.scenario}: ${v.error}`));
}
console.log(
  JSON.stringify({
    clean: matrix.clean.map((v) => ({ scenario: v.scenario, outcome: v.outcome, error: v.error })),
    defects: matrix.defects.map((d) => ({ name: d.defect.name, caught: d.caught })),
    falseFailures,
  }),
);
