import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { scaleDependentTime } from "../scenario/time-checks.ts";
import type { Scenario } from "../scenario/schema.ts";
import { defaultMargin, keepAliveSchedule, resolveTimeExpr } from "./time.ts";

/**
 * The time language must land on the right side of a timeout at any scale a deployment
 * declares (a few seconds to a day). Fixed seeds: `npm test` is reproducible; `npm run
 * fuzz` runs the same properties with more cases.
 */
const runs = Number(process.env.SESSIONPROBE_FUZZ_RUNS ?? 300);
const params = { seed: 20261201, numRuns: runs };
const SECOND = 1000;
const timeout = fc.integer({ min: 2 * SECOND, max: 48 * 3600 * SECOND });

test("past lands after the timeout and before lands before it, at every scale", () => {
  fc.assert(
    fc.property(timeout, (t) => {
      expect(resolveTimeExpr("past", t)).toBeGreaterThan(t);
      expect(resolveTimeExpr("before", t)).toBeLessThan(t);
      expect(resolveTimeExpr("past", t) - t).toBe(defaultMargin(t));
    }),
    params,
  );
});

test("a share of a duration option scales with the option, whole seconds or a duration", () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 3600 }), fc.integer({ min: 1, max: 400 }), (seconds, share) => {
      const expected = Math.round((seconds * SECOND * share) / 100);
      expect(resolveTimeExpr(`${share}% of f`, undefined, undefined, { f: String(seconds) })).toBe(expected);
      expect(resolveTimeExpr(`${share}% of f`, undefined, undefined, { f: `${seconds}s` })).toBe(expected);
    }),
    params,
  );
  expect(() => resolveTimeExpr("50% of latestAccessUpdateFrequency", 6000)).toThrow(
    /option latestAccessUpdateFrequency, which the target does not declare/,
  );
});

test("keep-alives never fire between lifetime − margin and the end, and the last one is exactly there", () => {
  fc.assert(
    fc.property(timeout, fc.integer({ min: 1, max: 90 }), (lifetime, share) => {
      const idle = Math.max(SECOND, Math.round((lifetime * share) / 100));
      const every = Math.max(1, Math.round(idle / 3));
      const margin = defaultMargin(lifetime);
      const total = lifetime + margin;
      const lastSafe = lifetime - margin;
      const at = keepAliveSchedule(total, every, lastSafe);
      // One expect per case, not one per keep-alive: each Playwright expect is a reported step with a captured
      // stack, and a day-long lifetime has hundreds of keep-alives (300 cases took minutes).
      const gaps = at.slice(1).map((t, i) => t - (at[i] as number));
      expect(gaps.filter((gap) => gap <= 0 || gap > every)).toEqual([]);
      expect(at.every((t) => t <= lastSafe)).toBe(true);
      if (lastSafe > 0) expect(at[at.length - 1]).toBe(lastSafe);
      expect((at[0] ?? lastSafe) <= every).toBe(true);
    }),
    params,
  );
});

test("the reported case: idle 6 s, lifetime 15 s, keep-alive every 33 % — none after 14 s", () => {
  const at = keepAliveSchedule(16_000, 1_980, 14_000);
  expect(at[at.length - 1]).toBe(14_000);
  expect(at.some((t) => t > 14_000)).toBe(false);
});

test("the loader refuses before + a percentage on one session, at any scale; since: login is fine", () => {
  const scenario = (steps: unknown[]): Scenario => ({ name: "x", covers: ["AM-10"], steps }) as Scenario;
  const mixed = scaleDependentTime(
    scenario([{ login: {} }, { expire: { idle: "before" } }, { action: "validate" }, { expire: { idle: "10%" } }]),
    [],
  );
  expect(mixed.map((p) => p.message).join()).toMatch(/depends on its length.*since: login/);
  expect(
    scaleDependentTime(scenario([{ login: {} }, { expire: { idle: "before" } }, { expire: { idle: "past", since: "login" } }]), []),
  ).toEqual([]);
  expect(scaleDependentTime(scenario([{ login: {} }, { expire: { idle: "60%" } }, { expire: { idle: "60%" } }]), [])).toEqual([]);
  // A fresh login starts the count again.
  expect(
    scaleDependentTime(scenario([{ login: {} }, { expire: { idle: "before" } }, { login: {} }, { expire: { idle: "10%" } }]), []),
  ).toEqual([]);
  // Why it is refused: the same two expressions land on both sides of the timeout depending on its length.
  const lands = (t: number) => resolveTimeExpr("before", t) + resolveTimeExpr("10%", t) > t;
  expect(lands(30 * 60_000)).toBe(true);
  expect(lands(6_000)).toBe(false);
});
