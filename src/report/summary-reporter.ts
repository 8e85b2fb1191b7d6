import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from "@playwright/test/reporter";
import { type Behaviour, findBehaviour, isTeamBehaviour } from "../catalogue/behaviours.ts";
import { learnTimings } from "../coordination/timings.ts";
import { redact } from "../redact/secrets.ts";
import { utcDay } from "../targets/deviations.ts";
import { ALLURE_HTTP_CONTENT_TYPE } from "./allure-http.ts";
import { judgeDeviations } from "./deviations.ts";
import { renderHtml, renderMarkdown } from "./document.ts";
import { buildEvidence, harnessBuild, localRunFacts, type MergedRun, mergedOpenAtEnd } from "./evidence.ts";
import { buildHeadline, type Headline } from "./headline.ts";
import { openSessionsAtEnd } from "./open-sessions.ts";
import { buildStatement, type ExchangeFingerprint } from "./statement.ts";
import { formatSummary } from "./summary-format.ts";
import { ScenarioRecords } from "./scenario-record.ts";
import { type ScenarioRecord, type ServiceSummary, summarize } from "./summary-model.ts";
import { runVerdict, type Verdict } from "./verdict.ts";

/** The HTTP exchanges a scenario attached, each by its title and the SHA-256 of what the report holds (a run's body, or a merge's file). */
function exchangeFingerprints(result: TestResult): ExchangeFingerprint[] {
  return result.attachments
    .filter((a) => a.contentType === ALLURE_HTTP_CONTENT_TYPE)
    .flatMap((a) => {
      let body: Buffer | undefined = a.body;
      try {
        body ??= a.path ? readFileSync(a.path) : undefined;
      } catch {
        body = undefined;
      }
      return body ? [{ name: a.name, sha256: createHash("sha256").update(body).digest("hex") }] : [];
    });
}

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
  private readonly exchanges = new WeakMap<ScenarioRecord, ExchangeFingerprint[]>();
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
    const record = this.attempts.add(test, result);
    if (record) this.exchanges.set(record, exchangeFingerprints(result));
  }

  async onEnd(result: FullResult): Promise<void> {
    const records = this.attempts.list();
    if (!records.length) return;
    const { merged } = this;
    const { startedAt, endedAt } = merged
      ? mergedSpan(merged)
      : { startedAt: result.startTime.getTime(), endedAt: result.startTime.getTime() + result.duration };
    const targetsFile = process.env.SESSIONPROBE_TARGETS;
    // The targets as the run checked them (handed down: src/targets/handed.ts); a merge reads none.
    const declared =
      targetsFile && !merged
        ? { file: targetsFile, targets: await (await import("../targets/handed.ts")).resolvedTargetsOfRun(targetsFile) }
        : undefined;
    // A merge asks no server: each shard counted its sessions at its own end.
    const openAtEnd = merged
      ? mergedOpenAtEnd(merged, [...new Set(records.map((r) => r.target))])
      : declared
        ? await openSessionsAtEnd(declared.targets)
        : new Map<string, number>();
    const services = summarize(records);
    const facts = merged?.facts ?? localRunFacts(declared);
    // A deviation holds through its until day; the run's first day decides, for a merge the earliest shard's.
    const deviations = judgeDeviations(records, facts.targets, utcDay(startedAt));
    const evidence = buildEvidence({
      records,
      services,
      startedAt,
      endedAt,
      openAtEnd,
      shard: this.shard,
      facts,
      deviations,
      ...(merged ? { merged } : {}),
    });
    const verdict = runVerdict(records, deviations);
    const headline = buildHeadline({ verdict, services, deviations, targets: evidence.targets, sessions: evidence.sessions });
    console.log(
      redact(formatSummary({ status: result.status, records: records, services, openAtEnd, waits: evidence.realTimeWaits, deviations })),
    );
    mkdirSync(this.outputDir, { recursive: true });
    console.log(`verdict: ${verdict.meaning} (exit code ${verdict.exitCode} from sessionprobe)`);
    writeFileSync(
      join(this.outputDir, "summary.json"),
      redact(
        JSON.stringify(
          { verdict, headline, deviations, services, teamBehaviours: coveredTeamBehaviours(records), scenarios: records },
          null,
          2,
        ),
      ),
    );
    writeFileSync(join(this.outputDir, "evidence.json"), redact(JSON.stringify(evidence, null, 2)));
    // What each scenario cost each target, for the next run's sizing (src/coordination/timings.ts).
    if (declared) learnTimings(this.outputDir, records);
    const statement = buildStatement({
      verdict,
      headline,
      evidence,
      records,
      services,
      deviations,
      exchangesOf: (record) => this.exchanges.get(record) ?? [],
    });
    writeFileSync(join(this.outputDir, "statement.md"), redact(renderMarkdown(statement)));
    writeFileSync(join(this.outputDir, "statement.html"), redact(renderHtml(statement, headline.title)));
    console.log(`conformance statement: ${join(this.outputDir, "statement.md")} (and statement.html)`);
    const allureDir = join(this.outputDir, "allure-results");
    mkdirSync(allureDir, { recursive: true });
    writeFileSync(join(allureDir, "environment.properties"), redact(allureEnvironment({ headline, evidence, services, verdict, records })));
  }
}

