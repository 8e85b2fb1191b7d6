import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { findDriver } from "../vendors/registry.ts";
import { isExclusive, planScenario } from "../engine/plan.ts";
import { collectSuites } from "../scenario/collection.ts";
import { findSuiteFiles } from "../scenario/discover.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { scenarioTitle } from "../scenario/title.ts";
import { timingKey } from "./timings.ts";
import {
  estimatedEnd,
  longestFirst,
  MAX_WAIT_WORKERS,
  makespan,
  type ScheduledScenario,
  targetSchedule,
  WORKER_START_MS,
  workersFor,
} from "./wait-schedule.ts";
import "../../test-support/drivers.ts";
import { realTarget } from "../../test-support/real-target.ts";

test("list scheduling hands each job, in order, to the worker that frees first", () => {
  expect(makespan([47, 21, 21, 12, 10], 3)).toBe(47);
  // Shortest first, the long job comes last and ends late: the order matters.
  expect(makespan([10, 12, 21, 21, 47], 3)).toBe(12 + 47);
  expect(makespan([47, 21, 21, 12, 10], 2)).toBe(47 + 10);
  expect(makespan([5, 5, 5], 1)).toBe(15);
  expect(makespan([], 2)).toBe(0);
});

test("a schedule never ends before its longest job, nor before the work shared out evenly, nor later than Graham's bound", () => {
  fc.assert(
    fc.property(
      fc.array(fc.integer({ min: 0, max: 60_000 }), { minLength: 1, maxLength: 30 }),
      fc.integer({ min: 1, max: 12 }),
      (jobs, workers) => {
        const lpt = makespan(
          longestFirst(jobs.map((estimateMs) => ({ estimateMs }))).map((j) => j.estimateMs),
          workers,
        );
        const lower = Math.max(Math.max(...jobs), jobs.reduce((a, b) => a + b, 0) / workers);
        expect(lpt).toBeGreaterThanOrEqual(lower - 1e-9);
        // Graham: list scheduling ends by the work shared out evenly plus the longest job's (1 − 1/m).
        const longest = Math.max(...jobs);
        expect(lpt).toBeLessThanOrEqual(jobs.reduce((a, b) => a + b, 0) / workers + longest * (1 - 1 / workers) + 1e-9);
        if (workers >= jobs.length) expect(lpt).toBe(Math.max(...jobs));
      },
    ),
    { seed: 20261207, numRuns: 300 },
  );
});

test("the workers are as many as make the run end soonest, their start-up included", () => {
  // AM at idle 20 s / lifetime 45 s: the lifetime scenario, two idle ones, two shorter ones, and requests.
  const am = [47_430, 21_420, 21_360, 12_360, 10_300, 300, 300, 300];
  const twoCores = { min: 2, cores: 2 };
  expect(workersFor([am], twoCores)).toEqual([3]);
  expect(makespan(am, 3)).toBe(47_430);
  expect(makespan(am, 2)).toBeGreaterThan(47_430);
  // A fourth worker would only cost its start-up.
  expect(estimatedEnd([am], [4], twoCores)).toBeGreaterThan(estimatedEnd([am], [3], twoCores));
  // Never fewer than the minimum, never more than the cap; nothing to gain, nothing added.
  expect(workersFor([[100, 100]], twoCores)).toEqual([2]);
  // Forty waits of a minute: 14 workers take them in three rounds; 16 would too, and start slower; 13 need four rounds.
  expect(workersFor([Array.from({ length: 40 }, () => 60_000)], twoCores)).toEqual([14]);
  expect(workersFor([Array.from({ length: 48 }, () => 60_000)], { ...twoCores, cores: 64 })).toEqual([MAX_WAIT_WORKERS]);
  expect(workersFor([Array.from({ length: 40 }, () => 60_000)], { ...twoCores, max: 5 })).toEqual([5]);
  expect(workersFor([[]], twoCores)).toEqual([2]);
  // Short waits: a worker more costs more start-up than it saves.
  expect(workersFor([[1_000, 700, 500]], { ...twoCores, workerStartMs: WORKER_START_MS })).toEqual([2]);
  expect(workersFor([[1_000, 900, 900]], { ...twoCores, workerStartMs: WORKER_START_MS })).toEqual([3]);
  // More cores, cheaper workers: ten equal waits of a minute each get a worker each.
  expect(workersFor([Array.from({ length: 10 }, () => 60_000)], { min: 2, cores: 16 })).toEqual([10]);
});

