/**
 * `npm run bench`: how fast sessionprobe is, measured on this machine, every
 * comparison measured in the same run (each round runs both sides back to back,
 * alternating which goes first). Prints a table (median, then min–max, of N rounds)
 * and writes it to bench/RESULTS.md, keeping the hand-written analysis below the marker.
 *
 *   BENCH_RUNS=N        rounds of every section and every size, no cuts (default: the plan below)
 *   BENCH_BUDGET_S=S    emergency guard, off by default: a section that would end past S seconds
 *                       (by its cost in an earlier round) is left out, loudly, and listed as cut
 *   BENCH_KEEP=1        keep the temporary directory (generated suites, reports)
 *   BENCH_ONLY=a,b      only some sections: throughput, collection, growth, conformance, expiry,
 *                       engine, peer, nightly; harness-import and per-test-overhead (rows 7 and 8)
 *                       are figures of the engine section's runs and run it. Opt-in, never in the
 *                       default: nightly-vendors (row 9 for each vendor alone, ≈ 30 s a vendor),
 *                       nightly-checkout (row 9 run from this checkout on this machine's Node),
 *                       explore (row 10: ≈ 20–130 s a vendor) and mutation (row 11, `npm run
 *                       mutation` full then incremental: many minutes).
 *   BENCH_NIGHTLY_NODE  the Node row 9 runs the installed package on (default 24: the newest 24)
 *                       bench/RESULTS.md is then not rewritten.
 *   BENCH_NIGHTLY_IDLE, BENCH_NIGHTLY_LIFETIME   row 9's servers' timeouts (default 4s and 10s)
 *   BENCH_MUTATION_VENDOR=<vendor|core>          row 11 for one part (SESSIONPROBE_MUTATION_VENDOR)
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { type Bench, BENCH_DIR, createBench, load1, NODE, SESSIONPROBE_CLI, ROOT } from "./lib/context.ts";
import { writeCollectionSuites, writeExpirySuite, writeSimpleSuites, writeStepciWorkflow, writeTargets } from "./lib/generate.ts";
import { type Server, startServer } from "./lib/proc.ts";
import { cpuMark, othersCpu } from "./lib/cpu-share.ts";
import { machine, renderTable, type SectionReport } from "./lib/report.ts";
import { type CollectionSample, measureCollection, reportCollection } from "./lib/sections/collection.ts";
import { type ConformanceSample, measureConformance, reportConformance } from "./lib/sections/conformance.ts";
import { type EngineSample, measureEngine, reportEngine } from "./lib/sections/engine.ts";
import { type ExpiryRun, type ExpirySetup, measureExpiry, reportExpiry } from "./lib/sections/expiry.ts";
import { engineAloneText, GROWTH_SIZES, type GrowthSample, type GrowthSize, measureGrowth, reportGrowth } from "./lib/sections/growth.ts";
import { type NightlyServer, startNightlyServers, writeNightlyTargets } from "./lib/nightly-world.ts";
import {
  EXPLORE_VENDORS,
  type ExploreSample,
  measureExplore,
  measureMutation,
  type MutationSample,
  reportExplore,
  reportMutation,
} from "./lib/sections/jobs.ts";
import {
  CHECKOUT,
  installedRunner,
  measureNightly,
  type NightlyRunner,
  type NightlySample,
  reportNightly,
} from "./lib/sections/nightly.ts";
import { measurePeer, type PeerSample, reportPeer } from "./lib/sections/peer.ts";
import {
  type ColdThroughput,
  measureThroughputRound,
  reportThroughput,
  type ThroughputSample,
  warmUpThroughput,
} from "./lib/sections/throughput.ts";
import { ratio, seconds } from "./lib/stats.ts";

const RESULTS = join(BENCH_DIR, "RESULTS.md");
const CORES = availableParallelism();
const signed = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(1)}`;
const percent = (share: number) => (Number.isFinite(share) ? `${Math.round(share * 100)} %` : "n/a");
const ANALYSIS_MARKER = "<!-- analysis: everything below this line is kept when the bench rewrites this file -->";

/** In the order a round runs them. */
const SECTIONS = [
  "throughput",
  "collection",
  "growth",
  "conformance",
  "expiry",
  "engine",
  "peer",
  "nightly",
  "nightly-vendors",
  "nightly-checkout",
  "explore",
  "mutation",
] as const;
type Section = (typeof SECTIONS)[number];
/** Sections only BENCH_ONLY runs: too slow for the default's 3 minutes. */
const OPT_IN: ReadonlySet<Section> = new Set(["nightly-vendors", "nightly-checkout", "explore", "mutation"]);
/** BENCH_ONLY names of rows that are figures of another section's runs. */
const ALIASES: Record<string, Section> = { "harness-import": "engine", "per-test-overhead": "engine" };

