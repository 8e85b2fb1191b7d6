import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { redact } from "../redact/secrets.ts";
import { openSessionsAtEnd } from "./open-sessions.ts";
import { type ScenarioRecord, summarize } from "./summary-model.ts";

interface Options {
  outputDir?: string;
}

function annotations(test: TestCase, result: TestResult, type: string): string[] {
  // Annotations pushed during the run land on the result; declared ones on the test.
  const list = result.annotations.length ? result.annotations : test.annotations;
  return list.filter((a) => a.type === type).map((a) => a.description ?? "");
}

/**
 * The terminal summary a release manager reads: per target and service, the
 * behaviour ids passed, failed, observed and skipped, sessions left open, the
 * server versions seen. Also writes reports/summary.json and Allure's environment.
 */
export default class SummaryReporter implements Reporter {
  private readonly records: ScenarioRecord[] = [];
  private readonly outputDir: string;

  constructor(options: Options = {}) {
    this.outputDir = options.outputDir ?? "reports";
  }

  printsToStdio(): boolean {
    return true;
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const [service] = annotations(test, result, "service");
    if (!service) return;
    const last = (type: string) => annotations(test, result, type).at(-1);
    const record: ScenarioRecord = {
      target: test.parent.project()?.name ?? "?",
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
    this.records.push(record);
  }

  async onEnd(result: FullResult): Promise<void> {
    if (!this.records.length) return;
    const targetsFile = process.env.SESSIONPROBE_TARGETS;
    const openAtEnd = targetsFile ? await openSessionsAtEnd(targetsFile) : new Map<string, number>();
    const services = summarize(this.records);
    const lines = ["", `sessionprobe — ${result.status === "passed" ? "all scenarios passed" : `run ${result.status}`}`];
    for (const target of [...new Set(this.records.map((r) => r.target))]) {
      const mine = this.records.filter((r) => r.target === target);
      const versions = [...new Set(mine.map((r) => r.serverVersion).filter(Boolean))];
      lines.push(`target ${target}${versions.length ? ` (server version ${versions.join(", ")})` : ""}`);
      for (const s of services.filter((x) => x.target === target)) {
        const { ids } = s;
        const total = ids.passed.length + ids.failed.length + ids.skipped.length;
        lines.push(`  ${s.title}: ${total} ids — ${ids.passed.length} passed, ${ids.failed.length} failed, ${ids.observed.length} observed, ${ids.skipped.length} skipped (${s.scenarios.passed}/${s.scenarios.total} scenarios passed)`);
        if (ids.failed.length) lines.push(`    failed: ${ids.failed.join(", ")}`);
        for (const r of mine.filter((x) => x.service === s.service && x.observations.length)) lines.push(`    observed ${r.covers.join(" ")}: ${r.observations.join("; ")}`);
        for (const r of mine.filter((x) => x.service === s.service && x.skipReason)) lines.push(`    skipped ${r.covers.join(" ")}: ${r.skipReason}`);
      }
      const closed = mine.reduce((n, r) => n + r.closedInTeardown, 0);
      const perTest = mine.map((r) => r.leftOpen).filter((n): n is number => n !== undefined);
      const leftOpen = openAtEnd.get(target) ?? (perTest.length ? Math.max(...perTest) : undefined);
      lines.push(`  sessions: ${closed} closed in teardown, ${leftOpen === undefined ? "left open: unknown (no control plane)" : `${leftOpen} left open on the server`}`);
      for (const warning of [...new Set(mine.flatMap((r) => r.warnings))]) lines.push(`  WARNING: ${warning}`);
    }
    console.log(redact(lines.join("\n")));
    this.write(services);
  }

  private write(services: ReturnType<typeof summarize>): void {
    mkdirSync(this.outputDir, { recursive: true });
    writeFileSync(join(this.outputDir, "summary.json"), redact(JSON.stringify({ services, scenarios: this.records }, null, 2)));
    const allureDir = join(this.outputDir, "allure-results");
    mkdirSync(allureDir, { recursive: true });
    const env: string[] = [];
    for (const target of [...new Set(this.records.map((r) => r.target))]) {
      const versions = [...new Set(this.records.filter((r) => r.target === target).map((r) => r.serverVersion).filter(Boolean))];
      env.push(`${target}.serverVersion=${versions.join(", ") || "unknown"}`);
    }
    const warnings = [...new Set(this.records.flatMap((r) => r.warnings))];
    if (warnings.length) env.push(`warnings=${warnings.join(" | ")}`);
    writeFileSync(join(allureDir, "environment.properties"), redact(`${env.join("\n")}\n`));
  }
}