test("targets run together share the cores their workers start on: the one that ends last gets the workers", () => {
  const long = [47_430, 21_420, 21_360, 12_360, 10_300];
  const short = [8_000, 7_000, 6_000];
  const twoCores = { min: 2, cores: 2 };
  const [forLong, forShort] = workersFor([long, short], twoCores);
  expect(forShort).toBe(2);
  expect(forLong).toBe(3);
  // Together they never get more than each would alone.
  expect(forLong).toBeLessThanOrEqual(workersFor([long], twoCores)[0] as number);
  const many = Array.from({ length: 6 }, () => [30_000, 30_000, 30_000, 30_000]);
  const shares = workersFor(many, twoCores);
  const alone = many.map((d) => workersFor([d], twoCores)[0] as number);
  expect(estimatedEnd(many, shares, twoCores)).toBeLessThanOrEqual(estimatedEnd(many, alone, twoCores));
  expect(estimatedEnd(many, shares, twoCores)).toBeLessThan(
    estimatedEnd(
      many,
      many.map(() => 2),
      twoCores,
    ),
  );
});

test("longest first keeps the suites' order among equal estimates", () => {
  const items = [
    { name: "a", estimateMs: 1 },
    { name: "b", estimateMs: 3 },
    { name: "c", estimateMs: 1 },
    { name: "d", estimateMs: 3 },
  ];
  expect(longestFirst(items).map((i) => i.name)).toEqual(["b", "d", "a", "c"]);
  expect(items.map((i) => i.name)).toEqual(["a", "b", "c", "d"]);
});

const amStaging = (timeouts: ResolvedTarget["timeouts"]): ResolvedTarget =>
  realTarget("am-staging", "openam", {
    baseUrl: "https://am.example.com/am",
    credentials: { username: "amadmin", password: "not-a-real-one" },
    users: {
      demo: { username: "demo", password: "x" },
      bjensen: { username: "bjensen", password: "x" },
      alpha: { username: "alice", password: "x", realm: "/alpha" },
    },
    timeouts,
    options: { latestAccessUpdateFrequency: "6" },
    allow: ["session-flood", "changes-password"],
  });

test("a target's schedule: the scenarios its project runs, waiting ones longest first, and the workers that fit them", async () => {
  const suites = await collectSuites(findSuiteFiles());
  const driver = findDriver("openam");
  if (!driver) throw new Error("the openam driver is not registered");
  const target = amStaging({ idleMs: 20_000, lifetimeMs: 45_000 });
  const schedule = targetSchedule(suites, target, driver, { min: 2, cores: 2 });
  const am = suites.filter((s) => s.vendor === "openam").flatMap((s) => s.scenarios);
  const runs = am.filter((l) => !isExclusive(l) && !planScenario(l, target, driver).skip);
  // The guarded ones run in their own project, the ones the plan skips nowhere: neither is scheduled here.
  expect(schedule.scenarios.map((s) => s.loaded)).toEqual(expect.arrayContaining(runs));
  expect(schedule.scenarios).toHaveLength(runs.length);
  expect(schedule.scenarios.some((s) => isExclusive(s.loaded))).toBe(false);
  const estimates = schedule.scenarios.map((s) => s.estimateMs);
  expect(estimates).toEqual([...estimates].sort((a, b) => b - a));
  expect(schedule.waiting).toBe(schedule.scenarios.filter((s) => s.waitMs > 0).length);
  expect(schedule.waiting).toBeGreaterThanOrEqual(3);
  // The lifetime (45 s + margin) is the longest wait; every waiting scenario is ahead of those that only send requests.
  expect(schedule.criticalMs).toBeGreaterThan(45_000);
  expect(schedule.scenarios.slice(0, schedule.waiting).every((s) => s.waitMs > 0)).toBe(true);
  // Its workers end it soonest, start-up included: one fewer or one more ends later.
  const end = (w: number) => estimatedEnd([estimates], [w], { min: 2, cores: 2 });
  if (schedule.workers > 2) expect(end(schedule.workers - 1)).toBeGreaterThan(end(schedule.workers));
  expect(end(schedule.workers + 1)).toBeGreaterThanOrEqual(end(schedule.workers));
  expect(makespan(estimates, schedule.workers)).toBeLessThan(schedule.criticalMs * 1.1);

  // Nothing waits with expiry: skip, so the default count stands.
  const skipping = targetSchedule(suites, { ...target, expiry: "skip" }, driver, { min: 2, cores: 2 });
  expect(skipping.waiting).toBe(0);
  expect(skipping.workers).toBe(2);
});

