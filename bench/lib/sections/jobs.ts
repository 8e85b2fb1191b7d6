import { join } from "node:path";
import { type Bench, NODE, ROOT, SESSIONPROBE_CLI, strip } from "../context.ts";
import { runCommand } from "../proc.ts";
import { type Row, type SectionReport, verdict } from "../report.ts";
import { cell, MIB, SECONDS, seconds } from "../stats.ts";

/**
 * The long jobs beside the conformance run, tracked from their first day: model-based exploration
 * per vendor on the mock's virtual clock, and mutation testing (full, then incremental with nothing
 * changed). No goal yet: the rows are their cost today, for the next change to be measured against.
 */
/** No goal yet: a run that worked is tracked, one that did not is a failure. */
const tracked = (ok: boolean) => (ok ? "tracked" : verdict(false, false));

export const EXPLORE_VENDORS = ["controlm", "hmc", "vmanage", "openam"] as const;
/** 25 sequences a vendor: under load HMC took 130 s for them (≈ 240 ms a step), so the rows are opt-in. */
export const EXPLORE = { runs: 25, seed: 20261207 };

export interface ExploreSample {
  ok: boolean;
  vendor: string;
  wallMs: number;
  steps: number;
  peakTreeRss: number;
}

/** `sessionprobe explore --mock <vendor>`: one process, the mock in it on its virtual clock. */
export async function measureExplore(bench: Bench, vendor: string): Promise<ExploreSample> {
  const out = bench.dir(`explore-${vendor}`);
  const result = await runCommand(
    NODE,
    [
      SESSIONPROBE_CLI,
      "explore",
      "--mock",
      vendor,
      "--runs",
      String(EXPLORE.runs),
      "--seed",
      String(EXPLORE.seed),
      "--out",
      join(out, "found"),
    ],
    { cwd: ROOT, env: bench.env(`explore-${vendor}`), sampleEveryMs: 100 },
  );
  const ok = bench.check(`explore --mock ${vendor}`, result, /every answer was one the model allows/);
  const steps = Number(/(\d+) step\(s\)/.exec(strip(result.stdout))?.[1] ?? Number.NaN);
  return { ok, vendor, wallMs: result.wallMs, steps, peakTreeRss: result.peakTreeRss ?? Number.NaN };
}

export function reportExplore(samples: readonly ExploreSample[]): SectionReport {
  const rows: Row[] = EXPLORE_VENDORS.filter((v) => samples.some((s) => s.vendor === v)).map((vendor) => {
    const own = samples.filter((s) => s.vendor === vendor);
    return {
      n: "10",
      what: `Exploration: \`sessionprobe explore --mock ${vendor} --runs ${EXPLORE.runs} --seed ${EXPLORE.seed}\` (one process, the mock on its virtual clock): wall time`,
      runs: String(own.length),
      sessionprobe: cell(
        own.map((s) => s.wallMs),
        SECONDS,
      ),
      baseline: `${cell(
        own.map((s) => s.steps),
        { digits: (n) => n.toFixed(0), suffix: " steps" },
      )}, peak ${cell(
        own.map((s) => s.peakTreeRss),
        MIB,
      )}`,
      ratio: "—",
      goal: "— (tracked)",
      verdict: tracked(own.every((s) => s.ok)),
    };
  });
  const perStep = samples.map((s) => `${s.vendor} ${(s.wallMs / s.steps).toFixed(1)} ms a step (process start included)`);
  return { rows, details: [`**10. Exploration**: ${perStep.join(", ")}.`] };
}

export interface MutationSample {
  ok: boolean;
  kind: "full" | "incremental";
  wallMs: number;
  scoreLine: string;
}

/**
 * `npm run mutation` as a user runs it (its reports and incremental file in reports/mutation, the
 * part's own folder with BENCH_MUTATION_VENDOR): `-- --full` first, then again with nothing changed,
 * which Stryker's incremental file answers from the full run. Far too slow for the default bench.
 */
export async function measureMutation(bench: Bench, vendor: string | undefined): Promise<MutationSample[]> {
  const samples: MutationSample[] = [];
  for (const kind of ["full", "incremental"] as const) {
    const result = await runCommand("npm", ["run", "mutation", ...(kind === "full" ? ["--", "--full"] : [])], {
      cwd: ROOT,
      env: bench.env(`mutation-${kind}`, vendor ? { SESSIONPROBE_MUTATION_VENDOR: vendor } : {}),
    });
    // Exit 1 is a score under the goal: a finding, not a failed measurement.
    const ok = result.code === 0 || result.code === 1;
    if (!ok) bench.check(`npm run mutation (${kind})`, result);
    const scoreLine = /mutation score: [^\n]*/.exec(strip(result.stdout))?.[0] ?? "no score printed";
    samples.push({ ok, kind, wallMs: result.wallMs, scoreLine });
  }
  return samples;
}

export function reportMutation(samples: readonly MutationSample[], vendor: string | undefined): SectionReport {
  const part = vendor ? ` (SESSIONPROBE_MUTATION_VENDOR=${vendor})` : " (every vendor and the session table)";
  const rows: Row[] = (["full", "incremental"] as const).flatMap((kind) => {
    const own = samples.filter((s) => s.kind === kind);
    if (!own.length) return [];
    return [
      {
        n: "11",
        what:
          kind === "full"
            ? `Mutation: \`npm run mutation -- --full\`${part}: wall time`
            : `… \`npm run mutation\` right after, nothing changed (incremental: every result from the full run's file)`,
        runs: String(own.length),
        sessionprobe: cell(
          own.map((s) => s.wallMs),
          SECONDS,
        ),
        baseline: "—",
        ratio: "—",
        goal: "— (tracked)",
        verdict: tracked(own.every((s) => s.ok)),
      },
    ];
  });
  return {
    rows,
    details: [`**11. Mutation**${part}: ${samples.map((s) => `${s.kind} ${seconds(s.wallMs)}, ${s.scoreLine}`).join("; ")}.`],
  };
}
