import { readFileSync } from "node:fs";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { COMPARE_ENV } from "./compare-env.ts";
import { assembleRecord, readTimeouts, recordPath, timeoutsPath, withTimeouts, writeJson } from "./record-file.ts";
import { OBSERVATION_MEDIA_TYPE, type ScenarioObservation, type ScenarioOutcome, scenarioKey, type TargetRecord } from "./types.ts";

/** One target's record as written at the end of the run, with the timeouts measured beside it. */
export interface WrittenRecord {
  target: string;
  path: string;
  scenarios: number;
  record: TargetRecord;
}

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
 * it can be diffed and saved as a baseline. Comparing with the baseline is the job of
 * src/baseline/baseline-reporter.ts, which extends this one: baseline depends on observe,
 * never the other way round.
 */
export default class ObservationReporter implements Reporter {
  private readonly byTarget = new Map<string, Map<string, ScenarioObservation>>();
  protected readonly outputDir: string | undefined;

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
    const written = this.writeRecords();
    const compared = this.compare(written);
    const lines = [...written.map((w) => `observations: ${w.path} (${w.scenarios} scenarios)`), ...compared.lines];
    if (lines.length) console.log(`\n${lines.join("\n")}`);
    return compared.regression ? { status: "failed" } : undefined;
  }

  /** Writes one record per target, in target order; the timeouts measured in this run are folded into the returned record. */
  protected writeRecords(): WrittenRecord[] {
    return [...this.byTarget]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([target, scenarios]) => {
        const vendor = [...scenarios.values()][0]?.service.split("/")[0] ?? target;
        const record = assembleRecord(target, vendor, scenarios.values());
        const path = recordPath(target, this.outputDir);
        writeJson(path, record);
        return {
          target,
          path,
          scenarios: scenarios.size,
          record: withTimeouts(record, readTimeouts(timeoutsPath(target, this.outputDir))),
        };
      });
  }

  /**
   * Recording only: this reporter cannot compare. If a comparison was asked for and this
   * class (not the baseline reporter) is the one registered, fail the run rather than let a
   * regression pass unseen.
   */
  protected compare(written: WrittenRecord[]): { lines: string[]; regression: boolean } {
    if (!process.env[COMPARE_ENV] || written.length === 0) return { lines: [], regression: false };
    const fix = "register src/baseline/baseline-reporter.ts in its place (src/report/reporters.ts)";
    return {
      lines: ["", `baseline: ${COMPARE_ENV} is set but src/observe/observation-reporter.ts only records; ${fix}`],
      regression: true,
    };
  }
}