const SCENARIOS = 100;
const COLLECTION_FILES = 1000;
const WORKERS = 2;
const EXPIRY: ExpirySetup = { parallel: 10, generations: 3, tMs: 3000, marginMs: 250 };
/** Row 9's servers: short timeouts with a nightly's shape (lifetime ≈ 2.5 × idle, as 20 s / 45 s and AM's 30 / 120 min are). */
const NIGHTLY = { idle: process.env.BENCH_NIGHTLY_IDLE ?? "4s", lifetime: process.env.BENCH_NIGHTLY_LIFETIME ?? "10s" };

const ROUNDS = 3;
const BENCH_GOAL_MS = 180_000;
/**
 * The default plan's cuts: what runs fewer than ROUNDS rounds, and why (printed as **Cut** in
 * RESULTS.md with the measured cost of one round): the one-off 10,000-scenario run, and the
 * third round of the two comparisons furthest from their goals, where a third sample cannot
 * move the verdict. Three rounds of everything took 271 s on this machine with nothing else
 * running (2 Dec 2026, a day it ran ≈ 2× slower than on 23 Nov), the plan below 205 s: both
 * over the 3-minute goal. BENCH_RUNS replaces the whole plan.
 */
const PLANNED_CUTS: Record<string, { section: Section; rounds: number; why: string }> = {
  "growth 10000": {
    section: "growth",
    rounds: 1,
    why: "a run of 10,000 scenarios takes ≈ 19 s unloaded (most of it the run itself, ≈ 1.3 ms a scenario): three would be a third of the budget",
  },
  conformance: {
    section: "conformance",
    rounds: 2,
    why: "a round costs ≈ 10–14 s unloaded, the dearest after the one-off runs, and today its figures are ≈ 2× (time) and ≈ 1.5× (memory) their goals: a third sample cannot change a verdict",
  },
  peer: {
    section: "peer",
    rounds: 2,
    why: "a round costs ≈ 10–11 s unloaded, and today its ratio is ≈ 2 against ≤ 1.2: a third sample cannot change the verdict",
  },
};

const RUNS_OVERRIDE = process.env.BENCH_RUNS ? Math.max(1, Number(process.env.BENCH_RUNS)) : undefined;
const rounds = RUNS_OVERRIDE ?? ROUNDS;
/** Rounds of a section (or a growth size, "growth 10000"). */
const roundsOf = (name: string) => RUNS_OVERRIDE ?? PLANNED_CUTS[name]?.rounds ?? ROUNDS;
const expirySetup: ExpirySetup = { ...EXPIRY, generations: RUNS_OVERRIDE ?? EXPIRY.generations };
const BUDGET_MS = process.env.BENCH_BUDGET_S ? Number(process.env.BENCH_BUDGET_S) * 1000 : undefined;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => ALIASES[s.trim()] ?? s.trim())) : undefined;
const wanted = (section: Section) => (ONLY ? ONLY.has(section) : !OPT_IN.has(section));

interface Samples {
  throughput: ThroughputSample[];
  collection: CollectionSample[];
  growth: GrowthSample[];
  conformance: ConformanceSample[];
  expiry: ExpiryRun[];
  engine: EngineSample[];
  peer: PeerSample[];
  nightly: NightlySample[];
  explore: ExploreSample[];
  mutation: MutationSample[];
}

