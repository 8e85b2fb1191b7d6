import { mkdirSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { dirname } from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { findBehaviour, isTeamId } from "../catalogue/behaviours.ts";
import { FAILURE_CODES, type FailureKind } from "../engine/failure.ts";
import { redact } from "../redact/secrets.ts";
import { utcDay } from "../targets/deviations.ts";
import { type DeclaredDeviations, type DeviationVerdict, deviationProblem, failingDeviations, judgeDeviations } from "./deviations.ts";
import type { MergedRun } from "./evidence.ts";
import { annotationsOf, failureKindOf, toRecord } from "./scenario-record.ts";
import { element, seconds, xmlText } from "./junit-xml.ts";

interface Options {
  outputFile?: string;
  /** Set by `sessionprobe merge`: the shards' targets (and their deviations), instead of this machine's targets file. */
  merged?: MergedRun;
}

interface Attempt {
  result: TestResult;
  kind?: FailureKind;
}

/** The deviations the targets file declares: the merge's (from the shards' evidence), else SESSIONPROBE_TARGETS', else none (the built-in mocks). */
async function declaredDeviations(merged: MergedRun | undefined): Promise<readonly DeclaredDeviations[]> {
  if (merged) return merged.facts.targets;
  const file = process.env.SESSIONPROBE_TARGETS;
  if (!file) return [];
  // As the run checked them (src/targets/handed.ts).
  return (await import("../targets/handed.ts")).resolvedTargetsOfRun(file);
}

/** Where a waived scenario's JUnit case says so: a skip (as pytest writes a strict xfail), with the ticket first and the failure kept. */
const DEVIATION_TYPE = "SP_DEVIATION";

/**
 * JUnit XML the way CI dashboards read it (the Jenkins/Surefire JUnit XSD, src/report/junit-10.xsd):
 * a testsuite per target and service, classname `vendor.service`, the behaviour ids in the
 * test name, `<failure>` only for a broken behaviour (an expectation failure), `<error>` for
 * transport, configuration and harness errors, `<skipped message="reason">`. Retries are
 * folded: the last attempt decides; a pass after a failure carries `<flakyFailure>`.
 */
export default class JunitReporter implements Reporter {
  private readonly outputFile: string;
  private readonly merged: MergedRun | undefined;
  private readonly attempts = new Map<string, { test: TestCase; attempts: Attempt[] }>();

  constructor(options: Options = {}) {
    this.outputFile = options.outputFile ?? "reports/junit.xml";
    this.merged = options.merged;
  }

  printsToStdio(): boolean {
    return false;
  }

  /** The run's deviations judged as the summary judges them (src/report/summary-reporter.ts): the same records, targets and first day. */
  private async judgedDeviations(startTime: Date): Promise<DeviationVerdict[]> {
    const declared = await declaredDeviations(this.merged);
    if (!declared.some((t) => t.deviations?.length)) return [];
    const records = [...this.attempts.values()].flatMap(({ test, attempts }) => {
      const record = toRecord(test, (attempts.at(-1) as Attempt).result);
      return record ? [record] : [];
    });
    const starts = this.merged?.reports.map((r) => Date.parse(r.startedAt)) ?? [startTime.getTime()];
    return judgeDeviations(records, declared, utcDay(Math.min(...starts)));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const entry = this.attempts.get(test.id) ?? { test, attempts: [] };
    const kind = failureKindOf(test, result);
    entry.attempts.push(kind ? { result, kind } : { result });
    this.attempts.set(test.id, entry);
  }

  async onEnd(result: Pick<FullResult, "startTime">): Promise<void> {
    type SuiteEntry = {
      name: string;
      cases: string[];
      failures: number;
      errors: number;
      skipped: number;
      ms: number;
      teamIds: Set<string>;
    };
    const suites = new Map<string, SuiteEntry>();
    const suiteNamed = (name: string) =>
      suites.get(name) ?? { name, cases: [], failures: 0, errors: 0, skipped: 0, ms: 0, teamIds: new Set<string>() };
    for (const { test, attempts } of this.attempts.values()) {
      const last = attempts.at(-1) as Attempt;
      const { classname, suite } = placeOf(test, last.result);
      // A scenario covering the team's own behaviours goes to a suite of its own, named so, apart from the vendor's.
      const teamIds = (annotationsOf(test, last.result, "covers")[0] ?? "").split(" ").filter((id) => id && isTeamId(id));
      const entry = suiteNamed(teamIds.length ? `${suite} ${TEAM_SUITE_SUFFIX}` : suite);
      for (const id of teamIds) entry.teamIds.add(id);
      const body = caseBody(test, attempts);
      if (waiverOf(test, last)) entry.skipped++;
      else if (last.kind === "expectation") entry.failures++;
      else if (last.kind) entry.errors++;
      else if (last.result.status === "skipped") entry.skipped++;
      const ms = attempts.reduce((n, a) => n + a.result.duration, 0);
      entry.ms += ms;
      entry.cases.push(element("testcase", { name: test.title, classname, time: seconds(ms) }, body || undefined));
      suites.set(entry.name, entry);
    }
    // A stale or expired deviation fails the run: a failed case of its own, so a dashboard shows why the run is red.
    for (const d of failingDeviations(await this.judgedDeviations(result.startTime))) {
      const behaviour = findBehaviour(d.id);
      const classname = behaviour ? `${behaviour.vendor}.${behaviour.service}` : "deviations";
      const entry = suiteNamed(`${d.target} ${classname}`);
      const message = deviationProblem(d);
      entry.failures++;
      entry.cases.push(
        element(
          "testcase",
          { name: `deviation ${d.id} (${d.ticket})`, classname, time: seconds(0) },
          element("failure", { message: message.slice(0, 500), type: `SP_DEVIATION_${d.state.toUpperCase()}` }, xmlText(message)),
        ),
      );
      suites.set(entry.name, entry);
    }
    const list = [...suites.values()];
    const total = (pick: (s: (typeof list)[number]) => number) => list.reduce((n, s) => n + pick(s), 0);
    // The run's own start, as Playwright measured it: the reporter reads no clock of its own.
    const timestamp = result.startTime.toISOString().replace(/\.\d+Z$/, "");
    const host = hostname();
    const xml = element(
      "testsuites",
      {
        name: "sessionprobe",
        tests: total((s) => s.cases.length),
        failures: total((s) => s.failures),
        errors: total((s) => s.errors),
        time: seconds(total((s) => s.ms)),
      },
      list
        .map((s) =>
          element(
            "testsuite",
            {
              name: s.name,
              tests: s.cases.length,
              failures: s.failures,
              errors: s.errors,
              skipped: s.skipped,
              time: seconds(s.ms),
              timestamp,
              hostname: host,
            },
            teamProperties(s.teamIds) + s.cases.join(""),
          ),
        )
        .join(""),
    );
    mkdirSync(dirname(this.outputFile), { recursive: true });
    writeFileSync(this.outputFile, `<?xml version="1.0" encoding="UTF-8"?>\n${xml}\n`);
  }
}

/** The testsuite name's mark for the team's own behaviours: "mocks vmanage.session (team behaviours)". */
const TEAM_SUITE_SUFFIX = "(team behaviours)";

/** One property per team behaviour the suite covers: its id, sureness and source, for a dashboard that lists properties. */
function teamProperties(ids: ReadonlySet<string>): string {
  if (!ids.size) return "";
  const properties = [...ids].sort().map((id) => {
    const behaviour = findBehaviour(id);
    return element("property", {
      name: "team-behaviour",
      value: `${id} (${behaviour?.sureness ?? "?"}): ${behaviour?.text ?? ""}${behaviour?.source ? ` — source: ${behaviour.source}` : ""}`,
    });
  });
  return element("properties", {}, properties.join(""));
}

/** The attempt's waiver, when Playwright ran it as an expected failure of a known deviation. */
function waiverOf(test: TestCase, last: Attempt): string | undefined {
  if (last.kind !== "expectation" || test.expectedStatus !== "failed") return undefined;
  return annotationsOf(test, last.result, "deviation").at(-1);
}

/** Scenarios: `vendor.service`, a suite per target and service. Other tests (the harness's own): their file. */
function placeOf(test: TestCase, result: TestResult): { classname: string; suite: string } {
  const service = annotationsOf(test, result, "service")[0] ?? test.annotations.find((a) => a.type === "service")?.description;
  if (service) {
    const classname = service.replace("/", ".");
    const target = annotationsOf(test, result, "target")[0] ?? test.parent.project()?.name ?? "";
    return { classname, suite: `${target} ${classname}`.trim() };
  }
  const file = test.location.file.replace(/^.*?\/(specs|src)\//, "$1/");
  const classname = file.replace(/\.(spec|test)\.ts$/, "").replace(/[/\\]/g, ".");
  return { classname, suite: `${test.parent.project()?.name ?? ""} ${classname}`.trim() };
}

function errorText(result: TestResult): { message: string; detail: string } {
  const error = result.error ?? result.errors[0];
  const raw = redact(error?.message ?? (result.status === "timedOut" ? "the test timed out" : `the test ended ${result.status}`));
  const detail = redact([error?.message, error?.stack?.split("\n").slice(1).join("\n")].filter(Boolean).join("\n") || raw);
  return { message: (raw.split("\n")[0] ?? raw).slice(0, 500), detail };
}

function caseBody(test: TestCase, attempts: readonly Attempt[]): string {
  const last = attempts.at(-1) as Attempt;
  const parts: string[] = [];
  const waiver = waiverOf(test, last);
  if (waiver) {
    // A skip, not a failure: the run exits 0 for it, and a dashboard that counts skips lists it with the ticket first.
    // The failure as it was found (no stack: a verdict on the server, not on our code).
    const found = redact((last.result.error ?? last.result.errors[0])?.message ?? "");
    parts.push(element("skipped", { message: redact(waiver).slice(0, 500), type: DEVIATION_TYPE }, xmlText(found)));
  } else if (last.kind) {
    const { message, detail } = errorText(last.result);
    parts.push(element(last.kind === "expectation" ? "failure" : "error", { message, type: FAILURE_CODES[last.kind] }, xmlText(detail)));
  } else if (last.result.status === "skipped") {
    const reason = annotationsOf(test, last.result, "skip-reason").at(-1) ?? annotationsOf(test, last.result, "skip").at(-1) ?? "skipped";
    parts.push(element("skipped", { message: reason || "skipped" }));
  }
  // Earlier attempts: reruns of a failure, or the failures a flaky pass recovered from.
  for (const earlier of attempts.slice(0, -1).filter((a) => a.kind)) {
    const kind = earlier.kind as FailureKind;
    const { message, detail } = errorText(earlier.result);
    const tag = last.kind
      ? kind === "expectation"
        ? "rerunFailure"
        : "rerunError"
      : kind === "expectation"
        ? "flakyFailure"
        : "flakyError";
    parts.push(element(tag, { message, type: FAILURE_CODES[kind] }, element("stackTrace", {}, xmlText(detail))));
  }
  const facts = ["target", "covers", "failed-ids", "failed-at", "deviation", "observation", "warning"].flatMap((type) =>
    annotationsOf(test, last.result, type).map((v) => `${type}: ${v}`),
  );
  if (facts.length) parts.push(element("system-out", {}, xmlText(redact(facts.join("\n")))));
  return parts.join("");
}
