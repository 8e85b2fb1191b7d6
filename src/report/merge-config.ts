import { readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { defineConfig } from "@playwright/test";
import { MERGE_PLAN_ENV, type MergePlan } from "./merge-plan.ts";

/**
 * The Playwright config of `npx playwright merge-reports --config …` as `sessionprobe merge`
 * runs it: the census or the merge reporter, and nothing else of playwright.config.ts (no
 * targets file, no terminal reporter, no projects). testDir is the package's root, so the
 * shards' test paths are re-rooted here whatever folder each machine ran in.
 */
const planFile = process.env[MERGE_PLAN_ENV];
if (!planFile) throw new Error(`${MERGE_PLAN_ENV} is not set: this config is run by sessionprobe merge`);
const plan = JSON.parse(readFileSync(planFile, "utf8")) as MergePlan;

export default defineConfig({
  testDir: join(import.meta.dirname, "..", ".."),
  // .js where the package runs compiled (dist/).
  reporter: [[`./${plan.stage === "census" ? "merge-census" : "merge-reporter"}${extname(import.meta.filename)}`]],
});