interface Inputs {
  simple: string;
  collection: string;
  growth: Map<GrowthSize, string>;
  expiry: string;
  workflow: string;
}

/** The generated inputs, written before anything is timed. */
function writeInputs(bench: Bench): Inputs {
  const simple = writeSimpleSuites(join(bench.tmp, "suites-simple"), SCENARIOS);
  const growth = new Map<GrowthSize, string>();
  if (wanted("growth"))
    // The 100 size is row 2's suite itself, so its figures are row 2's "engine alone".
    for (const size of GROWTH_SIZES)
      growth.set(size, size === SCENARIOS ? simple : writeSimpleSuites(join(bench.tmp, `suites-growth-${size}`), size));
  return {
    simple,
    collection: wanted("collection") ? writeCollectionSuites(join(bench.tmp, "suites-collection"), COLLECTION_FILES) : "",
    growth,
    expiry: writeExpirySuite(join(bench.tmp, "suites-expiry"), expirySetup.parallel * expirySetup.generations),
    workflow: writeStepciWorkflow(join(bench.tmp, "stepci-workflow.yml"), SCENARIOS),
  };
}

interface Servers {
  peer?: Server;
  throughputMock?: Server;
  bare?: Server;
  expiry?: Server;
  nightly: NightlyServer[];
  all: Server[];
}

/** The standalone servers, started together (their start-up is not measured) and stopped at the end. */
async function startServers(bench: Bench): Promise<Servers> {
  const serve = (args: string[]) =>
    startServer(NODE, args, { cwd: ROOT, env: bench.env("server"), readyPattern: /listening on (https?:\/\/\S+)/ });
  const none = Promise.resolve(undefined);
  const [peer, throughputMock, bare, expiry, nightly] = await Promise.all([
    wanted("peer") ? serve([SESSIONPROBE_CLI, "mock", "controlm"]) : none,
    wanted("throughput") ? serve([SESSIONPROBE_CLI, "mock", "controlm"]) : none,
    wanted("throughput") ? serve(["--import", "tsx", join(BENCH_DIR, "bare-server.ts")]) : none,
    wanted("expiry") ? serve([SESSIONPROBE_CLI, "mock", "controlm", "--idle", `${EXPIRY.tMs / 1000}s`]) : none,
    wanted("nightly") || wanted("nightly-vendors") || wanted("nightly-checkout")
      ? startNightlyServers(bench, NIGHTLY)
      : Promise.resolve([]),
  ]);
  const all = [peer, throughputMock, bare, expiry, ...nightly.map((n) => n.server)].filter((s): s is Server => s !== undefined);
  return {
    ...(peer && { peer }),
    ...(throughputMock && { throughputMock }),
    ...(bare && { bare }),
    ...(expiry && { expiry }),
    nightly,
    all,
  };
}

/**
 * Runs one section of one round, unless the plan gives it fewer rounds; logs the load before
 * it and other work's share of the cores during it; the emergency guard (BENCH_BUDGET_S) may
 * leave it out. Remembers what each round of each section cost.
 */
function sectionRunner(bench: Bench, cuts: string[], servers: Servers) {
  const pids = servers.all.map((s) => s.pid);
  const costs = new Map<string, number[]>();
  const run = async (round: number, name: string, body: () => Promise<void>) => {
    if (round >= roundsOf(name)) return;
    const spent = costs.get(name) ?? [];
    const estimate = Math.max(0, ...spent);
    if (BUDGET_MS !== undefined && round > 0 && bench.elapsed() + estimate > BUDGET_MS) {
      const cut = `${name} in round ${round + 1} (emergency guard: ≈ ${seconds(estimate)} more would pass BENCH_BUDGET_S=${BUDGET_MS / 1000})`;
      cuts.push(cut);
      bench.log(`!!! LEFT OUT: ${cut}`);
      return;
    }
    bench.log(`${name}, round ${round + 1}: load average (1 min) ${load1()}`);
    const started = performance.now();
    const mark = cpuMark(pids);
    await body();
    const others = othersCpu(mark, cpuMark(pids), CORES);
    const tookMs = performance.now() - started;
    bench.log(`  (${seconds(tookMs)}; other work on the machine meanwhile: ${percent(others.share)} of the ${CORES} cores)`);
    costs.set(name, [...spent, tookMs]);
  };
  /** The mean cost of a round of `name` in this run, if it ran. */
  const roundCost = (name: string) => {
    const spent = costs.get(name);
    return spent?.length ? spent.reduce((a, b) => a + b, 0) / spent.length : undefined;
  };
  return { run, roundCost };
}

