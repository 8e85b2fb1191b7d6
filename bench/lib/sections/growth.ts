import { join } from "node:path";
import { type Bench, BENCH_DIR, lastJson, NODE, ROOT } from "../context.ts";
import { runCommand } from "../proc.ts";
import type { SectionReport } from "../report.ts";
import { cell, MIB, median, SECONDS } from "../stats.ts";
import type { CollectionTiming } from "../timed-collection.ts";

export const GROWTH_SIZES = [100, 1000, 10_000] as const;
export type GrowthSize = (typeof GROWTH_SIZES)[number];

/** Per-scenario cost at 10,000 this much above the cost at 100 (or a marginal slope this much steeper) is "worse than linear". */
const PER_SCENARIO_TOLERANCE = 1.1;
const SLOPE_TOLERANCE = 1.25;

export interface GrowthSample {
  ok: boolean;
  size: GrowthSize;
  collectionMs: number;
  loaderImportMs: number;
  runMs: number;
  maxRssBytes: number;
  gcCollectionMs: number;
  gcRunMs: number;
  heapUsedBytes: number;
}

interface DirectOutput {
  collection: CollectionTiming;
  importMs: number;
  runMs: number;
  gcMs: { collection: number; run: number };
  maxRssKiB: number;
  heapUsedBytes: number;
  scenarios: number;
  passed: number;
}

/** One size in a fresh process (bench/engine-direct.ts): collection, then the run, then the process's peak RSS. */
export async function measureGrowth(bench: Bench, size: GrowthSize, suites: string): Promise<GrowthSample> {
  const result = await runCommand(NODE, ["--import", "tsx", join(BENCH_DIR, "engine-direct.ts"), suites], {
    cwd: ROOT,
    env: bench.env(`growth-${size}`),
  });
  const out = lastJson<DirectOutput>(result);
  let ok = bench.check(`growth ${size}: the engine without Playwright`, result);
  if (ok && (out?.passed !== size || out.collection.scenarios !== size)) {
    ok = false;
    bench.failures.push(`growth ${size}: expected ${size} collected and passed, got ${result.stdout.trim()}`);
  }
  return {
    ok,
    size,
    collectionMs: out?.collection.loadMs ?? Number.NaN,
    loaderImportMs: out?.collection.importMs ?? Number.NaN,
    runMs: out?.runMs ?? Number.NaN,
    maxRssBytes: (out?.maxRssKiB ?? Number.NaN) * 1024,
    gcCollectionMs: out?.gcMs.collection ?? Number.NaN,
    gcRunMs: out?.gcMs.run ?? Number.NaN,
    heapUsedBytes: out?.heapUsedBytes ?? Number.NaN,
  };
}

const count = (n: number) => n.toLocaleString("en-US");
const perScenarioMs = (ms: number) => (Number.isFinite(ms) ? `${ms.toFixed(3)} ms` : "n/a");
const signedKiB = (bytes: number) => (Number.isFinite(bytes) ? `${bytes >= 0 ? "+" : ""}${(bytes / 1024).toFixed(1)} KiB` : "n/a");
const percent = (share: number) => (Number.isFinite(share) ? `${(share * 100).toFixed(0)} %` : "n/a");

interface Figure {
  label: string;
  pick: (s: GrowthSample) => number;
}

const TIME_FIGURES: Figure[] = [
  { label: "collection", pick: (s) => s.collectionMs },
  { label: "run", pick: (s) => s.runMs },
];

/** The median of a figure at each size measured. */
function medians(samples: readonly GrowthSample[], pick: (s: GrowthSample) => number): Map<GrowthSize, number> {
  const at = new Map<GrowthSize, number>();
  for (const size of GROWTH_SIZES) {
    const values = samples.filter((s) => s.size === size).map(pick);
    if (values.length) at.set(size, median(values));
  }
  return at;
}

/** Cost per added scenario between two sizes. */
function slope(at: Map<GrowthSize, number>, from: GrowthSize, to: GrowthSize): number {
  return ((at.get(to) ?? Number.NaN) - (at.get(from) ?? Number.NaN)) / (to - from);
}

interface Linearity {
  label: string;
  /** Per-scenario cost at 10,000 ÷ at 100 (as issue 17 asks). */
  perScenario: number;
  /** Slope 1,000 → 10,000 ÷ slope 100 → 1,000: fixed costs cancel, so this is the sharper test. */
  slopes: number;
  worse: boolean;
}

function linearity(samples: readonly GrowthSample[], figure: Figure): Linearity {
  const at = medians(samples, figure.pick);
  const perScenario = (at.get(10_000) ?? Number.NaN) / 10_000 / ((at.get(100) ?? Number.NaN) / 100);
  const slopes = slope(at, 1000, 10_000) / slope(at, 100, 1000);
  return { label: figure.label, perScenario, slopes, worse: perScenario > PER_SCENARIO_TOLERANCE || slopes > SLOPE_TOLERANCE };
}

function sizeRow(samples: readonly GrowthSample[], size: GrowthSize): string {
  const of = samples.filter((s) => s.size === size);
  const col = of.map((s) => s.collectionMs);
  const run = of.map((s) => s.runMs);
  const gcShare = median(of.map((s) => s.gcRunMs / s.runMs));
  return `| ${count(size)} | ${of.length} | ${cell(col, SECONDS)} | ${perScenarioMs(median(col) / size)} | ${cell(run, SECONDS)} | ${perScenarioMs(median(run) / size)} | ${cell(
    of.map((s) => s.maxRssBytes),
    MIB,
  )} | ${percent(gcShare)} |`;
}

