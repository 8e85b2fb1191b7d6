import { expect, test } from "@playwright/test";
import { findDriver } from "../vendors/registry.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { runExpire } from "./expire.ts";
import type { StepEnv } from "./steps/env.ts";
import type { TimeControl } from "./time.ts";
import "../../test-support/drivers.ts";

/** A clock standing at `now` that records every wait asked of it. */
function recordingTime(now: number): TimeControl & { waits: number[] } {
  const waits: number[] = [];
  return { description: "recorded", waits, now: () => now, pass: async (ms) => void waits.push(ms) };
}

function env(): StepEnv {
  const driver = findDriver("controlm");
  if (!driver) throw new Error("controlm driver missing");
  const target = { kind: "real", timeouts: { idleMs: 3_000, marginMs: 250 }, options: {} } as unknown as ResolvedTarget;
  return { driver, target, where: "[controlm] step 2" } as unknown as StepEnv;
}

const expire = (idle: string, time: TimeControl, lastAnsweredAt?: number) =>
  runExpire(env(), { args: { idle }, sessionName: "default", time, log: () => {}, lastAnsweredAt });

test("idle: past counts from the scenario's last response: the time steps took since is idle time already", async () => {
  const time = recordingTime(10_000);
  await expire("past", time, 9_600);
  // T + margin = 3.25 s from the answer at 9.6 s: 2.85 s are left at 10 s.
  expect(time.waits).toEqual([2_850]);
});

test("idle: past with no response yet, and a last response longer ago than the wait, are counted from now and not at all", async () => {
  const fresh = recordingTime(10_000);
  await expire("past", fresh);
  expect(fresh.waits).toEqual([3_250]);
  const long = recordingTime(10_000);
  await expire("past", long, 2_000);
  expect(long.waits).toEqual([0]);
});

test("idle: before and the other forms count from now, the side that cannot land past the timeout", async () => {
  const before = recordingTime(10_000);
  await expire("before", before, 9_000);
  expect(before.waits).toEqual([2_750]);
  const share = recordingTime(10_000);
  await expire("50%", share, 9_000);
  expect(share.waits).toEqual([1_500]);
});