async function measureAll(
  bench: Bench,
  inputs: Inputs,
  servers: Servers,
  samples: Samples,
  cuts: string[],
): Promise<{ cold: ColdThroughput | undefined; roundMs: number[]; roundCost: (name: string) => number | undefined }> {
  const { log } = bench;
  const { run: section, roundCost } = sectionRunner(bench, cuts, servers);
  const peerTargets = servers.peer
    ? writeTargets(join(bench.tmp, "targets-peer.yaml"), { name: "bench-peer", baseUrl: servers.peer.url })
    : "";
  const expiryTargets = servers.expiry
    ? writeTargets(join(bench.tmp, "targets-expiry.yaml"), {
        name: "bench-expiry",
        baseUrl: servers.expiry.url,
        idleTimeout: `${EXPIRY.tMs / 1000}s`,
        expiryMargin: `${EXPIRY.marginMs}ms`,
        expiry: "wait",
      })
    : "";
  let cold: ColdThroughput | undefined;
  if (servers.throughputMock && servers.bare) {
    log(`throughput warm-up: load average (1 min) ${load1()}`);
    cold = await warmUpThroughput(servers.throughputMock, servers.bare);
    log(
      `  4 throughput, first second on fresh servers: mock ${cold.mock.cyclesPerSecond.toFixed(0)}/s, bare ${cold.bare.cyclesPerSecond.toFixed(0)}/s`,
    );
  }
  const roundMs: number[] = [];
  for (let round = 0; round < rounds; round++) {
    log(`round ${round + 1} of ${rounds}`);
    const roundStarted = performance.now();
    const { throughputMock, bare, peer, expiry } = servers;
    if (throughputMock && bare)
      await section(round, "throughput", async () => {
        const s = await measureThroughputRound(round, throughputMock, bare, bench.failures);
        samples.throughput.push(s);
        log(
          `  4 throughput: mock ${s.mock.cyclesPerSecond.toFixed(0)}/s, bare ${s.bare.cyclesPerSecond.toFixed(0)}/s (ratio ${ratio(s.mock.cyclesPerSecond / s.bare.cyclesPerSecond)})`,
        );
      });
    if (wanted("collection"))
      await section(round, "collection", async () => {
        const s = await measureCollection(bench, inputs.collection, COLLECTION_FILES);
        samples.collection.push(s);
        log(`  5 collection: loadSuiteFiles ${seconds(s.loadMs)} (+ import ${seconds(s.importMs)})`);
      });
    // Alternate the order of the sizes, so that no size always runs right after the same thing.
    const sizes = round % 2 ? [...GROWTH_SIZES].reverse() : [...GROWTH_SIZES];
    for (const size of sizes) {
      const dir = inputs.growth.get(size);
      if (!dir) continue;
      await section(round, `growth ${size}`, async () => {
        const s = await measureGrowth(bench, size, dir);
        samples.growth.push(s);
        log(
          `  G ${size}: collection ${seconds(s.collectionMs)}, run ${seconds(s.runMs)}, max RSS ${Math.round(s.maxRssBytes / 2 ** 20)} MiB`,
        );
      });
    }
    if (wanted("conformance"))
      await section(round, "conformance", async () => {
        const s = await measureConformance(bench);
        samples.conformance.push(s);
        log(`  1 conformance: ${seconds(s.wallMs)}, peak RSS ${Math.round(s.treeRss / 2 ** 20)} MiB (tree)`);
      });
    // One run holds every sample of row 6 (its generations): it runs in the first round.
    if (expiry && round === 0)
      await section(round, "expiry", async () => {
        const s = await measureExpiry(bench, inputs.expiry, expiryTargets, expiry, expirySetup);
        samples.expiry.push(s);
        const windows = s.generations.map((g) => `${seconds(g.windowMs)} (÷ T ${ratio(g.windowMs / EXPIRY.tMs)})`).join(", ");
        log(`  6 expiry: waiting part by generation ${windows}; whole run ${seconds(s.wallMs)}`);
      });
    if (wanted("engine"))
      await section(round, "engine", async () => {
        const s = await measureEngine(bench, round, inputs.simple, SCENARIOS, WORKERS);
        samples.engine.push(s);
        const harness = s.workers.map((w) => `${(w.phases.harness ?? Number.NaN).toFixed(0)} ms`).join(", ");
        log(
          `  2 engine: sessionprobe ${seconds(s.sessionprobe.wallMs)}, bare ${seconds(s.bare.wallMs)} (ratio ${ratio(s.sessionprobe.wallMs / s.bare.wallMs)}); 7 harness import ${harness}; 8 per test ${signed(s.sessionprobe.meanTestMs - s.bare.meanTestMs)} ms`,
        );
      });
    if (peer)
      await section(round, "peer", async () => {
        const s = await measurePeer(bench, round, {
          suites: inputs.simple,
          targets: peerTargets,
          workflow: inputs.workflow,
          mockUrl: peer.url,
          scenarios: SCENARIOS,
          workers: WORKERS,
        });
        samples.peer.push(s);
        log(
          `  3 peer: sessionprobe ${seconds(s.sessionprobe.wallMs)}, Step CI ${seconds(s.stepci.wallMs)} (ratio ${ratio(s.sessionprobe.wallMs / s.stepci.wallMs)})`,
        );
      });
    // Rows 9–11 are one run each, in the first round: a nightly run is tens of seconds, the jobs longer.
    if (round === 0 && servers.nightly.length) {
      const targets = writeNightlyTargets(join(bench.tmp, "targets-nightly.yaml"), servers.nightly, NIGHTLY);
      // The package as teams install and run it (installed once, the setup not measured), and on request this checkout.
      let installed: NightlyRunner | undefined;
      const asInstalled = () => (installed ??= installedRunner(bench));
      const plans: { name: Section; which: NightlyServer | "all"; runner: () => NightlyRunner }[] = [
        ...(wanted("nightly-vendors")
          ? servers.nightly.map((which) => ({ name: "nightly-vendors" as const, which, runner: asInstalled }))
          : []),
        ...(wanted("nightly") ? [{ name: "nightly" as const, which: "all" as const, runner: asInstalled }] : []),
        ...(wanted("nightly-checkout") ? [{ name: "nightly-checkout" as const, which: "all" as const, runner: () => CHECKOUT }] : []),
      ];
      const measured = async (plan: (typeof plans)[number], after?: NightlySample) => {
        const s = await measureNightly(bench, targets, plan.which, plan.runner(), after);
        samples.nightly.push(s);
        log(
          `  9 nightly ${s.which} (${s.how}, ${s.run}): wall ${seconds(s.wallMs)}, critical path ${seconds(s.criticalMs)} (ratio ${ratio(s.wallMs / s.criticalMs)}), window ${seconds(s.windowMs)}, ${s.workers} workers`,
        );
        return s;
      };
      // Each twice: a first run, then the next night's, which sizes its workers with what the first learned.
      for (const plan of plans)
        await section(round, plan.name, async () => {
          await measured(plan, await measured(plan));
        });
    }
    if (round === 0 && wanted("explore"))
      for (const vendor of EXPLORE_VENDORS)
        await section(round, "explore", async () => {
          const s = await measureExplore(bench, vendor);
          samples.explore.push(s);
          log(`  10 explore ${vendor}: ${seconds(s.wallMs)}, ${s.steps} steps`);
        });
    if (round === 0 && wanted("mutation"))
      await section(round, "mutation", async () => {
        const s = await measureMutation(bench, process.env.BENCH_MUTATION_VENDOR);
        samples.mutation.push(...s);
        log(`  11 mutation: ${s.map((m) => `${m.kind} ${seconds(m.wallMs)}`).join(", ")}`);
      });
    roundMs.push(performance.now() - roundStarted);
  }
  return { cold, roundMs, roundCost };
}

