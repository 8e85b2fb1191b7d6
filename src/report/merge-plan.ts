import type { FullConfig, FullResult, Reporter, Suite, TestCase, TestError, TestResult, TestStep } from "@playwright/test/reporter";
import type { MergedRun } from "./evidence.ts";

/**
 * What `sessionprobe merge` hands its two passes over `npx playwright merge-reports`
 * (src/report/merge-config.ts). Pass 1, the census (src/report/merge-census.ts), lists
 * which tests each blob report holds and how each ended; the merge command checks that
 * the reports are one run and decides which copy of a test counts; pass 2
 * (src/report/merge-reporter.ts) writes the reports from the kept copies only.
 */
export const MERGE_PLAN_ENV = "SESSIONPROBE_MERGE_PLAN";

/**
 * The reporter interface Playwright's merge speaks to reporters that declare `version(): "v2"`
 * (allure-playwright is one; Playwright's HTML reporter another): onConfigure before onBegin,
 * and onReportConfigure/onReportEnd around each blob report's events, which is how a
 * reporter knows which report — which shard folder — a test came from.
 */
export interface ReporterV2 {
  version(): "v2";
  onConfigure?(config: FullConfig): void;
  onBegin?(suite: Suite): void;
  onReportConfigure?(params: { reportPath: string; config: FullConfig }): void;
  onReportEnd?(params: { reportPath: string; result: FullResult }): void;
  onTestBegin?(test: TestCase, result: TestResult): void;
  onStepBegin?(test: TestCase, result: TestResult, step: TestStep): void;
  onStepEnd?(test: TestCase, result: TestResult, step: TestStep): void;
  onTestEnd?(test: TestCase, result: TestResult): void;
  onStdOut?(chunk: string | Buffer, test?: TestCase, result?: TestResult): void;
  onStdErr?(chunk: string | Buffer, test?: TestCase, result?: TestResult): void;
  onError?(error: TestError): void;
  onEnd?(result: FullResult): unknown;
  onExit?(): unknown;
  printsToStdio?(): boolean;
}

/** A reporter either kind: Playwright's public (v1) one, or a v2 one. */
export type AnyReporter = Reporter | ReporterV2;

export function isV2(reporter: AnyReporter): reporter is ReporterV2 {
  return "version" in reporter && typeof reporter.version === "function" && reporter.version() === "v2";
}

/** The same test in every report: its project, file, describe and test titles (the blob's test ids are salted apart by the merge). */
export function testKey(test: TestCase): string {
  return JSON.stringify([...test.titlePath(), test.repeatEachIndex]);
}

export interface CensusTest {
  key: string;
  /** For messages: project › describe › title. */
  title: string;
  /** Some attempt ran (was not skipped). */
  ran: boolean;
}

export interface CensusReport {
  reportPath: string;
  shard: { current: number; total: number } | null;
  playwrightVersion: string;
  startTime: number;
  duration: number;
  status: FullResult["status"];
  tests: CensusTest[];
}

export interface Census {
  reports: CensusReport[];
}

/** A copy of a test that another report's copy replaces. */
export interface DroppedCopy {
  reportPath: string;
  key: string;
}

export interface MergePlan {
  stage: "census" | "merge";
  /** Census: where to write it. */
  censusFile?: string;
  /** Merge: where the reports go (SESSIONPROBE_REPORTS). */
  outputDir?: string;
  drop?: DroppedCopy[];
  merged?: MergedRun;
}

export interface Fold {
  drop: DroppedCopy[];
  /** Tests that ran in more than one report: the reports are not shards of one run. */
  ranTwice: { title: string; reportPaths: string[] }[];
}

/**
 * One copy of each test counts. A test listed by several reports — a guarded scenario is
 * listed, skipped, by every shard and run by the unsharded guarded job — counts as the
 * copy that ran; if none ran, as the first report's (its skip reason says why).
 */
export function foldCopies(census: Census): Fold {
  const copies = new Map<string, { report: CensusReport; test: CensusTest }[]>();
  for (const report of census.reports)
    for (const test of report.tests) copies.set(test.key, [...(copies.get(test.key) ?? []), { report, test }]);
  const drop: DroppedCopy[] = [];
  const ranTwice: Fold["ranTwice"] = [];
  for (const [key, list] of copies) {
    const ran = list.filter((c) => c.test.ran);
    if (ran.length > 1) ranTwice.push({ title: list[0]?.test.title ?? key, reportPaths: ran.map((c) => c.report.reportPath) });
    const kept = ran[0] ?? list[0];
    for (const c of list) if (c !== kept) drop.push({ reportPath: c.report.reportPath, key });
  }
  return { drop, ranTwice };
}
