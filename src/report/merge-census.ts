import { readFileSync, writeFileSync } from "node:fs";
import type { FullConfig, FullResult, TestCase, TestResult } from "@playwright/test/reporter";
import { type Census, type CensusReport, MERGE_PLAN_ENV, type MergePlan, type ReporterV2, testKey } from "./merge-plan.ts";

/**
 * Pass 1 of `sessionprobe merge`: which tests each blob report holds, how each ended,
 * and each report's shard, Playwright version and span. It writes no report; the merge
 * command reads the census to check the reports are one run and to choose the copies.
 */
export default class MergeCensus implements ReporterV2 {
  private readonly census: Census = { reports: [] };
  private current: CensusReport | undefined;
  private readonly outputFile: string;

  constructor() {
    const planFile = process.env[MERGE_PLAN_ENV];
    const plan = planFile ? (JSON.parse(readFileSync(planFile, "utf8")) as MergePlan) : undefined;
    if (!plan?.censusFile) throw new Error(`${MERGE_PLAN_ENV} names no census file: this reporter runs under sessionprobe merge`);
    this.outputFile = plan.censusFile;
  }

  version(): "v2" {
    return "v2";
  }

  printsToStdio(): boolean {
    return true;
  }

  onReportConfigure({ reportPath, config }: { reportPath: string; config: FullConfig }): void {
    this.current = {
      reportPath,
      shard: config.shard ? { current: config.shard.current, total: config.shard.total } : null,
      playwrightVersion: config.version,
      startTime: 0,
      duration: 0,
      status: "passed",
      tests: [],
    };
    this.census.reports.push(this.current);
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (!this.current) return;
    const key = testKey(test);
    const ran = result.status !== "skipped";
    const known = this.current.tests.find((t) => t.key === key);
    if (known) known.ran ||= ran;
    else this.current.tests.push({ key, title: test.titlePath().filter(Boolean).join(" › "), ran });
  }

  onReportEnd({ result }: { reportPath: string; result: FullResult }): void {
    if (!this.current) return;
    this.current.startTime = result.startTime.getTime();
    this.current.duration = result.duration;
    this.current.status = result.status;
    this.current = undefined;
  }

  onEnd(): void {
    writeFileSync(this.outputFile, JSON.stringify(this.census));
  }
}