/** What the plan leaves out of "3 rounds of everything", and why, with what one round cost in this run. */
function plannedCuts(roundCost: (name: string) => number | undefined = () => undefined): string[] {
  if (RUNS_OVERRIDE !== undefined) return [];
  return Object.entries(PLANNED_CUTS)
    .filter(([, cut]) => wanted(cut.section))
    .map(([name, cut]) => {
      const cost = roundCost(name);
      const label = name.replace("growth 10000", "growth 10,000");
      return `${label}: ${roundsText(cut.rounds)} of ${ROUNDS}${cost === undefined ? "" : ` (a round took ${seconds(cost)} here)`}, because ${cut.why}`;
    });
}

function sectionReports(samples: Samples, cold: ColdThroughput | undefined, cores: string): SectionReport[] {
  const reports: SectionReport[] = [];
  if (samples.conformance.length) reports.push(reportConformance(samples.conformance));
  if (samples.engine.length) {
    const alone = engineAloneText(samples.growth, SCENARIOS);
    reports.push(reportEngine(samples.engine, { scenarios: SCENARIOS, workers: WORKERS, ...(alone ? { engineAlone: alone } : {}) }));
  }
  if (samples.peer.length) reports.push(reportPeer(samples.peer, { scenarios: SCENARIOS, workers: WORKERS }));
  if (samples.throughput.length) reports.push(reportThroughput(samples.throughput, cold, cores));
  if (samples.collection.length) reports.push(reportCollection(samples.collection, COLLECTION_FILES));
  if (samples.expiry.length) reports.push(reportExpiry(samples.expiry, expirySetup, cores));
  if (samples.growth.length) reports.push(reportGrowth(samples.growth));
  if (samples.nightly.length) reports.push(reportNightly(samples.nightly, NIGHTLY, "the default worker count (sized to the waits)"));
  if (samples.explore.length) reports.push(reportExplore(samples.explore));
  if (samples.mutation.length) reports.push(reportMutation(samples.mutation, process.env.BENCH_MUTATION_VENDOR));
  return reports;
}

