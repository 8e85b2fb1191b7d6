import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { redact } from "../redact/secrets.ts";
import { systemClock } from "../time/clock.ts";
import { buildEvidence } from "./evidence.ts";
import { openSessionsAtEnd } from "./open-sessions.ts";
import { formatSummary } from "./summary-format.ts";
import { type ScenarioRecord, summarize } from "./summary-model.ts";

interface Options {
  outputDir?: string;
}

function annotations(test: TestCase, result: TestResult, type: string): string[] {
  // Annotations pushed during the run land on the result; declared ones on the test.
  const list = result.annotations.length ? result.annotations : test.annotations;
  return list.filter((a) => a.type === type).map((a) => a.description ?? "");
}

function toRecord(test: TestCase, result: TestResult): ScenarioRecord | undefined {
  const [service] = annotations(test, result, "service");
  if (!service) return undefined;
  const last = (type: string) => annotations(test, result, type).at(-1);
  const record: ScenarioRecord = {
    target: annotations(test, result, "target")[0] ?? test.parent.project()?.name ?? "?",
    service,
    covers: (annotations(test, result, "covers")[0] ?? "").split(" ").filter(Boolean),
    title: test.title,
    status: result.status,
    observations: annotations(test, result, "observation"),
    closedInTeardown: Number(last("sessions-closed-in-teardown") ?? 0),
    warnings: [...new Set(annotations(test, result, "warning"))],
  };
  const leftOpen = last("sessions-left-open");
  if (leftOpen !== undefined) record.leftOpen = Number(leftOpen);
  const version = last("server-version");
  if (version) record.serverVersion = version;
  const skip = last("skip-reason");
  if (skip) record.skipReason = skip;
  const wait = last("real-wait-ms");
  if (wait) record.realWaitMs = Number(wait);
  record.startedAt = result.startTime.getTime();
  record.durationMs = result.duration;
  return record;
}

/**
 * The terminal summary a release manager reads (per target and service: ids passed,
 * failed, observed, skipped; sessions left open; server versions; real-time waits),
 * plus reports/summary.json, reports/evidence.json and Allure's environment.
 */
export default class SummaryReporter implements Reporter {
  private readonly records: ScenarioRecord[] = [];
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
    const record = toRecord(test, result);
    if (record) this.records.push(record);
  }

  async onEnd(result: FullResult): Promise<void> {
    if (!this.records.length) return;
    const endedAt = systemClock.now();
    const targetsFile = process.env.SESSIONPROBE_TARGETS;
    const openAtEnd = targetsFile ? await openSessionsAtEnd(targetsFile) : new Map<string, number>();
    const services = summarize(this.records);
    const evidence = buildEvidence({ records: this.records, services, startedAt: this.startedAt, endedAt, openAtEnd });
    console.log(redact(formatSummary({ status: result.status, records: this.records, services, openAtEnd, waits: evidence.realTimeWaits })));
    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(join(this.outputDir, "summary.json"), redact(JSON.stringify({ services, scenarios: this.records }, null, 2)));
    writeFileSync(join(this.outputDir, "evidence.json"), redact(JSON.stringify(evidence, null, 2)));
    const allureDir = join(this.outputDir, "allure-results");
    mkdirSync(allureDir, { recursive: true });
    const env = [
      `harness=${evidence.harness.name} ${evidence.harness.version} (${evidence.harness.commit.slice(0, 12)})`,
      `run=${evidence.startedAt} → ${evidence.endedAt}`,
      ...evidence.targets.map((t) => `target.${t.name}=${t.vendor} at ${t.baseUrl}; server version ${t.serverVersions.join(", ") || "unknown"}${t.tlsVerified ? "" : "; TLS VERIFICATION OFF"}`),
      ...evidence.services.map((s) => `result.${s.target}.${s.service.replace("/", ".")}=${s.passed.length} passed, ${s.failed.length} failed, ${s.observed.length} observed, ${s.skipped.length} skipped`),
    ];
    const warnings = [...new Set(this.records.flatMap((r) => r.warnings))];
    if (warnings.length) env.push(`warnings=${warnings.join(" | ")}`);
    writeFileSync(join(allureDir, "environment.properties"), redact(`${env.join("\n")}\n`));
  }
}
