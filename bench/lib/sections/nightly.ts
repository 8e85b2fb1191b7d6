import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { OTHERS_ENDED_ANNOTATION, readOthersEndedNote } from "../../../src/coordination/others-ended.ts";
import { RENDEZVOUS_ANNOTATION, waitedAtRendezvousMs } from "../../../src/coordination/rendezvous-note.ts";
import { TIMINGS_FILE } from "../../../src/coordination/timings.ts";
import { installNode, npm, packedTarball } from "../../../test-support/installed-package.ts";
import { type Bench, NODE, ROOT, SESSIONPROBE_CLI, strip } from "../context.ts";
import { NIGHTLY_ENV, type NightlyServer, type NightlyTimeouts } from "../nightly-world.ts";
import { lineAt, RUNNING } from "../playwright-output.ts";
import { runCommand } from "../proc.ts";
import { type Row, type SectionReport, verdict } from "../report.ts";
import { cell, median, mib, RATIO, SECONDS, seconds } from "../stats.ts";

/** The goal: a nightly run costs its longest scenario, plus start-up and the report. */
export const NIGHTLY_GOAL = { factor: 1.15, plusMs: 5000 };

/** What the bench reads of Playwright's JSON report: each test's own time span, its project and its annotations. */
interface JsonReport {
  suites?: JsonSuite[];
}
interface JsonSuite {
  suites?: JsonSuite[];
  specs?: { title: string; tests: { projectName: string; results: JsonResult[] }[] }[];
}
interface JsonResult {
  status: string;
  startTime: string;
  duration: number;
  parallelIndex: number;
  annotations?: { type: string; description?: string }[];
}

/**
 * One scenario as it ran: its span, and its own duration (its waits for other scenarios, which are scheduling, taken
 * out: the rendezvous before a real wait, and a guarded scenario's wait for its target's others to end).
 */
export interface RanScenario {
  project: string;
  title: string;
  status: string;
  startMs: number;
  endMs: number;
  ownMs: number;
  rendezvousMs: number;
  othersWaitMs: number;
  realWaitMs: number;
}

/** Every test the JSON report holds that ran (skips left out). */
export function ranScenarios(report: JsonReport): RanScenario[] {
  const ran: RanScenario[] = [];
  const visit = (suite: JsonSuite) => {
    for (const spec of suite.specs ?? [])
      for (const test of spec.tests)
        for (const result of test.results) {
          if (result.status === "skipped") continue;
          const note = (type: string) => result.annotations?.find((a) => a.type === type)?.description;
          const rendezvousMs = waitedAtRendezvousMs(note(RENDEZVOUS_ANNOTATION)) ?? 0;
          const othersWaitMs = readOthersEndedNote(note(OTHERS_ENDED_ANNOTATION))?.waitedMs ?? 0;
          const startMs = Date.parse(result.startTime);
          ran.push({
            project: test.projectName,
            title: spec.title,
            status: result.status,
            startMs,
            endMs: startMs + result.duration,
            ownMs: result.duration - rendezvousMs - othersWaitMs,
            rendezvousMs,
            othersWaitMs,
            realWaitMs: Number(note("real-wait-ms") ?? 0),
          });
        }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return ran;
}

/** What runs `sessionprobe run`: the package installed as a team installs it, on a Node it supports, or this checkout. */
export interface NightlyRunner {
  how: "installed" | "checkout";
  /** Says which, for the report: "the package installed from its tarball, Node v24.21.0". */
  label: string;
  node: string;
  cli: string;
  cwd: string;
}

/** This checkout, as a developer runs it: this machine's Node, TypeScript through tsx. */
export const CHECKOUT: NightlyRunner = {
  how: "checkout",
  label: `this checkout (TypeScript through tsx), Node ${process.version}`,
  node: NODE,
  cli: SESSIONPROBE_CLI,
  cwd: ROOT,
};

/**
 * The package as a team runs it every night: packed from this checkout (SESSIONPROBE_PACKED, else `npm pack`),
 * installed by npm into an empty folder, on the newest Node 24 from the registry (this machine's Node 20 is below
 * the package's engines). ≈ 30 s, once per bench.
 */
export function installedRunner(bench: Bench): NightlyRunner {
  const dir = join(bench.tmp, "installed");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "package.json"), '{ "name": "nightly-team", "private": true }\n');
  npm(["install", "--prefer-offline", "--loglevel=error", packedTarball(dir)], dir);
  const node = installNode(process.env.BENCH_NIGHTLY_NODE ?? "24");
  return {
    how: "installed",
    label: `the package installed from its tarball, Node ${node.version}`,
    node: node.node,
    cli: join(dir, "node_modules", "sessionprobe", "bin", "sessionprobe.mjs"),
    cwd: dir,
  };
}

