import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { learnTimings, readTimings, TIMINGS_FILE, timingKey } from "./timings.ts";

const folder = () => mkdtempSync(join(tmpdir(), "sp-timings-"));
const ran = (title: string, durationMs: number, extra: { elapsedWaitMs?: number; rendezvousMs?: number; status?: string } = {}) => ({
  target: "am-staging",
  service: "openam/sessions",
  title,
  status: extra.status ?? "passed",
  durationMs,
  ...extra,
});

test("a scenario's learned cost is its duration less its waits' wall time and its time at the rendezvous", () => {
  const dir = folder();
  learnTimings(dir, [
    ran("AM-01 a", 140),
    ran("AM-10 b", 11_350, { elapsedWaitMs: 11_000, rendezvousMs: 120 }),
    ran("AM-02 c", 5, { status: "skipped" }),
  ]);
  const learned = readTimings(dir).get("am-staging");
  expect(learned?.get(timingKey("openam/sessions", "AM-01 a"))).toBe(140);
  expect(learned?.get(timingKey("openam/sessions", "AM-10 b"))).toBe(230);
  // A skipped scenario cost nothing that says anything about the next run.
  expect(learned?.has(timingKey("openam/sessions", "AM-02 c"))).toBe(false);
});

test("a run overwrites what it ran and keeps the rest: a shard or a --grep run forgets nothing", () => {
  const dir = folder();
  learnTimings(dir, [ran("AM-01 a", 140), ran("AM-03 d", 90)]);
  learnTimings(dir, [ran("AM-01 a", 60), { ...ran("VM-01 e", 30), target: "vm-staging", service: "vmanage/sessions" }]);
  const learned = readTimings(dir);
  expect(learned.get("am-staging")?.get(timingKey("openam/sessions", "AM-01 a"))).toBe(60);
  expect(learned.get("am-staging")?.get(timingKey("openam/sessions", "AM-03 d"))).toBe(90);
  expect(learned.get("vm-staging")?.get(timingKey("vmanage/sessions", "VM-01 e"))).toBe(30);
});

test("no file, a damaged one or another format teaches nothing: the plan's estimates stand", () => {
  const dir = folder();
  expect(readTimings(dir).size).toBe(0);
  writeFileSync(join(dir, TIMINGS_FILE), "{ not json");
  expect(readTimings(dir).size).toBe(0);
  writeFileSync(join(dir, TIMINGS_FILE), JSON.stringify({ format: "other/1", targets: { a: { b: 1 } } }));
  expect(readTimings(dir).size).toBe(0);
  writeFileSync(join(dir, TIMINGS_FILE), JSON.stringify({ format: "sessionprobe-timings/1", targets: { a: { b: -1, c: "x", d: 7 } } }));
  expect([...(readTimings(dir).get("a") ?? [])]).toEqual([["d", 7]]);
  // Learning over a damaged file starts afresh.
  writeFileSync(join(dir, TIMINGS_FILE), "{ not json");
  learnTimings(dir, [ran("AM-01 a", 10)]);
  expect(JSON.parse(readFileSync(join(dir, TIMINGS_FILE), "utf8")).targets["am-staging"]).toEqual({ "openam/sessions › AM-01 a": 10 });
});
