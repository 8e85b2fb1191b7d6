import { readFileSync } from "node:fs";
import type { FullConfig, FullResult, Suite, TestCase, TestError, TestResult, TestStep } from "@playwright/test/reporter";
import AllureReporter from "./allure-reporter.ts";
import BaselineReporter from "../baseline/baseline-reporter.ts";
import JunitReporter from "./junit-reporter.ts";
import { type AnyReporter, isV2, MERGE_PLAN_ENV, type MergePlan, type ReporterV2, testKey } from "./merge-plan.ts";
import { reportFileOptions } from "./reporters.ts";
import SummaryReporter from "./summary-reporter.ts";
import TotalsReporter from "./totals-reporter.ts";

/**
 * Pass 2 of `sessionprobe merge`: the run's own report files — JUnit, Allure results,
 * summary and evidence, observation records, the closing totals line — written from
 * the merged blob reports by the same reporters a run uses, with the same options.
 *
 * Two things stand between Playwright's merge and those reporters:
 * - Copies of one test: a guarded scenario is listed (skipped) by every shard and run by
 *   the guarded job. The census chose one copy per test; the others' events are dropped
 *   here, so every reporter sees the run an unsharded run would have shown.
 * - allure-playwright reads `config.projects[0].outputDir` in onConfigure. In a merge,
 *   Playwright calls onConfigure with the merged config before it has replayed any
 *   report's projects (they arrive, as onProject events, between onConfigure and
 *   onBegin), so projects is empty there and Allure throws "Cannot read properties of
 *   undefined (reading 'outputDir')". By onBegin the same config object holds every
 *   report's projects, so v2 reporters get their onConfigure then, just before onBegin.
 */
export default class MergeReporter implements ReporterV2 {
  private readonly reporters: AnyReporter[];
  private readonly dropped: Set<string>;
  private config: FullConfig | undefined;
  private currentReport = "";
  private readonly pending: Promise<unknown>[] = [];

  constructor() {
    const planFile = process.env[MERGE_PLAN_ENV];
    const plan = planFile ? (JSON.parse(readFileSync(planFile, "utf8")) as MergePlan) : undefined;
    if (!plan?.outputDir || !plan.merged)
      throw new Error(`${MERGE_PLAN_ENV} names no merge plan: this reporter runs under sessionprobe merge`);
    this.dropped = new Set((plan.drop ?? []).map((d) => `${d.reportPath}\u0000${d.key}`));
    const files = reportFileOptions(plan.outputDir);
    // The run's file reporters, in the run's order (src/report/reporters.ts): the totals line last.
    this.reporters = [
      new JunitReporter({ ...files.junit, merged: plan.merged }),
      new AllureReporter(files.allure),
      new SummaryReporter({ ...files.summary, merged: plan.merged }),
      new BaselineReporter(files.baseline),
      new TotalsReporter(),
    ];
  }

  version(): "v2" {
    return "v2";
  }

  printsToStdio(): boolean {
    return true;
  }

  /** Every reporter gets the event even when one throws; the first error is Playwright's to report (the merge then exits non-zero). */
  private each(call: (reporter: AnyReporter) => unknown): void {
    let failure: unknown;
    for (const reporter of this.reporters) {
      try {
        const value = call(reporter);
        if (value instanceof Promise) this.pending.push(value);
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  }

  private kept(test: TestCase | undefined): boolean {
    return !test || !this.dropped.has(`${this.currentReport}\u0000${testKey(test)}`);
  }

  onConfigure(config: FullConfig): void {
    this.config = config;
  }

  onBegin(suite: Suite): void {
    const config = this.config as FullConfig;
    this.each((r) => {
      if (!isV2(r)) return r.onBegin?.(config, suite);
      r.onConfigure?.(config);
      return r.onBegin?.(suite);
    });
  }

  onReportConfigure(params: { reportPath: string; config: FullConfig }): void {
    this.currentReport = params.reportPath;
    this.each((r) => (isV2(r) ? r.onReportConfigure?.(params) : undefined));
  }

  onReportEnd(params: { reportPath: string; result: FullResult }): void {
    this.each((r) => (isV2(r) ? r.onReportEnd?.(params) : undefined));
    this.currentReport = "";
  }

  onTestBegin(test: TestCase, result: TestResult): void {
    if (this.kept(test)) this.each((r) => r.onTestBegin?.(test, result));
  }

  onStepBegin(test: TestCase, result: TestResult, step: TestStep): void {
    if (this.kept(test)) this.each((r) => r.onStepBegin?.(test, result, step));
  }

  onStepEnd(test: TestCase, result: TestResult, step: TestStep): void {
    if (this.kept(test)) this.each((r) => r.onStepEnd?.(test, result, step));
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    if (this.kept(test)) this.each((r) => r.onTestEnd?.(test, result));
  }

  onStdOut(chunk: string | Buffer, test?: TestCase, result?: TestResult): void {
    if (this.kept(test)) this.each((r) => r.onStdOut?.(chunk, test, result));
  }

  onStdErr(chunk: string | Buffer, test?: TestCase, result?: TestResult): void {
    if (this.kept(test)) this.each((r) => r.onStdErr?.(chunk, test, result));
  }

  onError(error: TestError): void {
    this.each((r) => r.onError?.(error));
  }

  async onEnd(result: FullResult): Promise<void> {
    // Allure's onTestEnd is asynchronous: its results are written before the reports are closed.
    await Promise.all(this.pending.splice(0));
    for (const reporter of this.reporters) await reporter.onEnd?.(result);
  }

  async onExit(): Promise<void> {
    for (const reporter of this.reporters) await reporter.onExit?.();
  }
}