/** One `sessionprobe run` against one target (a vendor) or all of them. */
export interface NightlySample {
  ok: boolean;
  /** A vendor, or "all". */
  which: string;
  /** A first run (its sizing guesses each scenario's cost from its steps), or the next night's (it learned them). */
  run: "first" | "repeat";
  how: NightlyRunner["how"];
  runner: string;
  /** Where it wrote its reports (the next night's run starts from its timings). */
  reports: string;
  wallMs: number;
  /** The longest scenario's own duration in this run: no schedule can end before it (plus start-up). */
  criticalMs: number;
  criticalTitle: string;
  /** First scenario's start to the last one's end: Playwright's part, start-up and report outside it. */
  windowMs: number;
  /** Spawn to "Running N tests". */
  runningAtMs: number;
  /** Spawn to the first scenario's start. */
  firstStartMs: number;
  /** The last scenario's end to the CLI's exit: summary, statement, Allure report. */
  afterMs: number;
  /** Time scenarios spent at the rendezvous before their waits, the longest of them. */
  longestRendezvousMs: number;
  scenarios: number;
  waiting: number;
  /** Real waits summed: what they would cost one after another. */
  waitSumMs: number;
  /** Workers the run used (Playwright's parallel slots). */
  workers: number;
  /** Largest sum of RSS over the run's process tree (CLI, runner, workers, report), and its largest process. */
  peakTreeRss: number;
  peakProcessRss: number;
  failed: string[];
}

export async function measureNightly(
  bench: Bench,
  targets: string,
  which: NightlyServer | "all",
  runner: NightlyRunner,
  after?: NightlySample,
): Promise<NightlySample> {
  const label = which === "all" ? "all four targets" : which.name;
  const reports = bench.dir(`nightly-${which === "all" ? "all" : which.vendor}`);
  // The next night: the reports folder as the last run left it, as a nightly job keeps it (docs/ci.md).
  if (after && existsSync(join(after.reports, TIMINGS_FILE))) copyFileSync(join(after.reports, TIMINGS_FILE), join(reports, TIMINGS_FILE));
  const jsonFile = join(reports, "playwright.json");
  const args = [
    runner.cli,
    "run",
    "--targets",
    targets,
    ...(which === "all" ? [] : ["--target", which.name]),
    // The list reporter for the timed lines, Playwright's JSON for each test's own span and annotations.
    "--reporter",
    "list,json",
  ];
  const spawnedAt = Date.now();
  const result = await runCommand(runner.node, args, {
    cwd: runner.cwd,
    env: { ...bench.env("nightly", NIGHTLY_ENV), SESSIONPROBE_REPORTS: reports, PLAYWRIGHT_JSON_OUTPUT_NAME: jsonFile },
    // Workers sized to the waits cost memory: a process each.
    sampleEveryMs: 250,
  });
  let ran: RanScenario[] = [];
  try {
    ran = ranScenarios(JSON.parse(readFileSync(jsonFile, "utf8")) as JsonReport);
  } catch {
    // no JSON report: the check below records the failure with the output's tail
  }
  const ok = bench.check(`nightly: sessionprobe run against ${label}`, result, /sessionprobe —/) && ran.length > 0;
  const failed = ran.filter((s) => s.status !== "passed").map((s) => `${s.project} ${s.title}: ${s.status}`);
  if (failed.length) bench.failures.push(`nightly ${label}: ${failed.join("; ")}`);
  const critical = ran.reduce<RanScenario | undefined>((a, s) => (s.ownMs > (a?.ownMs ?? -1) ? s : a), undefined);
  const firstStart = Math.min(...ran.map((s) => s.startMs));
  const lastEnd = Math.max(...ran.map((s) => s.endMs));
  const waits = ran.map((s) => s.realWaitMs).filter((w) => w > 0);
  return {
    ok: ok && failed.length === 0,
    which: which === "all" ? "all" : which.vendor,
    run: after ? "repeat" : "first",
    how: runner.how,
    runner: runner.label,
    reports,
    wallMs: result.wallMs,
    criticalMs: critical?.ownMs ?? Number.NaN,
    criticalTitle: critical ? `${critical.project} › ${critical.title}` : "",
    windowMs: lastEnd - firstStart,
    runningAtMs: lineAt(result, RUNNING),
    firstStartMs: firstStart - spawnedAt,
    afterMs: spawnedAt + result.wallMs - lastEnd,
    longestRendezvousMs: Math.max(0, ...ran.map((s) => s.rendezvousMs)),
    scenarios: ran.length,
    waiting: waits.length,
    waitSumMs: waits.reduce((a, b) => a + b, 0),
    workers: (() => {
      const m = /^Running \d+ tests? using (\d+) workers?/m.exec(strip(result.stdout));
      return m ? Number(m[1]) : Number.NaN;
    })(),
    peakTreeRss: result.peakTreeRss ?? Number.NaN,
    peakProcessRss: result.peakProcessRss ?? Number.NaN,
    failed: failed.length ? failed : ok ? [] : [strip(result.stdout).split("\n").slice(-5).join(" ")],
  };
}

