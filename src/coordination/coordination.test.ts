import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { sleep } from "../time/clock.ts";
import { SharedBudget } from "./budget.ts";
import { TargetLock } from "./target-lock.ts";

test("an exclusive holder waits for shared holders and then runs alone", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-lock-"));
  const events: string[] = [];
  const releaseA = await new TargetLock(dir).shared();
  events.push("a in");
  const exclusive = new TargetLock(dir).exclusive().then((release) => {
    events.push("x in");
    return release;
  });
  await sleep(250);
  // A newcomer must queue behind the waiting exclusive holder.
  const late = new TargetLock(dir).shared().then((release) => {
    events.push("b in");
    return release;
  });
  await sleep(250);
  expect(events).toEqual(["a in"]);
  releaseA();
  const releaseX = await exclusive;
  await sleep(250);
  expect(events).toEqual(["a in", "x in"]);
  releaseX();
  (await late)();
  expect(events).toEqual(["a in", "x in", "b in"]);
});

test("a shared budget hands out exactly its size, across instances", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-budget-"));
  const taken = [new SharedBudget(dir, 2).take(), new SharedBudget(dir, 2).take(), new SharedBudget(dir, 2).take()];
  expect(taken).toEqual([1, 2, undefined]);
});
