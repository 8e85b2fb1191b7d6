import { expect, test } from "@playwright/test";
import { waiverFor } from "../targets/deviations.ts";
import { judgeDeviations } from "./deviations.ts";
import { ScenarioRecords } from "./scenario-record.ts";
import { type ScenarioRecord, summarize } from "./summary-model.ts";
import { EXIT, runVerdict } from "./verdict.ts";
import { failedWith, fakeResult, fakeTest, scenarioAnnotations } from "../../test-support/reporter-results.ts";

const deviation = { id: "CTM-S-07", reason: "logout keeps the token", ticket: "ABC-123", until: "2027-03-01" };
const targets = [{ name: "controlm", deviations: [deviation] }];

/** A scenario record as the fixture leaves it: failed on `failedIds`, waived when the fixture made it an expected failure. */
function scenario(title: string, covers: string, outcome: { failedIds?: string; waived?: boolean } = {}): ScenarioRecord {
  const records = new ScenarioRecords();
  const failed = outcome.failedIds !== undefined;
  const annotations = scenarioAnnotations("controlm/session", covers, [
    ...(failed ? [...failedWith("expectation"), { type: "failed-ids", description: outcome.failedIds ?? "" }] : []),
    ...(outcome.waived ? [{ type: "deviation", description: "deviation ABC-123: CTM-S-07 failed as known — logout keeps the token" }] : []),
  ]);
  const test = fakeTest({ id: title, title, expectedStatus: outcome.waived ? "failed" : "passed" });
  return records.add(test, fakeResult({ status: failed ? "failed" : "passed", annotations })) as ScenarioRecord;
}

test("a failure is waived only when every failed id has a deviation still in force on that day", () => {
  expect(waiverFor([deviation], ["CTM-S-07"], "2027-03-01")).toEqual([deviation]);
  // A new finding never hides behind an old one.
  expect(waiverFor([deviation], ["CTM-S-07", "CTM-S-03"], "2027-03-01")).toBeUndefined();
  // Past its until day the waiver is gone.
  expect(waiverFor([deviation], ["CTM-S-07"], "2027-03-02")).toBeUndefined();
  expect(waiverFor(undefined, ["CTM-S-07"], "2027-01-01")).toBeUndefined();
});

test("a waived failure: the id is a deviation, not a failure; the run conforms and says which waiver held", () => {
  const records = [
    scenario("CTM-S-01 CTM-S-07 logout", "CTM-S-01 CTM-S-07", { failedIds: "CTM-S-07", waived: true }),
    scenario("CTM-S-03 use", "CTM-S-03"),
  ];
  const verdicts = judgeDeviations(records, targets, "2027-02-01");
  expect(verdicts.map((d) => d.state)).toEqual(["waived"]);
  const [service] = summarize(records);
  // CTM-S-01 was not asserted to the end: the scenario stopped at CTM-S-07.
  expect(service?.ids).toEqual({ passed: ["CTM-S-03"], failed: [], deviations: ["CTM-S-07"], observed: [], skipped: ["CTM-S-01"] });
  expect(service?.scenarios).toMatchObject({ total: 2, passed: 1, failed: 0, deviations: 1 });
  expect(runVerdict(records, verdicts)).toEqual({
    exitCode: EXIT.conformed,
    meaning: "conformed (1 known deviation(s) waived: CTM-S-07 (ABC-123))",
  });
});

test("a waived id whose every scenario passed is a stale deviation, and a deviation past its until date is expired: both fail the run", () => {
  const passing = [scenario("CTM-S-07 logout", "CTM-S-07"), scenario("CTM-S-07 logout again", "CTM-S-07")];
  const stale = judgeDeviations(passing, targets, "2027-02-01");
  expect(stale.map((d) => [d.state, d.scenarios.length])).toEqual([["stale", 2]]);
  expect(runVerdict(passing, stale)).toMatchObject({
    exitCode: EXIT.nonConformance,
    meaning: expect.stringMatching(
      /^non-conformance: deviation ABC-123 \(CTM-S-07\) on target controlm is stale: every scenario covering CTM-S-07 passed \(2\)/,
    ),
  });
  const failing = [scenario("CTM-S-07 logout", "CTM-S-07", { failedIds: "CTM-S-07" })];
  const expired = judgeDeviations(failing, targets, "2027-03-02");
  expect(expired.map((d) => d.state)).toEqual(["expired"]);
  expect(runVerdict(failing, expired).meaning).toMatch(
    /^non-conformance: 1 scenario\(s\) found a behaviour broken \(CTM-S-07\); deviation ABC-123 \(CTM-S-07\) on target controlm ran past its until date 2027-03-01/,
  );
});

test("a deviation no scenario settled (none ran, or one failed on another id first) neither holds nor fails; another target's is not judged", () => {
  const otherId = [scenario("CTM-S-07 logout", "CTM-S-03 CTM-S-07", { failedIds: "CTM-S-03" })];
  expect(judgeDeviations(otherId, targets, "2027-02-01").map((d) => d.state)).toEqual(["not exercised"]);
  expect(judgeDeviations(otherId, [{ name: "elsewhere", deviations: [deviation] }], "2099-01-01")).toEqual([]);
});