function slopeRow(samples: readonly GrowthSample[], from: GrowthSize, to: GrowthSize): string {
  const col = slope(
    medians(samples, (s) => s.collectionMs),
    from,
    to,
  );
  const run = slope(
    medians(samples, (s) => s.runMs),
    from,
    to,
  );
  const rss = slope(
    medians(samples, (s) => s.maxRssBytes),
    from,
    to,
  );
  return `| slope ${count(from)} → ${count(to)} (per added scenario) | | | ${perScenarioMs(col)} | | ${perScenarioMs(run)} | ${signedKiB(rss)} | |`;
}

/** The two tests of linearity, for the two times (the process's fixed RSS makes a per-scenario memory ratio meaningless; its slope is not). */
function linearityRows(samples: readonly GrowthSample[], checks: readonly Linearity[]): string[] {
  const rss = medians(samples, (s) => s.maxRssBytes);
  const rssSlopes = slope(rss, 1000, 10_000) / slope(rss, 100, 1000);
  const [col, run] = checks;
  return [
    `| per-scenario cost at 10,000 ÷ at 100 | | | ${col?.perScenario.toFixed(2)} | | ${run?.perScenario.toFixed(2)} | — | |`,
    `| slope 1,000 → 10,000 ÷ slope 100 → 1,000 | | | ${col?.slopes.toFixed(2)} | | ${run?.slopes.toFixed(2)} | ${rssSlopes.toFixed(2)} | |`,
  ];
}

function growthNote(samples: readonly GrowthSample[], checks: Linearity[]): string {
  const gcAt = (size: GrowthSize) => median(samples.filter((s) => s.size === size).map((s) => s.gcRunMs / s.runMs));
  const worse = checks.filter((c) => c.worse);
  const said = checks
    .map(
      (c) =>
        `${c.label}: per-scenario cost at 10,000 ÷ at 100 = ${c.perScenario.toFixed(2)}, slope 1,000 → 10,000 ÷ slope 100 → 1,000 = ${c.slopes.toFixed(2)}`,
    )
    .join("; ");
  const verdictText = worse.length
    ? `**Worse than linear** (${worse.map((c) => c.label).join(", ")}: a ratio above ${PER_SCENARIO_TOLERANCE} or ${SLOPE_TOLERANCE}). ` +
      `GC was ${percent(gcAt(100))} of the run at 100 scenarios, ${percent(gcAt(1000))} at 1,000, ${percent(gcAt(10_000))} at 10,000` +
      (gcAt(10_000) > 1.5 * gcAt(100)
        ? ": the growing share of GC (a larger heap — every loaded suite and every verdict stays alive to the end) accounts for at least part of it."
        : ": GC does not explain it.") +
      " The mock's session table and journal are not the cause here: every scenario starts on a freshly reset mock, so neither grows with the count (the session table's 10,000 LRU bound is never reached)."
    : `Growth is linear or better (no ratio above ${PER_SCENARIO_TOLERANCE} / ${SLOPE_TOLERANCE}): fixed costs (the process, JIT warm-up) are spread over more scenarios. ` +
      "Every scenario starts on a freshly reset mock, so the mock's session table and journal do not grow with the count.";
  return `${said}. ${verdictText}`;
}

export function reportGrowth(samples: readonly GrowthSample[]): SectionReport {
  const sizes = GROWTH_SIZES.filter((size) => samples.some((s) => s.size === size));
  const failed = samples.some((s) => !s.ok);
  const rows = sizes.map((size) => sizeRow(samples, size));
  const complete = sizes.length === GROWTH_SIZES.length;
  if (sizes.includes(100) && sizes.includes(1000)) rows.push(slopeRow(samples, 100, 1000));
  if (sizes.includes(1000) && sizes.includes(10_000)) rows.push(slopeRow(samples, 1000, 10_000));
  const checks = complete ? TIME_FIGURES.map((f) => linearity(samples, f)) : [];
  if (complete) rows.push(...linearityRows(samples, checks));
  const table = [
    "**Growth (G)**: generated suites of login → use → logout scenarios (10 to a file), each size in a fresh process (`bench/engine-direct.ts`): collection, then **the engine in one process, without Playwright** (src/in-process/run-suites.ts against one in-process controlm mock, no sockets), then that process's peak memory. N: rounds of that size.",
    "",
    "| G: scenarios | N | collection (`loadSuiteFiles`) | per scenario | run: the engine in one process, without Playwright | per scenario | peak memory: the process's max RSS | GC share of the run |",
    "|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `${failed ? "Some growth runs FAILED (see errors). " : ""}${complete ? growthNote(samples, checks) : "Not every size was measured: no slope."}`,
  ].join("\n");
  return { rows: [], details: [], extraTable: table };
}

/** The 100-scenario size is the same suite as row 2's: its figures, for row 2's breakdown. */
export function engineAloneText(samples: readonly GrowthSample[], scenarios: number): string | undefined {
  const of = samples.filter((s) => s.size === scenarios);
  if (!of.length) return undefined;
  const run = median(of.map((s) => s.runMs));
  return (
    `The engine alone (growth row ${scenarios}: src/in-process/run-suites.ts, no Playwright, one scenario after another, its control-plane calls included) runs the same ${scenarios} scenarios in ${cell(
      of.map((s) => s.runMs),
      SECONDS,
    )} ` +
    `(${(run / scenarios).toFixed(1)} ms each), after ${cell(
      of.map((s) => s.loaderImportMs),
      SECONDS,
    )} importing the loader and ${cell(
      of.map((s) => s.collectionMs),
      SECONDS,
    )} loading the YAML.`
  );
}