test("what each scenario cost the target last time replaces the guess from its steps: fast servers get fewer workers", async () => {
  const suites = await collectSuites(findSuiteFiles());
  const driver = findDriver("controlm");
  if (!driver) throw new Error("the controlm driver is not registered");
  const target = realTarget("ctm-staging", "controlm", {
    timeouts: { idleMs: 4_000, lifetimeMs: 10_000 },
    users: { second: { username: "other", password: "x" } },
    options: { passwordSecretKey: "emuser-password" },
    allow: ["session-flood", "changes-password"],
  });
  const sizing = { min: 2, cores: 2 };
  const guessed = targetSchedule(suites, target, driver, sizing);
  const key = (s: ScheduledScenario) => {
    const suite = suites.find((candidate) => candidate.scenarios.includes(s.loaded));
    return timingKey(`${suite?.vendor}/${suite?.service}`, scenarioTitle(s.loaded.scenario));
  };
  // As a local HTTPS server answers: 50 ms a scenario besides its waits (Control-M's took 2-93 ms, guessed 1-3 s).
  const learned = new Map(guessed.scenarios.map((s) => [key(s), 50]));
  const fast = targetSchedule(suites, target, driver, sizing, learned);
  for (const s of fast.scenarios) expect(s.estimateMs).toBe(s.waitMs + 50);
  expect(guessed.workers).toBeGreaterThan(2);
  expect(fast.workers).toBe(2);
  // The waits still come first, longest first.
  expect(fast.waiting).toBe(guessed.waiting);
  expect(fast.scenarios.slice(0, fast.waiting).every((s) => s.waitMs > 0)).toBe(true);
  // A scenario not learned yet keeps the guess.
  const last = guessed.scenarios.at(-1) as ScheduledScenario;
  const partly = targetSchedule(suites, target, driver, sizing, new Map([...learned].filter(([k]) => k !== key(last))));
  expect(partly.scenarios.find((s) => s.loaded === last.loaded)?.estimateMs).toBe(last.estimateMs);
});

test("a wait counted from the login costs the scenario only what is left of it when the step comes", async () => {
  const suites = await collectSuites(findSuiteFiles());
  const driver = findDriver("openam");
  if (!driver) throw new Error("the openam driver is not registered");
  const target = amStaging({ idleMs: 20_000, lifetimeMs: 45_000 });
  const plans = suites
    .filter((s) => s.vendor === "openam")
    .flatMap((s) => s.scenarios)
    .map((l) => ({ l, plan: planScenario(l, target, driver) }))
    .filter(({ plan }) => !plan.skip && plan.realWaitMs > 0);
  const sinceLogin = plans.filter(({ l }) => l.steps.some(({ step }) => "expire" in step && step.expire.since === "login"));
  expect(sinceLogin.length).toBeGreaterThan(0);
  // Counted whole for the test's timeout, less for the schedule; never more than whole, never less than the longest single wait.
  for (const { plan } of plans) expect(plan.elapsedWaitMs).toBeLessThanOrEqual(plan.realWaitMs);
  for (const { plan } of sinceLogin) expect(plan.elapsedWaitMs).toBeLessThan(plan.realWaitMs);
  for (const { plan } of plans) expect(plan.elapsedWaitMs).toBeGreaterThan(0);
});
