import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { childEnv, ROOT } from "../../specs/harness/support/processes.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import {
  DEFAULT_WORKERS,
  HANDED_ENV,
  handedSchedule,
  mockWorkers,
  scenarioKey,
  sizedWorkersOf,
  slackMs,
  workersChosen,
} from "./run-schedule.ts";
import { collectSuites } from "../scenario/collection.ts";
import { findSuiteFiles } from "../scenario/discover.ts";
import { scenarioTitle } from "../scenario/title.ts";
import { learnTimings } from "./timings.ts";
import { runSchedule } from "./workers.ts";
import { realTarget } from "../../test-support/real-target.ts";

const require = createRequire(import.meta.url);

test("the user's worker count is the one on Playwright's command line or in SESSIONPROBE_WORKERS", () => {
  expect(workersChosen(["node", "playwright", "test"], {})).toBeUndefined();
  expect(workersChosen(["test", "--workers", "4"], { SESSIONPROBE_WORKERS: "4" })).toBe(4);
  // Playwright applies its own flag; the config only needs to know that the user chose.
  expect(workersChosen(["test", "--workers=4"], {})).toBe(DEFAULT_WORKERS);
  expect(workersChosen(["test", "-j", "3"], {})).toBe(DEFAULT_WORKERS);
  expect(workersChosen(["test", "-j3"], {})).toBe(DEFAULT_WORKERS);
  expect(workersChosen(["test"], { SESSIONPROBE_WORKERS: "2" })).toBe(2);
  expect(workersChosen(["test", "--workersfoo"], {})).toBeUndefined();
});

const target = (name: string, vendor: string, over: Partial<ResolvedTarget> = {}): ResolvedTarget =>
  realTarget(name, vendor, { timeouts: { idleMs: 20_000, lifetimeMs: 45_000 }, ...over });

test("workers sized to the waits: each waiting target its own, the run their sum plus the default for targets that wait for nothing", async () => {
  const env: NodeJS.ProcessEnv = {};
  const schedule = await runSchedule(
    [target("hmc-staging", "hmc"), target("am-staging", "openam"), target("ctm-staging", "controlm", { expiry: "skip" })],
    { chosen: undefined },
    env,
  );
  const byTarget = schedule?.workers?.byTarget;
  expect([...(byTarget?.keys() ?? [])].sort()).toEqual(["am-staging", "hmc-staging"]);
  for (const n of byTarget?.values() ?? []) expect(n).toBeGreaterThanOrEqual(DEFAULT_WORKERS);
  expect(schedule?.workers?.total).toBe((byTarget?.get("hmc-staging") ?? 0) + (byTarget?.get("am-staging") ?? 0) + DEFAULT_WORKERS);
  // Every waiting scenario of a waiting target has an estimate longer than any of those that only send requests.
  expect(schedule?.estimates.size).toBeGreaterThan(0);
  // Handed to this process's workers: the same schedule, read back, and nothing for a process another runner started.
  expect(env[HANDED_ENV]?.startsWith(`${process.pid}:`)).toBe(true);
  expect(handedSchedule(env)).toEqual(schedule);
  expect(sizedWorkersOf("am-staging", env)).toBe(byTarget?.get("am-staging"));
  expect(handedSchedule({ [HANDED_ENV]: `1:${JSON.stringify({ estimates: [] })}` })).toBeNull();
  expect(handedSchedule({})).toBeNull();
  // A second evaluation of the config in the same run (a worker's) takes what the runner decided, without planning again.
  const again = await runSchedule([], { chosen: undefined }, env);
  expect(again).toEqual(schedule);
});

test("a count the user chose replaces the sizing, not the order; nothing waits, nothing is scheduled", async () => {
  const chosen = await runSchedule([target("am-staging", "openam")], { chosen: 2 }, {});
  expect(chosen?.workers).toBeUndefined();
  expect(chosen?.estimates.size).toBeGreaterThan(0);
  const env: NodeJS.ProcessEnv = {};
  expect(await runSchedule([target("am-staging", "openam", { expiry: "skip" })], { chosen: undefined }, env)).toBeUndefined();
  // Decided all the same: the workers do not plan again.
  expect(handedSchedule(env)).toBeUndefined();
});

test("a scenario may wait at the rendezvous only as long as it is shorter than its vendor's longest", () => {
  const at = (line: number) => ({ position: { line, column: 5 } });
  const am = { file: "src/vendors/openam/suites/sessions.yaml", vendor: "openam", scenarios: [at(10), at(20), at(30)] };
  const hmc = { file: "src/vendors/hmc/suites/logon.yaml", vendor: "hmc", scenarios: [at(10)] };
  const estimates = new Map([
    [scenarioKey(am, at(10)), 48_000],
    [scenarioKey(am, at(20)), 21_000],
    [scenarioKey(hmc, at(10)), 90_000],
  ]);
  const suites = [am, hmc];
  // The longest logs in at once; the others have the difference; another vendor's longer wait does not count.
  expect(slackMs(estimates, suites, am, at(10))).toBe(0);
  expect(slackMs(estimates, suites, am, at(20))).toBe(27_000);
  expect(slackMs(estimates, suites, hmc, at(10))).toBe(0);
  // No estimate (not a scheduled scenario): no slack to speak of, the rendezvous keeps its own cap.
  expect(slackMs(estimates, suites, am, at(30))).toBeUndefined();
});

