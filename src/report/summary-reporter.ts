import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { redact } from "../redact/secrets.ts";
import { systemClock } from "../time/clock.ts";
import { buildEvidence } from "./evidence.ts";
import { openSessionsAtEnd } from "./open-sessions.ts";
import { formatSummary } from "./summary-format.ts";
import { ScenarioRecords } from "./scenario-record.ts";
import { summarize } from "./summary-model.ts";
import { runVerdict } from "./verdict.ts";

interface Options {
  outputDir?: string;
}

/**
 * The terminal summary a release manager reads (per target and service: ids passed,
 * failed, observed, skipped; sessions left open; server versions; real-time waits),
 * plus reports/summary.json, reports/evidence.json and Allure's environment.
 */
export default class SummaryReporter implements Reporter {
  private readonly attempts = new ScenarioRecords();
  private readonly outputDir: string;
  private startedAt = systemClock.now();

  constructor(options: Options = {}) {
    this.outputDir = options.outputDir ?? "reports";
  }

  printsToStdio(): boolean {
    return true;
  }

  onBegin(): void {
    this.startedAt = systemClock.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    this.attempts.add(test, result);
  }

  async onEnd(result: FullResult): Promise<void> {
    const records = this.attempts.list();
    if (!records.length) return;
    const endedAt = systemClock.now();
    const targetsFile = process.env.SESSIONPROBE_TARGETS;
    const openAtEnd = targetsFile ? await openSessionsAtEnd(targetsFile) : new Map<string, number>();
    const services = summarize(records);
    const evidence = buildEvidence({ records: records, services, startedAt: this.startedAt, endedAt, openAtEnd });
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
