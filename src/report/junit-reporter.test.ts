import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { MergedRun } from "./evidence.ts";
import JunitReporter from "./junit-reporter.ts";
import { junitSchemaErrors } from "./junit-schema.ts";
import { failedWith, fakeResult, fakeTest, scenarioAnnotations } from "../../test-support/reporter-results.ts";

async function runReporter(feed: (r: JunitReporter) => void, options: { merged?: MergedRun } = {}): Promise<string> {
  const outputFile = join(mkdtempSync(join(tmpdir(), "sp-junit-")), "junit.xml");
  const reporter = new JunitReporter({ outputFile, ...options });
  feed(reporter);
  await reporter.onEnd({ startTime: new Date("2026-12-01T20:00:00Z") });
  return readFileSync(outputFile, "utf8");
}

test("JUnit: vendor.service classnames, <failure> for a broken behaviour, <error> for the other kinds, <skipped message>, valid against the JUnit XSD", async () => {
  const xml = await runReporter((r) => {
    const passed = fakeTest({ id: "a", title: "CTM-S-01 CTM-S-11 login works" });
    r.onTestEnd(passed, fakeResult({ status: "passed", annotations: scenarioAnnotations("controlm/session", "CTM-S-01 CTM-S-11") }));
    const broken = fakeTest({ id: "b", title: "CTM-S-07 logout & then <refused>" });
    r.onTestEnd(
      broken,
      fakeResult({
        status: "failed",
        annotations: [...scenarioAnnotations("controlm/session", "CTM-S-07"), ...failedWith("expectation")],
        message: 'ExpectationFailure: [controlm] step 2 "logout": expected invalid\n  POST /session/logout → 200',
      }),
    );
    const unreachable = fakeTest({ id: "c", title: "VM-01 login" });
    r.onTestEnd(
      unreachable,
      fakeResult({
        status: "failed",
        annotations: [...scenarioAnnotations("vmanage/session", "VM-01"), ...failedWith("transport")],
        message: "TransportFailure: connection refused",
      }),
    );
    const crashed = fakeTest({ id: "d", title: "VM-03 token" });
    // No failure-kind annotation: a failure nobody classified is a harness bug.
    r.onTestEnd(crashed, fakeResult({ status: "timedOut", annotations: scenarioAnnotations("vmanage/session", "VM-03") }));
    const skipped = fakeTest({ id: "e", title: "VM-10 flood" });
    r.onTestEnd(
      skipped,
      fakeResult({
        status: "skipped",
        annotations: [
          ...scenarioAnnotations("vmanage/session", "VM-10"),
          { type: "skip-reason", description: "session-flood is not allowed on this target" },
        ],
      }),
    );
  });
  expect(await junitSchemaErrors(xml)).toEqual([]);
  expect(xml).toContain('<testsuites name="sessionprobe" tests="5" failures="1" errors="2"');
  expect(xml).toMatch(/<testsuite name="controlm controlm.session" tests="2" failures="1" errors="0" skipped="0"/);
  expect(xml).toMatch(/<testsuite name="vmanage vmanage.session" tests="3" failures="0" errors="2" skipped="1"/);
  expect(xml).toMatch(
    /<testcase name="CTM-S-07 logout &amp; then &lt;refused&gt;" classname="controlm.session" time="0.120"><failure message="ExpectationFailure: \[controlm\] step 2 &quot;logout&quot;: expected invalid" type="SP_EXPECTATION_FAILED">/,
  );
  expect(xml).toMatch(
    /<testcase name="VM-01 login" classname="vmanage.session"[^>]*><error message="TransportFailure: connection refused" type="SP_TRANSPORT_FAILED">/,
  );
  expect(xml).toMatch(
    /<testcase name="VM-03 token" classname="vmanage.session"[^>]*><error message="the test timed out" type="SP_HARNESS_BUG">/,
  );
  expect(xml).toMatch(
    /<testcase name="VM-10 flood" classname="vmanage.session"[^>]*><skipped message="session-flood is not allowed on this target"\/>/,
  );
});

