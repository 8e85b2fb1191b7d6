import { isAbsolute, join } from "node:path";
import { defineConfig, type Project, type ReporterDescription } from "@playwright/test";
import production from "../playwright.config.ts";

/**
 * The benchmark's Playwright config: the production config (settings, workers,
 * reporters, run id) with other projects, whose scenarios come from BENCH_SUITES
 * (generated YAML) instead of suites/.
 * Without SESSIONPROBE_TARGETS: project "sessionprobe" (the generated scenarios
 * through fixtures/conformance.ts, one in-process controlm mock per worker) and
 * project "bare" (the same requests as plain fetch calls, same kind of mock).
 * With it: one project per target, as `sessionprobe run` expects.
 */
if (!process.env.SESSIONPROBE_REPORTS)
  throw new Error("set SESSIONPROBE_REPORTS to a temporary directory: bench runs never write to reports/");

const ROOT = join(import.meta.dirname, "..");
const scenarios = "specs/scenarios.spec.ts";
const targetsFile = process.env.SESSIONPROBE_TARGETS;

// The targets as the run checked them (src/targets/handed.ts): a worker takes their names from its runner.
const projects: Project[] = targetsFile
  ? (await (await import("../src/targets/handed.ts")).targetsOfRun(targetsFile)).targets.map((t) => ({
      name: t.name,
      testMatch: scenarios,
      use: { targetName: t.name },
    }))
  : [
      { name: "sessionprobe", testMatch: scenarios, use: { targetName: "controlm" } },
      { name: "bare", testMatch: "specs/bare.spec.ts" },
    ];

// Reporter modules given as relative paths are resolved against the config's directory: make them absolute.
const reporter = Array.isArray(production.reporter)
  ? production.reporter.map(
      ([name, options]): ReporterDescription => [name.startsWith(".") && !isAbsolute(name) ? join(ROOT, name) : name, options],
    )
  : production.reporter;

export default defineConfig({ ...production, ...(reporter ? { reporter } : {}), testDir: ".", projects });