const LABEL: Record<string, string> = { all: "all four targets in one run" };

export function reportNightly(samples: readonly NightlySample[], timeouts: NightlyTimeouts, workersNote: string): SectionReport {
  const order = [...new Set(samples.map((s) => `${s.how} ${s.which} ${s.run}`))];
  const rows: Row[] = order.map((key) => {
    const [how, which = "", run] = key.split(" ");
    const own = samples.filter((s) => s.how === how && s.which === which && s.run === run);
    const ok = own.every((s) => s.ok);
    // On the median, as every verdict: of how far each run ended from its own goal.
    const met = median(own.map((s) => s.wallMs - (NIGHTLY_GOAL.factor * s.criticalMs + NIGHTLY_GOAL.plusMs))) <= 0;
    return {
      n: "9",
      what: `Nightly, ${own[0]?.runner}${run === "first" ? ", a first run (each scenario's cost guessed from its steps)" : ", the next night's run (each scenario's cost learned from the run before)"}: \`sessionprobe run\` against ${LABEL[which] ?? `the ${which} target`}, standalone HTTPS mocks with idle ${timeouts.idle} / lifetime ${timeouts.lifetime}, \`expiry: wait\`, ${workersNote}: wall time, against the run's critical path (its longest scenario's own duration, from the same run's JSON report)`,
      runs: String(own.length),
      sessionprobe: cell(
        own.map((s) => s.wallMs),
        SECONDS,
      ),
      baseline: `critical path ${cell(
        own.map((s) => s.criticalMs),
        SECONDS,
      )}`,
      ratio: cell(
        own.map((s) => s.wallMs / s.criticalMs),
        RATIO,
      ),
      goal: `≤ ${NIGHTLY_GOAL.factor} × critical path + ${NIGHTLY_GOAL.plusMs / 1000} s`,
      verdict: verdict(ok, met),
    };
  });
  const details = samples.map(
    (s) =>
      `${s.which} (${s.how}, ${s.run === "first" ? "first run" : "next night"}): wall ${seconds(s.wallMs)}, goal ${seconds(NIGHTLY_GOAL.factor * s.criticalMs + NIGHTLY_GOAL.plusMs)}; critical path ${seconds(s.criticalMs)} (${s.criticalTitle}); the scenarios' window (first start → last end) ${seconds(s.windowMs)}, ÷ critical path ${(s.windowMs / s.criticalMs).toFixed(2)}; "Running" at ${seconds(s.runningAtMs)}, first scenario at ${seconds(s.firstStartMs)}, report after the last ${seconds(s.afterMs)}; ${s.scenarios} scenarios on ${s.workers} workers, ${s.waiting} waiting (${seconds(s.waitSumMs)} of waits, summed); longest rendezvous ${seconds(s.longestRendezvousMs)}; peak memory ${mib(s.peakTreeRss)} over the tree (largest process ${mib(s.peakProcessRss)})`,
  );
  return {
    rows,
    details: [
      `**9. Nightly** (each run once per round; the critical path is the longest scenario's Playwright duration less its time at the rendezvous before its wait): ${details.join(". ")}.`,
    ],
  };
}
