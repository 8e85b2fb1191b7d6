import { join } from "node:path";
import { type Bench, BENCH_CONFIG, inOrder, MOCK_USER, NODE, PLAYWRIGHT_CLI, ROOT, STEPCI_CLI, strip } from "../context.ts";
import { type PlaywrightRun, playwrightRun } from "../playwright-output.ts";
import { runCommand } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, MILLIS, median, RATIO, SECONDS } from "../stats.ts";

const RATIO_GOAL = 1.2;

export interface PeerSample {
  ok: boolean;
  sessionprobe: PlaywrightRun;
  /** Step CI's wall time, and its own "Workflow passed after". */
  stepci: { wallMs: number; innerMs: number };
}

export interface PeerSetup {
  suites: string;
  targets: string;
  workflow: string;
  mockUrl: string;
  scenarios: number;
  workers: number;
}

function sessionprobeRun(bench: Bench, setup: PeerSetup) {
  return runCommand(NODE, [PLAYWRIGHT_CLI, "test", "-c", BENCH_CONFIG], {
    cwd: ROOT,
    env: bench.env("peer-sessionprobe", {
      BENCH_SUITES: setup.suites,
      SESSIONPROBE_TARGETS: setup.targets,
      SESSIONPROBE_WORKERS: String(setup.workers),
      SP_BENCH_USER: MOCK_USER.username,
      SP_BENCH_PASSWORD: MOCK_USER.password,
    }),
  });
}

function stepciRun(bench: Bench, setup: PeerSetup) {
  const vars = { host: setup.mockUrl, user: MOCK_USER.username, password: MOCK_USER.password };
  const args = [STEPCI_CLI, "run", setup.workflow, "--concurrency", String(setup.workers)];
  for (const [name, value] of Object.entries(vars)) args.push("-e", `${name}=${value}`);
  return runCommand(NODE, args, {
    cwd: ROOT,
    // XDG_CONFIG_HOME: Step CI stores an anonymous id with `conf`; keep it out of the user's home.
    env: bench.env("peer-stepci", { STEPCI_DISABLE_ANALYTICS: "1", XDG_CONFIG_HOME: join(bench.tmp, "stepci-config") }),
  });
}

/** One round: sessionprobe and Step CI against the same standalone mock, back to back. */
export async function measurePeer(bench: Bench, round: number, setup: PeerSetup): Promise<PeerSample> {
  const [sp, sc] = await inOrder(
    round,
    () => sessionprobeRun(bench, setup),
    () => stepciRun(bench, setup),
  );
  const ok =
    bench.check("peer: sessionprobe against the standalone mock", sp, new RegExp(`${setup.scenarios} passed`)) &&
    bench.check("peer: stepci", sc, new RegExp(`0 failed, ${setup.scenarios} passed`));
  const inner = /Workflow passed after (\d+(?:\.\d+)?)s/.exec(strip(sc.stdout));
  return {
    ok,
    sessionprobe: playwrightRun(sp),
    stepci: { wallMs: sc.wallMs, innerMs: inner ? Number(inner[1]) * 1000 : Number.NaN },
  };
}

export function reportPeer(p: readonly PeerSample[], setup: { scenarios: number; workers: number }): SectionReport {
  const ok = p.length > 0 && p.every((s) => s.ok);
  const values = (pick: (s: PeerSample) => number) => p.map(pick);
  const ratios = values((s) => s.sessionprobe.wallMs / s.stepci.wallMs);
  return {
    rows: [
      {
        n: "3",
        what: `Peer: the same ${setup.scenarios} scenarios against one standalone controlm mock (\`sessionprobe mock controlm\`), ${setup.workers} workers / \`--concurrency ${setup.workers}\`: wall time of the CLI run`,
        runs: String(p.length),
        sessionprobe: cell(
          values((s) => s.sessionprobe.wallMs),
          SECONDS,
        ),
        baseline: `Step CI 2.8.2 ${cell(
          values((s) => s.stepci.wallMs),
          SECONDS,
        )}`,
        ratio: cell(ratios, RATIO),
        goal: `≤ ${RATIO_GOAL}`,
        verdict: verdict(ok, median(ratios) <= RATIO_GOAL),
      },
    ],
    details: [
      `**3. Peer**: sessionprobe's first test started after ${cell(
        values((s) => s.sessionprobe.firstStartMs),
        SECONDS,
      )}, mean test ${cell(
        values((s) => s.sessionprobe.meanTestMs),
        MILLIS,
      )}, Playwright's own figure ${cell(
        values((s) => s.sessionprobe.innerMs),
        SECONDS,
      )}; ` +
        `Step CI's own "Workflow passed after" ${cell(
          values((s) => s.stepci.innerMs),
          SECONDS,
        )} inside its ${cell(
          values((s) => s.stepci.wallMs),
          SECONDS,
        )}. Neither side builds an HTML report here; sessionprobe's configured reporters still write their files (JUnit, Allure results, summary, observation records).`,
    ],
  };
}
