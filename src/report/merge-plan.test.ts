import { expect, test } from "@playwright/test";
import { ConfigurationError } from "../engine/failure.ts";
import { checkCensus, type ShardFolder } from "./merge-inputs.ts";
import { type Census, type CensusReport, foldCopies } from "./merge-plan.ts";

const report = (reportPath: string, shard: CensusReport["shard"], tests: [string, boolean][]): CensusReport => ({
  reportPath,
  shard,
  playwrightVersion: "1.65.1",
  startTime: 0,
  duration: 0,
  status: "passed",
  tests: tests.map(([key, ran]) => ({ key, title: key, ran })),
});

test("one copy of each test counts: the one that ran, else the first report's; a test run by two reports is reported", () => {
  const census: Census = {
    reports: [
      report("guarded.zip", null, [["flood", true]]),
      report("s1.zip", { current: 1, total: 2 }, [
        ["flood", false],
        ["login", true],
      ]),
      report("s2.zip", { current: 2, total: 2 }, [
        ["flood", false],
        ["lockout", false],
        ["logout", true],
      ]),
    ],
  };
  expect(foldCopies(census)).toEqual({
    drop: [
      { reportPath: "s1.zip", key: "flood" },
      { reportPath: "s2.zip", key: "flood" },
    ],
    ranTwice: [],
  });
  // Skipped everywhere (the guarded job did not run): the first shard's skip counts.
  const noGuardedJob: Census = { reports: census.reports.slice(1) };
  expect(foldCopies(noGuardedJob).drop).toEqual([{ reportPath: "s2.zip", key: "flood" }]);
  const twice: Census = { reports: [report("a.zip", null, [["login", true]]), report("b.zip", null, [["login", true]])] };
  expect(foldCopies(twice).ranTwice).toEqual([{ title: "login", reportPaths: ["a.zip", "b.zip"] }]);
});

const folder = (label: string): ShardFolder => ({ label, path: `/r/${label}`, blob: `/r/${label}/blob/report.zip` });

test("the census refuses splits that are not one run: another count, a shard twice or missing, another Playwright, a test run twice", () => {
  const staged = new Map([
    ["a.zip", folder("shard-1")],
    ["b.zip", folder("shard-2")],
  ]);
  const refusal = (reports: CensusReport[]) => {
    try {
      checkCensus({ reports }, staged);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigurationError);
      return (error as Error).message;
    }
    return "accepted";
  };
  const one = { current: 1, total: 2 };
  expect(refusal([report("a.zip", one, []), report("b.zip", { current: 2, total: 2 }, [])])).toBe("accepted");
  expect(refusal([report("a.zip", one, []), report("b.zip", { current: 2, total: 3 }, [])])).toMatch(
    /shards of different splits \(shard-1: 1\/2, shard-2: 2\/3\)/,
  );
  expect(refusal([report("a.zip", one, []), report("b.zip", one, [])])).toMatch(/shard 1\/2 is in shard-1 and shard-2/);
  expect(refusal([report("a.zip", one, []), report("b.zip", null, [])])).toMatch(/shard 2\/2 is missing \(found 1\/2 in shard-1\)/);
  expect(refusal([report("a.zip", one, []), { ...report("b.zip", { current: 2, total: 2 }, []), playwrightVersion: "1.60.0" }])).toMatch(
    /different Playwright versions \(1\.65\.1: shard-1; 1\.60\.0: shard-2\)/,
  );
  expect(refusal([report("a.zip", null, [["login", true]]), report("b.zip", null, [["login", true]])])).toMatch(
    /1 test\(s\) ran in more than one folder \("login" in shard-1 and shard-2\)/,
  );
  expect(refusal([report("a.zip", one, [])])).toMatch(/shard-2: Playwright's merge found no report in its blob/);
});
