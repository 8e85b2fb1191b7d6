import { expect, test } from "@playwright/test";
import { vendorIds } from "../../src/vendors/registry.ts";
import { mocks } from "../../test-support/mocks.ts";
import { behaviours } from "../../src/catalogue/behaviours.ts";
import { runAgainstMock } from "../../src/in-process/run-suites.ts";
import { formatSpecificity, openIdsToldApart, specificityMatrix } from "../../src/matrices/specificity.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";

/**
 * The specificity matrix: every suite against every legal variant of its vendor's mock
 * (one per answer the wire notes leave open). Zero failures allowed: a failure here is a
 * suite asserting more than the evidence allows.
 */
const suites = loadSuitesOrThrow(findSuiteFiles());

for (const vendor of vendorIds.filter((v) => v in mocks)) {
  const mock = mocks[vendor];
  for (const variant of mock?.variants ?? []) {
    test(`${vendor} variant ${variant.name}: every suite passes (no false failures)`, async () => {
      test.setTimeout(120_000);
      if (!mock) throw new Error(`no mock for ${vendor}`);
      const [result] = await specificityMatrix(mock, suites, [variant]);
      if (!result) throw new Error("no result");
      console.log(formatSpecificity(vendor, [result]));
      expect(result.verdicts.filter((v) => v.outcome === "passed").length, "a variant must run scenarios").toBeGreaterThan(0);
      expect(result.falseFailures.map((f) => `${f.scenario}: ${f.error}`)).toEqual([]);
      expect(
        result.verdicts.filter((v) => v.leftOpen !== 0).map((v) => v.scenario),
        "no session may be left open",
      ).toEqual([]);
    });
  }
}

/**
 * OPEN ids are proved not by a defect but by telling legal answers apart: some
 * observation of a scenario covering the id differs between two of the vendor's variants.
 * Only the scenarios covering OPEN ids run here, once per variant.
 */
for (const vendor of vendorIds.filter((v) => v in mocks)) {
  const open = behaviours()
    .filter((b) => b.vendor === vendor && /OPEN/.test(b.sureness))
    .map((b) => b.id);
  if (!open.length) continue;
  test(`${vendor}: every OPEN id is told apart by a pair of legal variants`, async () => {
    test.setTimeout(120_000);
    const mock = mocks[vendor];
    if (!mock) throw new Error(`no mock for ${vendor}`);
    const results = [];
    for (const variant of mock.variants) {
      const verdicts = await runAgainstMock({ mock, suites, variant, filter: (l) => l.scenario.covers.some((id) => open.includes(id)) });
      results.push({ variant, verdicts, falseFailures: verdicts.filter((v) => v.outcome === "failed") });
    }
    const apart = openIdsToldApart(vendor, results);
    for (const a of apart)
      console.log(
        `${vendor} ${a.id}: ${
          a.label
            ? `told apart by "${a.label}" (${Object.entries(a.values ?? {})
                .slice(0, 3)
                .map(([k, v]) => `${k}=${v}`)
                .join(", ")}…)`
            : "NOT told apart"
        }`,
      );
    expect(
      apart.filter((a) => !a.label).map((a) => a.id),
      "OPEN ids no observation tells apart",
    ).toEqual([]);
  });
}
