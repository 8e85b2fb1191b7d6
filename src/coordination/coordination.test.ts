import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { SharedBudget } from "./budget.ts";
import { budgetShare } from "./shard-plan.ts";

test("a shared budget hands out exactly its size, across instances", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-budget-"));
  const taken = [new SharedBudget(dir, 2).take(), new SharedBudget(dir, 2).take(), new SharedBudget(dir, 2).take()];
  expect(taken).toEqual([1, 2, undefined]);
});

test("the shards' shares of a lockout budget add up to the budget, whatever n, so n shards cannot exceed it", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 64 }), (budget, total) => {
      const shares = Array.from({ length: total }, (_, i) => budgetShare(budget, { current: i + 1, total }));
      expect(shares.reduce((a, b) => a + b, 0)).toBe(budget);
      expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      expect(shares.every((s) => s >= 0)).toBe(true);
    }),
    { seed: 20261201, numRuns: 300 },
  );
  expect([1, 2].map((current) => budgetShare(1, { current, total: 2 }))).toEqual([1, 0]);
  expect(budgetShare(3, null)).toBe(3);
});
