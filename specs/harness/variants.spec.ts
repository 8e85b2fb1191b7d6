import { expect, test } from "@playwright/test";
import { vendorIds } from "../../src/drivers/registry.ts";
import { mocks } from "../../src/mocks/registry.ts";
import { formatSpecificity, specificityMatrix } from "../../src/proof/specificity.ts";
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
      expect(result.verdicts.filter((v) => v.leftOpen !== 0).map((v) => v.scenario), "no session may be left open").toEqual([]);
    });
  }
}