/** The team's own behaviours the run covered, as its file declares them: summary.json reads on its own, without the file. */
function coveredTeamBehaviours(records: readonly ScenarioRecord[]): Behaviour[] {
  const ids = [...new Set(records.flatMap((r) => r.covers))].sort();
  return ids.map((id) => findBehaviour(id)).filter((b): b is Behaviour => b !== undefined && isTeamBehaviour(b));
}

/** Allure's metadata: the headline first, in short values (Allure shows them in this order, each in a chip it cuts), then the run's facts. */
function allureEnvironment(input: {
  headline: Headline;
  evidence: ReturnType<typeof buildEvidence>;
  services: readonly ServiceSummary[];
  verdict: Verdict;
  records: readonly ScenarioRecord[];
}): string {
  const { evidence } = input;
  const env = [
    ...input.headline.facts.map(([key, value]) => propertyLine(key, value)),
    `harness=${harnessBuild(evidence.harness)}`,
    `run=${evidence.startedAt} → ${evidence.endedAt}`,
    ...evidence.targets.map(
      (t) =>
        `target.${t.name}=${t.vendor} at ${t.baseUrl}; server version ${t.serverVersions.join(", ") || "unknown"}${t.tlsVerified ? "" : "; TLS VERIFICATION OFF"}`,
    ),
    // The terminal's numbers, in the terminal's units: behaviour ids, then scenarios.
    ...input.services.map(
      (s) =>
        `result.${s.target}.${s.service.replace("/", ".")}=${s.ids.passed.length} ids passed, ${s.ids.failed.length} failed, ${s.ids.deviations.length} deviations, ${s.ids.observed.length} observed, ${s.ids.skipped.length} skipped; scenarios: ${s.scenarios.passed} passed (${s.scenarios.flaky} flaky), ${s.scenarios.failed} failed, ${s.scenarios.deviations} deviations, ${s.scenarios.skipped} skipped`,
    ),
    ...input.services
      .filter((s) => Object.values(s.teamIds).some((ids) => ids.length))
      .map(
        (s) =>
          `team.${s.target}.${s.service.replace("/", ".")}=${s.teamIds.passed.length} team ids passed, ${s.teamIds.failed.length} failed (${s.teamIds.failed.join(", ") || "none"}), ${s.teamIds.deviations.length} deviations, ${s.teamIds.skipped.length} skipped`,
      ),
    `verdict.meaning=${input.verdict.meaning}`,
  ];
  const warnings = [...new Set(input.records.flatMap((r) => r.warnings))];
  if (warnings.length) env.push(`warnings=${warnings.join(" | ")}`);
  return `${env.join("\n")}\n`;
}

/** A key with spaces stays one key (a properties file ends a key at its first space); a value stays on its line. */
function propertyLine(key: string, value: string): string {
  return `${key.replace(/[\\ =:]/g, (c) => `\\${c}`)}=${value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`;
}

/** From the earliest report's start to the latest one's end. */
function mergedSpan(merged: MergedRun): { startedAt: number; endedAt: number } {
  const starts = merged.reports.map((r) => Date.parse(r.startedAt));
  const ends = merged.reports.map((r) => Date.parse(r.endedAt));
  return { startedAt: Math.min(...starts), endedAt: Math.max(...ends) };
}
