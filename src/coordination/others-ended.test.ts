import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { systemClock } from "../time/clock.ts";
import { awaitOthersEnded, isLastAttempt, markOthersEnded, OthersEnded, othersEndedNote, readOthersEndedNote } from "./others-ended.ts";

const run = () =>
  new OthersEnded([
    { id: "a1", target: "a", guarded: false },
    { id: "a2", target: "a", guarded: false },
    { id: "ag", target: "a", guarded: true },
    { id: "b1", target: "b", guarded: false },
    { id: "bg", target: "b", guarded: true },
    { id: "m1", guarded: false },
  ]);

test("a target's others have ended when each of its scenarios outside the guarded project has had its last attempt", () => {
  const others = run();
  expect(others.initially()).toEqual([]);
  expect(others.ended("a1", true)).toEqual([]);
  // A failed attempt with a retry left is not an end: the retry runs later, still before the guarded ones.
  expect(others.ended("a2", false)).toEqual([]);
  // Another target's end, and a guarded scenario's, say nothing about target a.
  expect(others.ended("bg", true)).toEqual([]);
  expect(others.ended("a2", true)).toEqual(["a"]);
  // Told once.
  expect(others.ended("a1", true)).toEqual([]);
  expect(others.ended("b1", true)).toEqual(["b"]);
});

test("a target with only guarded scenarios in the run (the guarded job, a --project of its own) has nothing to wait for", () => {
  const others = new OthersEnded([
    { id: "ag", target: "a", guarded: true },
    { id: "b1", target: "b", guarded: false },
  ]);
  expect(others.initially()).toEqual(["a"]);
  expect(others.ended("b1", true)).toEqual(["b"]);
});

test("an attempt is the last when it ended as expected, skipped or interrupted, or when no retry is left", () => {
  const retried = { expectedStatus: "passed", retries: 1 };
  expect(isLastAttempt(retried, { status: "passed", retry: 0 })).toBe(true);
  expect(isLastAttempt(retried, { status: "skipped", retry: 0 })).toBe(true);
  expect(isLastAttempt(retried, { status: "interrupted", retry: 0 })).toBe(true);
  expect(isLastAttempt(retried, { status: "failed", retry: 0 })).toBe(false);
  expect(isLastAttempt(retried, { status: "timedOut", retry: 0 })).toBe(false);
  expect(isLastAttempt(retried, { status: "failed", retry: 1 })).toBe(true);
  // A known deviation Playwright expects to fail: its failure is the expected end.
  expect(isLastAttempt({ expectedStatus: "failed", retries: 1 }, { status: "failed", retry: 0 })).toBe(true);
});

test("a guarded scenario waits until the runner has marked its target, and says how long it waited", async () => {
  const saved = { reports: process.env.SESSIONPROBE_REPORTS, id: process.env.SESSIONPROBE_RUN_ID };
  process.env.SESSIONPROBE_REPORTS = mkdtempSync(join(tmpdir(), "sp-others-"));
  process.env.SESSIONPROBE_RUN_ID = "others-ended-test";
  try {
    let done = false;
    const waiting = awaitOthersEnded("a", systemClock, 10).then((ms) => {
      done = true;
      return ms;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(done).toBe(false);
    markOthersEnded("b");
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(done, "another target's mark does not open this one").toBe(false);
    const before = Date.now();
    markOthersEnded("a");
    const { waitedMs, releasedAt } = await waiting;
    expect(waitedMs).toBeGreaterThanOrEqual(150);
    expect(releasedAt).toBeGreaterThanOrEqual(before);
    expect(readOthersEndedNote(othersEndedNote(waitedMs, releasedAt))).toEqual({ waitedMs, releasedAt });
    // Marked already: no wait at all.
    expect((await awaitOthersEnded("a", systemClock, 10)).waitedMs).toBeLessThan(50);
  } finally {
    for (const [name, value] of [
      ["SESSIONPROBE_REPORTS", saved.reports],
      ["SESSIONPROBE_RUN_ID", saved.id],
    ] as const)
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
  }
});