/**
 * The whole path through Playwright: the config plans the target, and the spec declares its
 * waiting scenarios longest first (Playwright lists a project's tests in the order they are declared).
 */
test("against a target that waits, its waiting scenarios are declared longest first, before those that only send requests", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-workers-"));
  const targets = join(dir, "targets.yaml");
  writeFileSync(
    targets,
    `targets:
  - name: am-staging
    vendor: openam
    baseUrl: https://127.0.0.1:9/am
    credentials: { username: "\${env:AM_USER}", password: "\${env:AM_PASSWORD}" }
    users:
      demo: { username: "\${env:AM_USER}", password: "\${env:AM_PASSWORD}" }
      bjensen: { username: "\${env:AM_USER}", password: "\${env:AM_PASSWORD}" }
    session: { idleTimeout: 20s, lifetime: 45s }
    options: { latestAccessUpdateFrequency: "6" }
    expiry: wait
`,
  );
  const env = childEnv({
    SESSIONPROBE_TARGETS: targets,
    SESSIONPROBE_REPORTS: join(dir, "reports"),
    AM_USER: "demo",
    AM_PASSWORD: "demo-pass-1",
  });
  delete env.SESSIONPROBE_WORKERS;
  delete env[HANDED_ENV];
  const list = spawnSync(process.execPath, [require.resolve("@playwright/test/cli"), "test", "--list", "--project", "am-staging"], {
    cwd: ROOT,
    env,
    encoding: "utf8",
  });
  expect(list.status, list.stdout + list.stderr).toBe(0);
  const titles = list.stdout.split("\n").filter((l) => l.includes("[am-staging]"));
  // The lifetime scenario (45 s and its margin) comes first, then the idle ones (20 s), before any that only sends requests.
  const lifetime = titles.findIndex((l) => l.includes("AM-10 AM-04 a session expires after the maximum session time"));
  const idle = titles.findIndex((l) => l.includes("AM-10 a session expires after the idle timeout"));
  const requestsOnly = titles.findIndex((l) => l.includes("AM-01"));
  expect(lifetime, titles.join("\n")).toBe(0);
  expect(idle).toBeGreaterThan(lifetime);
  expect(requestsOnly).toBeGreaterThan(idle);
});

test("a run against the built-in mocks gets half the cores as workers, at least one (measured: one is as fast as two on 2 cores, 200 MiB lighter)", () => {
  expect(mockWorkers(1)).toBe(1);
  expect(mockWorkers(2)).toBe(1);
  expect(mockWorkers(3)).toBe(1);
  expect(mockWorkers(8)).toBe(4);
});

test("a run is sized with what each scenario cost the target last time, from the reports folder's timings.json", async () => {
  const ctm = target("ctm-staging", "controlm", {
    timeouts: { idleMs: 4_000, lifetimeMs: 10_000 },
    users: { second: { username: "other", password: "x" } },
    options: { passwordSecretKey: "emuser-password" },
  });
  const guessed = await runSchedule([ctm], { chosen: undefined }, {});
  // What a fast local server took: 50 ms a scenario besides its waits, written as a run writes it.
  const reports = mkdtempSync(join(tmpdir(), "sp-learned-"));
  const suites = await collectSuites(findSuiteFiles());
  learnTimings(
    reports,
    suites
      .filter((s) => s.vendor === "controlm")
      .flatMap((s) =>
        s.scenarios.map((l) => ({
          target: ctm.name,
          service: `${s.vendor}/${s.service}`,
          title: scenarioTitle(l.scenario),
          status: "passed",
          durationMs: 50,
        })),
      ),
  );
  // The targets resolved only when the runner plans (a worker takes the handed schedule instead).
  const learned = await runSchedule(async () => [ctm], { chosen: undefined, reports }, {});
  const workers = (s: typeof guessed) => s?.workers?.byTarget.get(ctm.name) ?? 0;
  expect(workers(guessed)).toBeGreaterThan(DEFAULT_WORKERS);
  expect(workers(learned)).toBe(DEFAULT_WORKERS);
  // The waits are the plan's, whatever was learned: the longest estimate is still a waiting scenario's.
  expect(Math.max(...(learned?.estimates.values() ?? []))).toBeGreaterThan(4_000);
});
