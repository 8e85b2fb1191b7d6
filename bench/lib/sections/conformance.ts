import { availableParallelism } from "node:os";
import { mockWorkers } from "../../../src/coordination/run-schedule.ts";
import { type Bench, BENCH_CONFIG, NODE, PLAYWRIGHT_CLI, ROOT } from "../context.ts";
import { lineAt, PASSED, playwrightMs, projectWindows, RUNNING } from "../playwright-output.ts";
import { runCommand } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, MIB, median, SECONDS, seconds } from "../stats.ts";

/** Row 1's goals (issue 17). */
const WALL_GOAL_MS = 6_000;
/**
 * Row 1's memory goal, relative to its floor: bare Playwright's runner and the same number of workers, doing plain
 * fetches, measured in the same round (two workers alone took ≈ 580 MiB, so an absolute 500 MiB could not be met
 * with them). What sessionprobe may add on top: npm and the CLI around the runner, a built-in mock in each worker
 * and the harness; the Allure generation runs after the workers have ended, so it is not on top of them.
 */
const TREE_RSS_OVER_FLOOR_GOAL_BYTES = 200 * 2 ** 20;

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
  /** How many tests Playwright said it was running. */
  tests: number;
  /** The workers the run had (the mocks project's default on this machine). */
  workers: number;
  /** Bare Playwright with the same workers (bench/specs/bare.spec.ts: fetch against an in-process mock): its tree's peak RSS. */
  bareTreeRss: number;
  /** The tree at its peak, by process role (npm, cli, runner, worker, allure). */
  peakByRole: Record<string, { count: number; bytes: number }>;
  /** Time between one project's last test and the next project's first: its workers stop, new ones start. */
  switchGapsMs: number;
  projects: string[];
}

/** One `npm run conformance`, its process tree's memory sampled every 100 ms. */
export async function measureConformance(bench: Bench): Promise<ConformanceSample> {
  const result = await runCommand("npm", ["run", "conformance"], { cwd: ROOT, env: bench.env("conformance"), sampleEveryMs: 100 });
  // The floor: Playwright's runner and the same number of workers doing plain fetches, nothing of sessionprobe loaded.
  const workers = mockWorkers(availableParallelism());
  const bare = await runCommand(NODE, [PLAYWRIGHT_CLI, "test", "-c", BENCH_CONFIG, "--project", "bare"], {
    cwd: ROOT,
    env: bench.env("conformance-bare", { BENCH_BARE_COUNT: "100", SESSIONPROBE_WORKERS: String(workers) }),
    sampleEveryMs: 100,
  });
  bench.check("conformance floor: bare project", bare, /100 passed/);
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
    peakByRole: result.peakByRole ?? {},
    tests: Number(/Running (\d+) tests?/.exec(result.stdout)?.[1] ?? Number.NaN),
    workers,
    bareTreeRss: bare.peakTreeRss ?? Number.NaN,
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

/** "runner 150 MiB, 2 workers 420 MiB, …": the tree at its peak, by role, medians over the samples. */
function byRoleText(c: readonly ConformanceSample[]): string {
  const roles = [...new Set(c.flatMap((s) => Object.keys(s.peakByRole)))].sort();
  return roles
    .map((role) => {
      const counts = c.map((s) => s.peakByRole[role]?.count ?? 0);
      const n = Math.max(...counts);
      return `${n > 1 ? `${n} ${role}s` : role} ${cell(
        c.map((s) => s.peakByRole[role]?.bytes ?? 0),
        MIB,
      )}`;
    })
    .join(", ");
}

export function reportConformance(c: readonly ConformanceSample[]): SectionReport {
  const floor = c.map((s) => s.bareTreeRss).filter((v) => Number.isFinite(v));
  const workers = c[0]?.workers ?? 0;
  const ok = c.length > 0 && c.every((s) => s.ok);
  const values = (pick: (s: ConformanceSample) => number) => c.map(pick);
  const wall = median(values((s) => s.wallMs));
  const tree = median(values((s) => s.treeRss));
  const floorMedian = floor.length ? median(floor) : Number.NaN;
  const passed = median(values((s) => s.passedAtMs));
  const projects = c[0]?.projects ?? [];
  return {
    rows: [
      {
        n: "1",
        what: `Full conformance: \`npm run conformance\` (${c[0]?.tests ?? "?"} scenarios, 4 mocks incl. the 24 h / 120 min / 30 min expiries, ${workers} worker${workers === 1 ? "" : "s"} (the mocks' default here), Allure report included): wall time`,
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
        baseline: `bare Playwright with the same ${workers} worker${workers === 1 ? "" : "s"} (bench/specs/bare.spec.ts) ${cell(floor, MIB)}`,
        ratio: floor.length ? `+${Math.round((tree - floorMedian) / 2 ** 20)} MiB` : "—",
        goal: "≤ bare + 200 MiB",
        verdict: verdict(ok && floor.length > 0, tree - floorMedian <= TREE_RSS_OVER_FLOOR_GOAL_BYTES),
      },
    ],
    details: [
      `**1. Conformance**: "Running ${c[0]?.tests ?? "?"} tests" printed after ${cell(
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
        )}. Up to ${Math.max(0, ...values((s) => s.processes))} processes at once. ` +
        `The tree at its peak (largest single process ${cell(
          values((s) => s.processRss),
          MIB,
        )}): ${byRoleText(c)}.`,
    ],
  };
}
