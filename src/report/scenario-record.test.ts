import { expect, test } from "@playwright/test";
import { ScenarioRecords } from "./scenario-record.ts";
import { summarize } from "./summary-model.ts";
import { EXIT, runVerdict } from "./verdict.ts";
import type { ScenarioRecord } from "./summary-model.ts";
import { failedWith, fakeResult, fakeTest, scenarioAnnotations } from "../../test-support/reporter-results.ts";

test("retries are folded: the last attempt decides, a pass after a failure is flaky, and the scenario counts once", () => {
  const records = new ScenarioRecords();
  const flaky = fakeTest({ id: "t1", title: "CTM-S-03 bearer" });
  records.add(
    flaky,
    fakeResult({
      status: "failed",
      annotations: [...scenarioAnnotations("controlm/session", "CTM-S-03"), ...failedWith("transport")],
      startMs: 1000,
      durationMs: 100,
    }),
  );
  records.add(
    flaky,
    fakeResult({
      status: "passed",
      retry: 1,
      annotations: scenarioAnnotations("controlm/session", "CTM-S-03"),
      startMs: 1200,
      durationMs: 100,
    }),
  );
  const steady = fakeTest({ id: "t2", title: "CTM-S-04 no token" });
  records.add(steady, fakeResult({ status: "passed", annotations: scenarioAnnotations("controlm/session", "CTM-S-04") }));
  const list = records.list();
  expect(list.map((r) => [r.title, r.status, r.flaky ?? false, r.attempts, r.failureKind])).toEqual([
    ["CTM-S-03 bearer", "passed", true, 2, undefined],
    ["CTM-S-04 no token", "passed", false, 1, undefined],
  ]);
  expect(list[0]?.durationMs).toBe(300);
  const [service] = summarize(list);
  expect(service?.scenarios).toEqual({ total: 2, passed: 2, failed: 0, deviations: 0, skipped: 0, flaky: 1 });
  expect(service?.ids.failed).toEqual([]);
  expect(runVerdict(list)).toEqual({ exitCode: EXIT.conformed, meaning: "conformed (1 scenario(s) passed on retry: flaky)" });
});

test("a failed attempt without a failure-kind annotation is a harness bug", () => {
  const records = new ScenarioRecords();
  records.add(
    fakeTest({ id: "t", title: "VM-01 x" }),
    fakeResult({ status: "timedOut", annotations: scenarioAnnotations("vmanage/session", "VM-01") }),
  );
  expect(records.list()[0]).toMatchObject({ status: "timedOut", failureKind: "harness", failureCode: "SP_HARNESS_BUG" });
});

const record = (target: string, status: ScenarioRecord["status"], failureKind?: ScenarioRecord["failureKind"]): ScenarioRecord => ({
  target,
  service: "controlm/session",
  covers: ["CTM-S-01"],
  title: "t",
  status,
  attempts: 1,
  observations: [],
  closedInTeardown: 0,
  warnings: [],
  ...(failureKind ? { failureKind } : {}),
});

test("the verdict's exit code: non-conformance beats an unreachable target beats an incomplete run; a configuration error at run time is incomplete", () => {
  expect(runVerdict([record("a", "passed"), record("a", "skipped")]).exitCode).toBe(EXIT.conformed);
  expect(runVerdict([record("a", "failed", "expectation"), record("b", "failed", "transport")]).exitCode).toBe(EXIT.nonConformance);
  expect(runVerdict([record("a", "passed"), record("b", "failed", "transport"), record("b", "skipped")]).exitCode).toBe(EXIT.unreachable);
  // A target that answered one scenario was reachable: its transport failure leaves the run incomplete.
  expect(runVerdict([record("b", "passed"), record("b", "failed", "transport")]).exitCode).toBe(EXIT.incomplete);
  // Exit 2 means nothing was sent: a scenario that cannot run, found once the run is under way, is no verdict.
  expect(runVerdict([record("a", "passed"), record("a", "failed", "configuration")]).exitCode).toBe(EXIT.incomplete);
  expect(runVerdict([record("a", "failed", "configuration"), record("a", "failed", "harness")]).exitCode).toBe(EXIT.incomplete);
});