test("JUnit: a retried scenario is one testcase; a pass after a failure carries a flakyFailure and counts as no failure", async () => {
  const xml = await runReporter((r) => {
    const flaky = fakeTest({ id: "f", title: "AM-02 validate" });
    r.onTestEnd(
      flaky,
      fakeResult({
        status: "failed",
        annotations: [...scenarioAnnotations("openam/sessions", "AM-02"), ...failedWith("expectation")],
        message: "ExpectationFailure: valid:false",
      }),
    );
    r.onTestEnd(flaky, fakeResult({ status: "passed", retry: 1, annotations: scenarioAnnotations("openam/sessions", "AM-02") }));
    const twice = fakeTest({ id: "g", title: "AM-06 logout" });
    r.onTestEnd(
      twice,
      fakeResult({
        status: "failed",
        annotations: [...scenarioAnnotations("openam/sessions", "AM-06"), ...failedWith("transport")],
        message: "TransportFailure: reset",
      }),
    );
    r.onTestEnd(
      twice,
      fakeResult({
        status: "failed",
        retry: 1,
        annotations: [...scenarioAnnotations("openam/sessions", "AM-06"), ...failedWith("expectation")],
        message: "ExpectationFailure: still valid",
      }),
    );
  });
  expect(await junitSchemaErrors(xml)).toEqual([]);
  expect(xml).toContain('tests="2" failures="1" errors="0"');
  expect(xml).toMatch(
    /<testcase name="AM-02 validate"[^>]*><flakyFailure message="ExpectationFailure: valid:false" type="SP_EXPECTATION_FAILED"><stackTrace>/,
  );
  expect(xml).toMatch(
    /<testcase name="AM-06 logout"[^>]*><failure message="ExpectationFailure: still valid"[^>]*>.*<\/failure><rerunError message="TransportFailure: reset"/s,
  );
});

test("the XSD check is real: a testcase without a name is refused", async () => {
  expect(
    await junitSchemaErrors(
      '<testsuites><testsuite name="x" tests="1" failures="0" errors="0"><testcase classname="a"/></testsuite></testsuites>',
    ),
  ).not.toEqual([]);
});

test("JUnit: a waived known deviation is a <skipped type=SP_DEVIATION> with the ticket first; a stale deviation is a failed case of its own", async () => {
  const deviation = { id: "CTM-S-07", reason: "logout keeps the token", ticket: "ABC-123", until: "2099-01-01" };
  const stale = { id: "CTM-S-04", reason: "no-token answer was 500", ticket: "ABC-77", until: "2099-01-01" };
  const merged: MergedRun = {
    facts: {
      harness: { name: "sessionprobe", version: "0", commit: "x" },
      scenarioFiles: [],
      targetsFileSha256: "f",
      targets: [
        { name: "staging", vendor: "controlm", baseUrl: "http://x", kind: "real", tlsVerified: true, deviations: [deviation, stale] },
      ],
    },
    reports: [{ folder: "a", shard: null, startedAt: "2026-12-01T20:00:00.000Z", endedAt: "2026-12-01T20:01:00.000Z", leftOpen: {} }],
  };
  const annotations = (covers: string, extra: { type: string; description?: string }[] = []) => [
    { type: "target", description: "staging" },
    { type: "service", description: "controlm/session" },
    { type: "covers", description: covers },
    ...extra,
  ];
  const xml = await runReporter(
    (r) => {
      r.onTestEnd(
        fakeTest({ id: "w", title: "CTM-S-07 logout", expectedStatus: "failed" }),
        fakeResult({
          status: "failed",
          annotations: annotations("CTM-S-07", [
            ...failedWith("expectation"),
            { type: "failed-ids", description: "CTM-S-07" },
            {
              type: "deviation",
              description: "deviation ABC-123: CTM-S-07 failed as known — logout keeps the token (waived until 2099-01-01)",
            },
          ]),
          message: 'ExpectationFailure: [staging] step 2 "logout": expected invalid',
        }),
      );
      r.onTestEnd(
        fakeTest({ id: "p", title: "CTM-S-04 no token" }),
        fakeResult({ status: "passed", annotations: annotations("CTM-S-04") }),
      );
    },
    { merged },
  );
  expect(await junitSchemaErrors(xml)).toEqual([]);
  expect(xml).toMatch(
    /<testcase name="CTM-S-07 logout" classname="controlm.session"[^>]*><skipped message="deviation ABC-123: CTM-S-07 failed as known — logout keeps the token \(waived until 2099-01-01\)" type="SP_DEVIATION">ExpectationFailure: \[staging\] step 2/,
  );
  expect(xml).toMatch(
    /<testcase name="deviation CTM-S-04 \(ABC-77\)" classname="controlm.session" time="0.000"><failure message="deviation ABC-77 \(CTM-S-04\) on target staging is stale: every scenario covering CTM-S-04 passed \(1\); the server conforms now, so remove the deviation from the targets file[^"]*" type="SP_DEVIATION_STALE">/,
  );
  expect(xml).toContain('<testsuite name="staging controlm.session" tests="3" failures="1" errors="0" skipped="1"');
});
