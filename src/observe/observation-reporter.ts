import { readFileSync } from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { allureResultsDir, COMPARE_ENV, compareWithBaseline } from "../baseline/run-compare.ts";
import { assembleRecord, readTimeouts, recordPath, timeoutsPath, withTimeouts, writeJson } from "./record-file.ts";
import { OBSERVATION_MEDIA_TYPE, type ScenarioObservation, type ScenarioOutcome, scenarioKey } from "./types.ts";

interface Options {
  outputDir?: string;
}

function outcomeOf(result: TestResult): ScenarioOutcome {
  if (result.status === "passed") return "passed";
  return result.status === "skipped" ? "skipped" : "failed";
}

function attachedRecord(result: TestResult): ScenarioObservation | undefined {
  const attachment = result.attachments.find((a) => a.contentType === OBSERVATION_MEDIA_TYPE);
  const body = attachment?.body ?? (attachment?.path ? readFileSync(attachment.path) : undefined);
  return body ? (JSON.parse(body.toString("utf8")) as ScenarioObservation) : undefined;
}

/**
 * Gathers the per-scenario observation records the conformance fixture attaches and
 * writes one record per target (Playwright project) at the end of the run:
 * <outputDir>/observations/<target>.json, sorted and free of run-specific values, so
 * it can be diffed and saved as a baseline. With SESSIONPROBE_COMPARE_BASELINE set,
 * compares it with baselines/<target>.json and fails the run on a regression.
 */
export default class ObservationReporter implements Reporter {
  private readonly byTarget = new Map<string, Map<string, ScenarioObservation>>();
  private readonly outputDir: string | undefined;

  constructor(options: Options = {}) {
    this.outputDir = options.outputDir;
  }

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const record = attachedRecord(result);
    if (!record) return;
    // The runner's final word: a timeout or a failed teardown happens after the record was attached.
    record.outcome = outcomeOf(result);
    // The fixture names the target; under the "mocks" project that is each test's own vendor.
    const target = result.annotations.find((a) => a.type === "target")?.description ?? test.parent.project()?.name ?? "unknown";
    const scenarios = this.byTarget.get(target) ?? new Map<string, ScenarioObservation>();
    // A retry replaces the earlier attempt.
    scenarios.set(scenarioKey(record.service, record.name), record);
    this.byTarget.set(target, scenarios);
  }

  async onEnd(_result: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    const lines: string[] = [];
    let regression = false;
    for (const [target, scenarios] of [...this.byTarget].sort(([a], [b]) => a.localeCompare(b))) {
      const vendor = [...scenarios.values()][0]?.service.split("/")[0] ?? target;
      const record = assembleRecord(target, vendor, scenarios.values());
      const path = recordPath(target, this.outputDir);
      writeJson(path, record);
      lines.push(`observations: ${path} (${scenarios.size} scenarios)`);
      if (process.env[COMPARE_ENV]) {
        const current = withTimeouts(record, readTimeouts(timeoutsPath(target, this.outputDir)));
        const compared = compareWithBaseline(current, { allureResultsDir: allureResultsDir(this.outputDir) });
        lines.push("", compared.text.trimEnd());
        if (compared.exitCode) regression = true;
      }
    }
    if (lines.length) console.log(`\n${lines.join("\n")}`);
    return regression ? { status: "failed" } : undefined;
  }
}