function writeResults(report: string, bench: Bench): void {
  const previous = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "";
  const at = previous.indexOf(ANALYSIS_MARKER);
  const analysis = at >= 0 ? previous.slice(at + ANALYSIS_MARKER.length) : "\n\n## Where the time goes\n\n(no analysis yet)\n";
  writeFileSync(RESULTS, `${report}\n${ANALYSIS_MARKER}${analysis}`);
  bench.log(`wrote ${RESULTS}`);
}

interface Timing {
  before: ReturnType<typeof machine>;
  after: ReturnType<typeof machine>;
  others: { coreSeconds: number; share: number };
  roundMs: number[];
  cuts: string[];
}

function renderHeader(bench: Bench, t: Timing): string {
  const { before, after, others } = t;
  const totalMs = bench.elapsed();
  const perRound = t.roundMs.map((ms, i) => `round ${i + 1} ${seconds(ms)}`).join(", ");
  const overGoal =
    totalMs > BENCH_GOAL_MS
      ? ` Over the goal: ${perRound} (round 1 also holds the one-off expiry run and growth 10,000); other work took ${percent(others.share)} of the cores meanwhile.`
      : "";
  return [
    "# sessionprobe benchmark results",
    "",
    `Written by \`npm run bench\` on ${before.date}.`,
    "",
    `Machine: ${before.cores} cores (nproc), ${before.memory} memory, ${before.cpu}, Node ${before.node}. Load average (1 / 5 / 15 min) ${before.load} at the start, ${after.load} at the end (the log has the 1-min figure before each section). Other work on the machine (processes the bench did not start: /proc/stat less the bench's own CPU) used ${others.coreSeconds.toFixed(0)} core-seconds while the bench ran, ${percent(others.share)} of the ${CORES} cores${others.share < 0.05 ? ": the machine was otherwise idle." : ": it shows up as noise and as slower figures."}`,
    "",
    `Every cell is the median of the N rounds, then the smallest and largest in brackets; a verdict is on the median. A round runs both sides of a comparison back to back, alternating which goes first; a ratio is per round. ` +
      `Asked: ${roundsText(t.roundMs.length)} of every section. **Cut**: ${t.cuts.length ? t.cuts.join("; ") : "nothing"}. ` +
      `The bench took **${seconds(totalMs)}**, clean-up of its temp dir included (goal ≤ 3 min: ${totalMs <= BENCH_GOAL_MS ? "met" : "**missed**"}).${overGoal}`,
    "",
  ].join("\n");
}

