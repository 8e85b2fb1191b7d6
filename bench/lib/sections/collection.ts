import { join } from "node:path";
import { type Bench, BENCH_DIR, lastJson, NODE, ROOT } from "../context.ts";
import { runCommand } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, median, SECONDS } from "../stats.ts";
import type { CollectionTiming } from "../timed-collection.ts";

const GOAL_MS = 1000;

export interface CollectionSample {
  ok: boolean;
  importMs: number;
  loadMs: number;
  wallMs: number;
}

/** bench/collect.ts in a fresh process over the row-5 files. */
export async function measureCollection(bench: Bench, dir: string, files: number): Promise<CollectionSample> {
  const result = await runCommand(NODE, ["--import", "tsx", join(BENCH_DIR, "collect.ts"), dir], {
    cwd: ROOT,
    env: bench.env("collection"),
  });
  const parsed = lastJson<CollectionTiming>(result);
  const ok = bench.check("collection", result) && parsed?.suites === files && parsed.problems === 0;
  if (result.code === 0 && !ok) bench.failures.push(`collection: expected ${files} suites and no problems, got ${result.stdout.trim()}`);
  return { ok, importMs: parsed?.importMs ?? Number.NaN, loadMs: parsed?.loadMs ?? Number.NaN, wallMs: result.wallMs };
}

export function reportCollection(c: readonly CollectionSample[], files: number): SectionReport {
  const ok = c.length > 0 && c.every((s) => s.ok);
  const load = c.map((s) => s.loadMs);
  return {
    rows: [
      {
        n: "5",
        what: `Collection: \`loadSuiteFiles\` over ${files.toLocaleString("en-US")} generated files (4 steps each: schema, headers, body, capture), fresh process`,
        runs: String(c.length),
        sessionprobe: cell(load, SECONDS),
        baseline: "—",
        ratio: "—",
        goal: `≤ ${GOAL_MS / 1000} s`,
        verdict: verdict(ok, median(load) <= GOAL_MS),
      },
    ],
    details: [
      `**5. Collection**: importing the loader before it (tsx, cold modules) ${cell(
        c.map((s) => s.importMs),
        SECONDS,
      )}; whole process ${cell(
        c.map((s) => s.wallMs),
        SECONDS,
      )}.`,
    ],
  };
}
