import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { redact } from "../redact/secrets.ts";
import { buildEvidence, type MergedRun, mergedOpenAtEnd } from "./evidence.ts";
import { openSessionsAtEnd } from "./open-sessions.ts";
import { formatSummary } from "./summary-format.ts";
import { ScenarioRecords } from "./scenario-record.ts";
import { summarize } from "./summary-model.ts";
import { runVerdict } from "./verdict.ts";

interface Options {
  outputDir?: string;
  /** Set by `sessionprobe merge`: the shards' facts and spans, instead of this machine's clock, checkout and targets. */
  merged?: MergedRun;
}

/**
 * The terminal summary a release manager reads (per target and service: ids passed,
 * failed, observed, skipped; sessions left open; server versions; real-time waits),
 * plus reports/summary.json, reports/evidence.json and Allure's environment.
 * The run's span is Playwright's own (its start and duration): the reporter reads no
 * clock, so a merge of shards spans exactly from the earliest shard's start to the latest's end.
 */
export default class SummaryReporter implements Reporter {
  private readonly attempts = new ScenarioRecords();
  private readonly outputDir: string;
  private readonly merged: MergedRun | undefined;
  private shard: string | null = null;

  constructor(options: Options = {}) {
    this.outputDir = options.outputDir ?? "reports";
    this.merged = options.merged;
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(config: FullConfig): void {
    this.shard = config.shard ? `${config.shard.current}/${config.shard.total}` : null;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.attempts.add(test, result);
  }

  async onEnd(result: FullResult): Promise<void> {
    const records = this.attempts.list();
    if (!records.length) return;
    const { merged } = this;
    const { startedAt, endedAt } = merged
      ? mergedSpan(merged)
      : { startedAt: result.startTime.getTime(), endedAt: result.startTime.getTime() + result.duration };
    const targetsFile = process.env.SESSIONPROBE_TARGETS;
    // A merge asks no server: each shard counted its sessions at its own end.
    const openAtEnd = merged
      ? mergedOpenAtEnd(merged, [...new Set(records.map((r) => r.target))])
      : targetsFile
        ? await openSessionsAtEnd(targetsFile)
        : new Map<string, number>();
    const services = summarize(records);
    const evidence = buildEvidence({ records, services, startedAt, endedAt, openAtEnd, shard: this.shard, ...(merged ? { merged } : {}) });
    console.log(redact(formatSummary({ status: result.status, records: records, services, openAtEnd, waits: evidence.realTimeWaits })));
    mkdirSync(this.outputDir, { recursive: true });
    const verdict = runVerdict(records);
    console.log(`verdict: ${verdict.meaning} (exit code ${verdict.exitCode} from sessionprobe)`);
    writeFileSync(join(this.outputDir, "summary.json"), redact(JSON.stringify({ verdict, services, scenarios: records }, null, 2)));
    writeFileSync(join(this.outputDir, "evidence.json"), redact(JSON.stringify(evidence, null, 2)));
    const allureDir = join(this.outputDir, "allure-results");
    mkdirSync(allureDir, { recursive: true });
    const env = [
      `harness=${evidence.harness.name} ${evidence.harness.version} (${evidence.harness.commit.slice(0, 12)})`,
      `run=${evidence.startedAt} → ${evidence.endedAt}`,
      ...evidence.targets.map(
        (t) =>
          `target.${t.name}=${t.vendor} at ${t.baseUrl}; server version ${t.serverVersions.join(", ") || "unknown"}${t.tlsVerified ? "" : "; TLS VERIFICATION OFF"}`,
      ),
      // The terminal's numbers, in the terminal's units: behaviour ids, then scenarios.
      ...services.map(
        (s) =>
          `result.${s.target}.${s.service.replace("/", ".")}=${s.ids.passed.length} ids passed, ${s.ids.failed.length} failed, ${s.ids.observed.length} observed, ${s.ids.skipped.length} skipped; scenarios: ${s.scenarios.passed} passed (${s.scenarios.flaky} flaky), ${s.scenarios.failed} failed, ${s.scenarios.skipped} skipped`,
      ),
      `verdict=${verdict.meaning}`,
    ];
    const warnings = [...new Set(records.flatMap((r) => r.warnings))];
    if (warnings.length) env.push(`warnings=${warnings.join(" | ")}`);
    writeFileSync(join(allureDir, "environment.properties"), redact(`${env.join("\n")}\n`));
  }
}

/** From the earliest report's start to the latest one's end. */
function mergedSpan(merged: MergedRun): { startedAt: number; endedAt: number } {
  const starts = merged.reports.map((r) => Date.parse(r.startedAt));
  const ends = merged.reports.map((r) => Date.parse(r.endedAt));
  return { startedAt: Math.min(...starts), endedAt: Math.max(...ends) };
}
