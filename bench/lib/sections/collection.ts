import { join } from "node:path";
import { type Bench, BENCH_DIR, lastJson, NODE, ROOT } from "../context.ts";
import { runCommand } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, median, SECONDS } from "../stats.ts";
import type { CollectionTiming, RunCollectionTiming } from "../timed-collection.ts";

const GOAL_MS = 1000;

export interface CollectionSample {
  ok: boolean;
  importMs: number;
  loadMs: number;
  wallMs: number;
  /** collectSuites (a run's collection) in a fresh process with an empty cache, then in another with the cache it filled. */
  runColdMs: number;
  runWarmMs: number;
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
  const cache = bench.dir("collection-cache");
  const runCollection = async (expectParsed: number) => {
    const r = await runCommand(NODE, ["--import", "tsx", join(BENCH_DIR, "collect.ts"), "--run", dir], {
      cwd: ROOT,
      env: bench.env("collection-run", { SESSIONPROBE_CACHE_DIR: cache }),
    });
    const t = lastJson<RunCollectionTiming>(r);
    const fine = bench.check("collection through the cache", r) && t?.suites === files && t.parsed === expectParsed;
    if (r.code === 0 && !fine)
      bench.failures.push(`collection through the cache: expected ${files} suites, ${expectParsed} parsed, got ${r.stdout.trim()}`);
    return { fine, ms: t?.collectMs ?? Number.NaN };
  };
  const cold = await runCollection(files);
  const warm = await runCollection(0);
  return {
    ok: ok && cold.fine && warm.fine,
    importMs: parsed?.importMs ?? Number.NaN,
    loadMs: parsed?.loadMs ?? Number.NaN,
    wallMs: result.wallMs,
    runColdMs: cold.ms,
    runWarmMs: warm.ms,
  };
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
      {
        n: "5",
        what: `… the same files as a run collects them (\`collectSuites\` in the runner), unchanged since the last run: read back from the loaded-file cache, fresh process`,
        runs: String(c.length),
        sessionprobe: cell(
          c.map((s) => s.runWarmMs),
          SECONDS,
        ),
        baseline: `first run, empty cache ${cell(
          c.map((s) => s.runColdMs),
          SECONDS,
        )}`,
        ratio: "—",
        goal: `≤ ${GOAL_MS / 1000} s`,
        verdict: verdict(ok, median(c.map((s) => s.runWarmMs)) <= GOAL_MS),
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
