import { expect, test } from "@playwright/test";
import { vendorIds } from "../../src/vendors/registry.ts";
import { mocks } from "../../test-support/mocks.ts";
import { formatMatrix } from "../../src/matrices/defect-matrix.ts";
import { SWEEP, sweepSetting } from "../../src/matrices/sweep.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";

/**
 * The timeout sweep: every suite against every mock at declared timeouts across the
 * range staging servers use, on the virtual clock. The clean mock passes everything,
 * and every time-related defect is still caught by an assertion at every setting.
 */
const suites = loadSuitesOrThrow(findSuiteFiles());

for (const vendor of vendorIds.filter((v) => v in mocks)) {
  for (const setting of SWEEP) {
    test(`${vendor} at ${setting.name}: every suite passes and every time-related defect is caught`, async () => {
      test.setTimeout(120_000);
      const mock = mocks[vendor];
      if (!mock) throw new Error(`no mock for ${vendor}`);
      const result = await sweepSetting(mock, suites, setting);
      console.log(
        `[${setting.name}] ${formatMatrix(result)
          .split("\n")
          .filter((l) => !l.startsWith("  id "))
          .join("\n")}`,
      );
      expect(
        result.clean.filter((v) => v.outcome === "failed").map((v) => `${v.scenario}: ${v.error}`),
        "false failures at this setting",
      ).toEqual([]);
      expect(result.clean.filter((v) => v.outcome === "passed").length).toBeGreaterThan(0);
      // A defect no covering scenario can assert at this setting (an idle timeout at or past the lifetime hides
      // idle expiry) is reported as not asserted here, never as caught; any covering scenario that runs must catch it.
      const notAssertedHere = (d: (typeof result.defects)[number]) => !d.caught && !d.missedBy.length && !d.erroredBy.length;
      for (const d of result.defects.filter(notAssertedHere))
        console.log(`  not asserted at ${setting.name}: ${d.defect.name} (breaks ${d.defect.breaks.join(", ")})`);
      const notCaught = result.defects
        .filter((d) => (!d.caught && !notAssertedHere(d)) || d.erroredBy.length)
        .map((d) => `${d.defect.name}: ${d.erroredBy.map((v) => v.error).join("; ") || "missed"}`);
      expect(
        result.defects.filter(notAssertedHere).length === 0 || setting.idleMs >= setting.lifetimeMs,
        "only an idle timeout at or past the lifetime may leave a time-related defect unasserted",
      ).toBe(true);
      expect(notCaught, "time-related defects must be caught at every setting").toEqual([]);
    });
  }
}
