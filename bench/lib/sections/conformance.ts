import { type Bench, ROOT } from "../context.ts";
import { lineAt, PASSED, playwrightMs, projectWindows, RUNNING } from "../playwright-output.ts";
import { runCommand } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, MIB, median, SECONDS, seconds } from "../stats.ts";

/** Row 1's goals (issue 17). */
const WALL_GOAL_MS = 6_000;
const TREE_RSS_GOAL_BYTES = 500 * 2 ** 20;

export interface ConformanceSample {
  ok: boolean;
  wallMs: number;
  treeRss: number;
  processRss: number;
  processes: number;
  runningAtMs: number;
  passedAtMs: number;
  playwrightMs: number;
  firstTestStartMs: number;
  /** Time between one project's last test and the next project's first: its workers stop, new ones start. */
  switchGapsMs: number;
  projects: string[];
}

/** One `npm run conformance`, its process tree's memory sampled every 100 ms. */
export async function measureConformance(bench: Bench): Promise<ConformanceSample> {
  const result = await runCommand("npm", ["run", "conformance"], { cwd: ROOT, env: bench.env("conformance"), sampleEveryMs: 100 });
  const ok = bench.check("npm run conformance", result, /all scenarios passed/);
  const windows = projectWindows(result);
  let gaps = 0;
  for (let i = 1; i < windows.length; i++) gaps += Math.max(0, (windows[i]?.startMs ?? 0) - (windows[i - 1]?.endMs ?? 0));
  return {
    ok,
    wallMs: result.wallMs,
    treeRss: result.peakTreeRss ?? Number.NaN,
    processRss: result.peakProcessRss ?? Number.NaN,
    processes: result.peakProcesses ?? 0,
    runningAtMs: lineAt(result, RUNNING),
    passedAtMs: lineAt(result, PASSED),
    playwrightMs: playwrightMs(result),
    firstTestStartMs: windows[0]?.startMs ?? Number.NaN,
    switchGapsMs: gaps,
    projects: windows.map((w) => w.project),
  };
}

/** With more than one project, the time no test ran while one project's workers stopped and the next one's started. */
function projectsText(c: readonly ConformanceSample[], projects: readonly string[]): string {
  const named = `${projects.length} project${projects.length === 1 ? "" : "s"} (${projects.join(", ")})`;
  if (projects.length < 2) return `${named}: its workers start once`;
  return `${named}, ${cell(
    c.map((s) => s.switchGapsMs),
    SECONDS,
  )} in total between one project's last test and the next one's first (worker stop + start-up, no test running)`;
}

export function reportConformance(c: readonly ConformanceSample[]): SectionReport {
  const ok = c.length > 0 && c.every((s) => s.ok);
  const values = (pick: (s: ConformanceSample) => number) => c.map(pick);
  const wall = median(values((s) => s.wallMs));
  const tree = median(values((s) => s.treeRss));
  const passed = median(values((s) => s.passedAtMs));
  const projects = c[0]?.projects ?? [];
  return {
    rows: [
      {
        n: "1",
        what: "Full conformance: `npm run conformance` (61 scenarios, 4 mocks incl. the 24 h / 120 min / 30 min expiries, 2 workers, Allure report included): wall time",
        runs: String(c.length),
        sessionprobe: cell(
          values((s) => s.wallMs),
          SECONDS,
        ),
        baseline: "—",
        ratio: "—",
        goal: `≤ ${seconds(WALL_GOAL_MS)}`,
        verdict: verdict(ok, wall <= WALL_GOAL_MS),
      },
      {
        n: "1",
        what: "… peak memory: largest sum of RSS over the process tree (npm → CLI → Playwright runner + workers → Allure), sampled every 100 ms",
        runs: String(c.length),
        sessionprobe: cell(
          values((s) => s.treeRss),
          MIB,
        ),
        baseline: `largest single process ${cell(
          values((s) => s.processRss),
          MIB,
        )}`,
        ratio: "—",
        goal: "≤ 500 MiB",
        verdict: verdict(ok, tree <= TREE_RSS_GOAL_BYTES),
      },
    ],
    details: [
      `**1. Conformance**: "Running 61 tests" printed after ${cell(
        values((s) => s.runningAtMs),
        SECONDS,
      )} (npm, CLI, Playwright config, collection of suites/ in the runner); ` +
        `first test started at ${cell(
          values((s) => s.firstTestStartMs),
          SECONDS,
        )}; ${projectsText(c, projects)}; ` +
        `Playwright's own figure ${cell(
          values((s) => s.playwrightMs),
          SECONDS,
        )}; "passed" line at ${seconds(passed)}; summary + Allure HTML report after it ${cell(
          values((s) => s.wallMs - s.passedAtMs),
          SECONDS,
        )}. Up to ${Math.max(0, ...values((s) => s.processes))} processes at once.`,
    ],
  };
}