const roundsText = (n: number) => `${n} round${n === 1 ? "" : "s"}`;

function renderReport(bench: Bench, reports: readonly SectionReport[], timing: Timing): string {
  // By row number, so rows 7 and 8 (figures of row 2's runs) follow row 6.
  const rows = reports.flatMap((r) => r.rows).sort((a, b) => Number(a.n) - Number(b.n));
  const extra = reports.flatMap((r) => (r.extraTable ? [`${r.extraTable}\n\n`] : []));
  const details = reports.flatMap((r) => r.details);
  const errors = bench.failures.length ? `\n**Errors**\n\n\`\`\`\n${bench.failures.join("\n\n")}\n\`\`\`\n` : "";
  return `${renderHeader(bench, timing)}\n${renderTable(rows)}\n\n${extra.join("")}${details.join("\n\n")}\n${errors}`;
}

function removeTmp(bench: Bench): void {
  if (process.env.BENCH_KEEP) bench.log(`kept ${bench.tmp}`);
  else rmSync(bench.tmp, { recursive: true, force: true });
}

async function main(bench: Bench): Promise<number> {
  const before = machine();
  const startMark = cpuMark();
  const plan = RUNS_OVERRIDE ? `${roundsText(rounds)} of everything` : `${roundsText(rounds)}; ${plannedCuts().join("; ") || "no cuts"}`;
  bench.log(`${plan}; ${before.cores} cores, ${before.memory}, node ${before.node}; load average ${before.load}; temp dir ${bench.tmp}`);
  const inputs = writeInputs(bench);
  const samples: Samples = {
    throughput: [],
    collection: [],
    growth: [],
    conformance: [],
    expiry: [],
    engine: [],
    peer: [],
    nightly: [],
    explore: [],
    mutation: [],
  };
  const cuts: string[] = [];
  const servers = await startServers(bench);
  let measured: Awaited<ReturnType<typeof measureAll>>;
  try {
    measured = await measureAll(bench, inputs, servers, samples, cuts);
  } finally {
    await Promise.all(servers.all.map((s) => s.stop()));
  }
  // Before the report: its total includes the clean-up (thousands of report files take seconds to remove).
  removeTmp(bench);
  const timing: Timing = {
    before,
    after: machine(),
    others: othersCpu(startMark, cpuMark(), CORES),
    roundMs: measured.roundMs,
    cuts: [...plannedCuts(measured.roundCost), ...cuts],
  };
  const report = renderReport(bench, sectionReports(samples, measured.cold, before.cores), timing);
  process.stdout.write(`\n${report}\n`);
  if (ONLY) bench.log("BENCH_ONLY is set: bench/RESULTS.md not rewritten");
  else writeResults(report, bench);
  return bench.failures.length ? 1 : 0;
}

const bench = createBench();
main(bench).then(
  (code) => {
    bench.log(`done in ${seconds(bench.elapsed())}`);
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    removeTmp(bench);
    process.exitCode = 1;
  },
);
