import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type Bench, BENCH_CONFIG, inOrder, NODE, PLAYWRIGHT_CLI, ROOT } from "../context.ts";
import { type PlaywrightRun, playwrightRun } from "../playwright-output.ts";
import { runCommand } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, MILLIS, median, RATIO, SECONDS, WHOLE_MILLIS } from "../stats.ts";
import { STARTUP_DIR_ENV, type StartupTiming } from "../startup-timing.ts";

/** Issue 17's goals for row 2 and the two per-process rows drawn from its runs. */
const RATIO_GOAL = 1.15;
const HARNESS_IMPORT_GOAL_MS = 150;
const PER_TEST_OVERHEAD_GOAL_MS = 3;

export interface EngineSample {
  ok: boolean;
  sessionprobe: PlaywrightRun;
  bare: PlaywrightRun;
  /** Per worker of the sessionprobe run (bench/specs/scenarios.spec.ts's timed phases). */
  workers: StartupTiming[];
  /** Per worker of the bare run: importing the in-process mock. */
  bareWorkers: StartupTiming[];
}

function readStartups(dir: string): StartupTiming[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")) as StartupTiming);
}

/** One round: the sessionprobe project and the bare project of bench/playwright.config.ts, back to back. */
export async function measureEngine(
  bench: Bench,
  round: number,
  suites: string,
  scenarios: number,
  workers: number,
): Promise<EngineSample> {
  const startups = { sessionprobe: bench.dir("startup-sessionprobe"), bare: bench.dir("startup-bare") };
  const project = (name: "sessionprobe" | "bare") => () =>
    runCommand(NODE, [PLAYWRIGHT_CLI, "test", "-c", BENCH_CONFIG, "--project", name], {
      cwd: ROOT,
      env: bench.env(`engine-${name}`, {
        BENCH_SUITES: suites,
        BENCH_BARE_COUNT: String(scenarios),
        SESSIONPROBE_WORKERS: String(workers),
        [STARTUP_DIR_ENV]: startups[name],
      }),
    });
  const [sp, bare] = await inOrder(round, project("sessionprobe"), project("bare"));
  const passed = new RegExp(`${scenarios} passed`);
  const ok = bench.check("engine: sessionprobe project", sp, passed) && bench.check("engine: bare project", bare, passed);
  return {
    ok,
    sessionprobe: playwrightRun(sp),
    bare: playwrightRun(bare),
    workers: readStartups(startups.sessionprobe),
    bareWorkers: readStartups(startups.bare),
  };
}

export function reportEngine(
  e: readonly EngineSample[],
  setup: { scenarios: number; workers: number; engineAlone?: string },
): SectionReport {
  const ok = e.length > 0 && e.every((s) => s.ok);
  const values = (pick: (s: EngineSample) => number) => e.map(pick);
  const ratios = values((s) => s.sessionprobe.wallMs / s.bare.wallMs);
  const overheads = values((s) => s.sessionprobe.meanTestMs - s.bare.meanTestMs);
  const phase = (name: string) => e.flatMap((s) => s.workers.map((w) => w.phases[name] ?? Number.NaN));
  const harness = phase("harness");
  const workerSamples = `${e.length} × ${harness.length / Math.max(1, e.length)} workers`;
  return {
    rows: [
      {
        n: "2",
        what: `Engine overhead: ${setup.scenarios} scenarios login → use → logout, ${setup.workers} workers, an in-process controlm mock per worker, same bench config and reporters: wall time of \`playwright test\``,
        runs: String(e.length),
        sessionprobe: cell(
          values((s) => s.sessionprobe.wallMs),
          SECONDS,
        ),
        baseline: `bare Playwright + fetch ${cell(
          values((s) => s.bare.wallMs),
          SECONDS,
        )}`,
        ratio: cell(ratios, RATIO),
        goal: `≤ ${RATIO_GOAL}`,
        verdict: verdict(ok, median(ratios) <= RATIO_GOAL),
      },
      {
        n: "7",
        what: "Worker harness import: inside each Playwright worker of row 2's sessionprobe runs, importing `fixtures/conformance.ts`'s module graph (after Playwright and the config are loaded)",
        runs: workerSamples,
        sessionprobe: cell(harness, WHOLE_MILLIS),
        baseline: "—",
        ratio: "—",
        goal: `≤ ${HARNESS_IMPORT_GOAL_MS} ms`,
        verdict: verdict(ok && harness.length > 0, median(harness) <= HARNESS_IMPORT_GOAL_MS),
      },
      {
        n: "8",
        what: "Per-test overhead over bare Playwright: sessionprobe's mean test duration − bare's, in row 2's runs (per round)",
        runs: String(e.length),
        sessionprobe: cell(overheads, MILLIS),
        baseline: `bare mean test ${cell(
          values((s) => s.bare.meanTestMs),
          MILLIS,
        )}`,
        ratio: "—",
        goal: `≤ ${PER_TEST_OVERHEAD_GOAL_MS} ms`,
        verdict: verdict(ok, median(overheads) <= PER_TEST_OVERHEAD_GOAL_MS),
      },
    ],
    details: [
      `**2. Engine overhead**: first test started after ${cell(
        values((s) => s.sessionprobe.firstStartMs),
        SECONDS,
      )} (sessionprobe) vs ${cell(
        values((s) => s.bare.firstStartMs),
        SECONDS,
      )} (bare) — runner start-up, collection, worker start-up; ` +
        `mean test duration ${cell(
          values((s) => s.sessionprobe.meanTestMs),
          MILLIS,
        )} vs ${cell(
          values((s) => s.bare.meanTestMs),
          MILLIS,
        )}; Playwright's own figure ${cell(
          values((s) => s.sessionprobe.innerMs),
          SECONDS,
        )} vs ${cell(
          values((s) => s.bare.innerMs),
          SECONDS,
        )}.` +
        (setup.engineAlone ? ` ${setup.engineAlone}` : ""),
      `**7. Worker start-up** (${workerSamples}, bench/specs/scenarios.spec.ts timing its own dynamic imports): a worker reaches the spec ${cell(
        e.flatMap((s) => s.workers.map((w) => w.atMs)),
        SECONDS,
      )} after its process started (node, Playwright, the config); then the harness import ${cell(harness, WHOLE_MILLIS)}, ` +
        `taking the runner's collection ${cell(phase("collection"), WHOLE_MILLIS)}, the modules the fixture loads on first use ${cell(phase("on first use"), WHOLE_MILLIS)}. ` +
        `A bare worker imports the in-process mock in ${cell(
          e.flatMap((s) => s.bareWorkers.map((w) => w.phases.mock ?? Number.NaN)),
          WHOLE_MILLIS,
        )}. **8.** The per-test difference is of Playwright's own test durations (fixtures included, worker start-up not).`,
    ],
  };
}
