/**
 * `npm run bench`: how fast sessionprobe is, measured on this machine, every
 * comparison measured in the same run (each round runs both sides back to back,
 * alternating which goes first). Prints a table (medians of N rounds) and writes it
 * to bench/RESULTS.md, keeping the hand-written analysis below the marker.
 *
 *   BENCH_RUNS=N        rounds for every section (default: 3, but 2 for conformance
 *                       and expiry, the two ~20 s sections, to stay within 3 minutes)
 *   BENCH_BUDGET_S=160  a section is left out of a later round if it would end past this
 *   BENCH_KEEP=1        keep the temporary directory (generated suites, reports)
 *   BENCH_ONLY=engine,peer   only some sections (conformance, engine, peer, throughput,
 *                       collection, expiry); bench/RESULTS.md is then not rewritten
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stripVTControlCharacters } from "node:util";
import { writeCollectionSuites, writeExpirySuite, writeSimpleSuites, writeStepciWorkflow, writeTargets } from "./lib/generate.ts";
import { type CommandResult, runCommand, type Server, startServer } from "./lib/proc.ts";
import { median, mib, ratio, seconds, spread } from "./lib/stats.ts";
import { measureThroughput, type ThroughputResult } from "./lib/throughput.ts";

const require = createRequire(import.meta.url);
const ROOT = join(import.meta.dirname, "..");
const RESULTS = join(import.meta.dirname, "RESULTS.md");
const ANALYSIS_MARKER = "<!-- analysis: everything below this line is kept when the bench rewrites this file -->";

/** In the order a round runs them: the cheap ones first, so a tight budget only ever trims the heavy ones. */
const SECTIONS = ["throughput", "collection", "conformance", "expiry", "engine", "peer"] as const;
type Section = (typeof SECTIONS)[number];
const DEFAULT_RUNS: Record<Section, number> = { conformance: 2, expiry: 2, engine: 3, peer: 3, throughput: 3, collection: 3 };
const runsOf = (name: Section) => (process.env.BENCH_RUNS ? Math.max(1, Number(process.env.BENCH_RUNS)) : DEFAULT_RUNS[name]);
const ROUNDS = Math.max(...SECTIONS.map(runsOf));
const BUDGET_MS = Number(process.env.BENCH_BUDGET_S ?? 160) * 1000;
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(",").map((s) => s.trim())) : undefined;
const wanted = (section: string) => !ONLY || ONLY.has(section);

const SCENARIOS = 100;
const COLLECTION_FILES = 1000;
const WORKERS = 2;
const EXPIRY_SCENARIOS = 10;
const EXPIRY_T_MS = 3000;
const EXPIRY_MARGIN = "250ms";
const EXPIRY_MARGIN_MS = 250;
const THROUGHPUT_CONCURRENCY = 8;
const THROUGHPUT_WARMUP_MS = 250;
const THROUGHPUT_SETTLE_MS = { mock: 3000, bare: 1000 };
const THROUGHPUT_MEASURE_MS = 1000;
const MOCK_USER = { username: "emuser", password: "empass-1234" }; // the standalone mock's public test user

const NODE = process.execPath;
const PLAYWRIGHT_CLI = require.resolve("@playwright/test/cli");
const STEPCI_CLI = join(ROOT, "node_modules", "stepci", "dist", "index.js");
const SESSIONPROBE_CLI = join(ROOT, "bin", "sessionprobe.mjs");
const BENCH_CONFIG = join(import.meta.dirname, "playwright.config.ts");

const benchStarted = performance.now();
const tmp = mkdtempSync(join(tmpdir(), "sessionprobe-bench-"));
const failures: string[] = [];
let reportSeq = 0;

const strip = stripVTControlCharacters;
const elapsed = () => performance.now() - benchStarted;
const log = (line: string) => process.stdout.write(`[bench ${seconds(elapsed()).padStart(8)}] ${line}\n`);

/** A fresh reports directory per invocation: nothing ever lands in the user's reports/. */
function reportsDir(label: string): string {
  const dir = join(tmp, "reports", `${String(++reportSeq).padStart(3, "0")}-${label}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * The environment of every measured command: reports in tmp, no inherited target
 * file or worker count, and no CI (so Playwright's list reporter prints one timed
 * line per test, which the breakdowns below read).
 */
function env(label: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, SESSIONPROBE_REPORTS: reportsDir(label), ...extra };
  if (!("SESSIONPROBE_TARGETS" in extra)) delete base.SESSIONPROBE_TARGETS;
  if (!("SESSIONPROBE_WORKERS" in extra)) delete base.SESSIONPROBE_WORKERS;
  delete base.CI;
  return base;
}

function check(what: string, result: CommandResult, expectOutput?: RegExp): boolean {
  const out = strip(result.stdout);
  if (result.code === 0 && (!expectOutput || expectOutput.test(out))) return true;
  const tail = `${out}\n${strip(result.stderr)}`.trim().split("\n").slice(-15).join("\n");
  failures.push(`${what}: exit ${result.code}${expectOutput && !expectOutput.test(out) ? `, output lacks ${expectOutput}` : ""}\n${tail}`);
  log(`FAILED: ${what} (exit ${result.code})`);
  return false;
}

/** When a line matching `pattern` first arrived on stdout (ms since spawn). */
const lineAt = (result: CommandResult, pattern: RegExp) => result.lines.find((l) => pattern.test(strip(l.text)))?.atMs ?? Number.NaN;
const RUNNING = /^Running \d+ tests? using \d+ workers?/;
const PASSED = /^\s*\d+ passed \((\d+(?:\.\d+)?)(ms|s|m)\)/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };

/** Playwright's own figure for the run ("100 passed (4.5s)"). */
function playwrightMs(result: CommandResult): number {
  const match = strip(result.stdout)
    .split("\n")
    .map((l) => PASSED.exec(l))
    .find(Boolean);
  return match ? Number(match[1]) * (UNIT_MS[match[2] as string] ?? 1) : Number.NaN;
}

/** One finished test as the list reporter prints it: project, when the line arrived, its duration. */
const TEST_LINE = /^\s*(?:✓|✘|ok|x)\s+\d+\s+\[([^\]]+)\]\s+›.*\((\d+(?:\.\d+)?)(ms|s|m)\)\s*$/;

interface ProjectWindow {
  project: string;
  /** First test's start (its line's arrival minus its duration) and last test's end, ms since spawn. */
  startMs: number;
  endMs: number;
  tests: number;
  busyMs: number;
}

/** The projects in the order they ran, each with the window its tests ran in. */
function projectWindows(result: CommandResult): ProjectWindow[] {
  const windows = new Map<string, ProjectWindow>();
  for (const line of result.lines) {
    const match = TEST_LINE.exec(strip(line.text));
    if (!match) continue;
    const project = match[1] as string;
    const durationMs = Number(match[2]) * (UNIT_MS[match[3] as string] ?? 1);
    const w = windows.get(project) ?? { project, startMs: Number.POSITIVE_INFINITY, endMs: 0, tests: 0, busyMs: 0 };
    w.startMs = Math.min(w.startMs, line.atMs - durationMs);
    w.endMs = Math.max(w.endMs, line.atMs);
    w.tests++;
    w.busyMs += durationMs;
    windows.set(project, w);
  }
  return [...windows.values()].sort((a, b) => a.startMs - b.startMs);
}

/** A one-project run: the first test's start (≈ runner and worker start-up) and the mean test duration. */
function runShape(result: CommandResult): { firstStartMs: number; meanTestMs: number } {
  const [w] = projectWindows(result);
  return w ? { firstStartMs: w.startMs, meanTestMs: w.busyMs / w.tests } : { firstStartMs: Number.NaN, meanTestMs: Number.NaN };
}

async function inOrder<T>(round: number, first: () => Promise<T>, second: () => Promise<T>): Promise<[T, T]> {
  if (round % 2) {
    const b = await second();
    return [await first(), b];
  }
  const a = await first();
  return [a, await second()];
}

// ---------------------------------------------------------------------------------------------
// The sections: each returns one round's sample.

interface ConformanceSample {
  ok: boolean;
  wallMs: number;
  treeRss: number;
  processRss: number;
  processes: number;
  runningAtMs: number;
  passedAtMs: number;
  playwrightMs: number;
  firstTestStartMs: number;
  /** Time between one project's last test and the next project's first: its workers stop, new ones start. */
  switchGapsMs: number;
  projects: string[];
}

async function conformance(): Promise<ConformanceSample> {
  const result = await runCommand("npm", ["run", "conformance"], { cwd: ROOT, env: env("conformance"), sampleEveryMs: 100 });
  const ok = check("npm run conformance", result, /all scenarios passed/);
  const windows = projectWindows(result);
  let gaps = 0;
  for (let i = 1; i < windows.length; i++)
    gaps += Math.max(0, (windows[i] as ProjectWindow).startMs - (windows[i - 1] as ProjectWindow).endMs);
  return {
    ok,
    wallMs: result.wallMs,
    treeRss: result.peakTreeRss ?? Number.NaN,
    processRss: result.peakProcessRss ?? Number.NaN,
    processes: result.peakProcesses ?? 0,
    runningAtMs: lineAt(result, RUNNING),
    passedAtMs: lineAt(result, PASSED),
    playwrightMs: playwrightMs(result),
    firstTestStartMs: windows[0]?.startMs ?? Number.NaN,
    switchGapsMs: gaps,
    projects: windows.map((w) => w.project),
  };
}

interface PairSample {
  ok: boolean;
  /** sessionprobe, then the baseline: wall time of the whole command. */
  a: number;
  b: number;
  aInner: number;
  bInner: number;
  aFirstStart: number;
  bFirstStart: number;
  aMeanTest: number;
  bMeanTest: number;
}

async function engine(round: number, suites: string): Promise<PairSample> {
  const project = (name: string) => () =>
    runCommand(NODE, [PLAYWRIGHT_CLI, "test", "-c", BENCH_CONFIG, "--project", name], {
      cwd: ROOT,
      env: env(`engine-${name}`, { BENCH_SUITES: suites, BENCH_BARE_COUNT: String(SCENARIOS), SESSIONPROBE_WORKERS: String(WORKERS) }),
    });
  const [sp, bare] = await inOrder(round, project("sessionprobe"), project("bare"));
  const ok =
    check("engine: sessionprobe project", sp, new RegExp(`${SCENARIOS} passed`)) &&
    check("engine: bare project", bare, new RegExp(`${SCENARIOS} passed`));
  const a = runShape(sp);
  const b = runShape(bare);
  return {
    ok,
    a: sp.wallMs,
    b: bare.wallMs,
    aInner: playwrightMs(sp),
    bInner: playwrightMs(bare),
    aFirstStart: a.firstStartMs,
    bFirstStart: b.firstStartMs,
    aMeanTest: a.meanTestMs,
    bMeanTest: b.meanTestMs,
  };
}

interface DirectSample {
  ok: boolean;
  importMs: number;
  loadMs: number;
  runMs: number;
}

/** The same scenarios through the engine alone (src/in-process/run-suites.ts), one after another, no Playwright. */
async function engineDirect(suites: string): Promise<DirectSample> {
  const result = await runCommand(NODE, ["--import", "tsx", join(import.meta.dirname, "engine-direct.ts"), suites], {
    cwd: ROOT,
    env: env("engine-direct"),
  });
  const parsed = lastJson<{ importMs: number; loadMs: number; runMs: number; passed: number }>(result);
  const ok = check("engine without Playwright", result) && parsed?.passed === SCENARIOS;
  if (result.code === 0 && !ok)
    failures.push(`engine without Playwright: expected ${SCENARIOS} passed, got ${strip(result.stdout).trim()}`);
  return { ok, importMs: parsed?.importMs ?? Number.NaN, loadMs: parsed?.loadMs ?? Number.NaN, runMs: parsed?.runMs ?? Number.NaN };
}

async function peer(round: number, suites: string, targets: string, workflow: string, mockUrl: string): Promise<PairSample> {
  const credentials = { SP_BENCH_USER: MOCK_USER.username, SP_BENCH_PASSWORD: MOCK_USER.password };
  const sessionprobe = () =>
    runCommand(NODE, [PLAYWRIGHT_CLI, "test", "-c", BENCH_CONFIG], {
      cwd: ROOT,
      env: env("peer-sessionprobe", {
        BENCH_SUITES: suites,
        SESSIONPROBE_TARGETS: targets,
        SESSIONPROBE_WORKERS: String(WORKERS),
        ...credentials,
      }),
    });
  const stepci = () =>
    runCommand(
      NODE,
      [
        STEPCI_CLI,
        "run",
        workflow,
        "--concurrency",
        String(WORKERS),
        "-e",
        `host=${mockUrl}`,
        "-e",
        `user=${MOCK_USER.username}`,
        "-e",
        `password=${MOCK_USER.password}`,
      ],
      {
        cwd: ROOT,
        // XDG_CONFIG_HOME: Step CI stores an anonymous id with `conf`; keep it out of the user's home.
        env: env("peer-stepci", { STEPCI_DISABLE_ANALYTICS: "1", XDG_CONFIG_HOME: join(tmp, "stepci-config") }),
      },
    );
  const [sp, sc] = await inOrder(round, sessionprobe, stepci);
  const ok =
    check("peer: sessionprobe against the standalone mock", sp, new RegExp(`${SCENARIOS} passed`)) &&
    check("peer: stepci", sc, new RegExp(`0 failed, ${SCENARIOS} passed`));
  const inner = /Workflow passed after (\d+(?:\.\d+)?)s/.exec(strip(sc.stdout));
  const a = runShape(sp);
  return {
    ok,
    a: sp.wallMs,
    b: sc.wallMs,
    aInner: playwrightMs(sp),
    bInner: inner ? Number(inner[1]) * 1000 : Number.NaN,
    aFirstStart: a.firstStartMs,
    bFirstStart: Number.NaN,
    aMeanTest: a.meanTestMs,
    bMeanTest: Number.NaN,
  };
}

interface ThroughputSample {
  ok: boolean;
  mock: ThroughputResult;
  bare: ThroughputResult;
}

/** The first second of traffic on a fresh server, then enough more for the JIT to settle (the mock needs ≈ 3 s). */
async function warmUp(server: Server, settleMs: number): Promise<ThroughputResult> {
  const base = { url: server.url, serverPid: server.pid, concurrency: THROUGHPUT_CONCURRENCY, ...MOCK_USER };
  const cold = await measureThroughput({ ...base, warmupMs: 0, measureMs: 1000 });
  await measureThroughput({ ...base, warmupMs: settleMs, measureMs: 0 });
  return cold;
}

async function throughput(round: number, mock: Server, bare: Server): Promise<ThroughputSample> {
  const measure = (server: Server) => () =>
    measureThroughput({
      url: server.url,
      serverPid: server.pid,
      concurrency: THROUGHPUT_CONCURRENCY,
      warmupMs: THROUGHPUT_WARMUP_MS,
      measureMs: THROUGHPUT_MEASURE_MS,
      ...MOCK_USER,
    });
  const [m, b] = await inOrder(round, measure(mock), measure(bare));
  const ok = m.errors === 0 && b.errors === 0 && m.cycles > 0 && b.cycles > 0;
  if (!ok) failures.push(`throughput: errors (mock ${m.errors}, bare ${b.errors}) or no cycles (mock ${m.cycles}, bare ${b.cycles})`);
  return { ok, mock: m, bare: b };
}

function lastJson<T>(result: CommandResult): T | undefined {
  try {
    return JSON.parse(strip(result.stdout).trim().split("\n").at(-1) ?? "") as T;
  } catch {
    return undefined;
  }
}

interface CollectionSample {
  ok: boolean;
  importMs: number;
  loadMs: number;
  wallMs: number;
}

async function collection(dir: string): Promise<CollectionSample> {
  const result = await runCommand(NODE, ["--import", "tsx", join(import.meta.dirname, "collect.ts"), dir], {
    cwd: ROOT,
    env: env("collection"),
  });
  const parsed = lastJson<{ importMs: number; loadMs: number; suites: number; problems: number }>(result);
  const ok = check("collection", result) && parsed?.suites === COLLECTION_FILES && parsed.problems === 0;
  if (result.code === 0 && !ok)
    failures.push(`collection: expected ${COLLECTION_FILES} suites and no problems, got ${strip(result.stdout).trim()}`);
  return { ok, importMs: parsed?.importMs ?? Number.NaN, loadMs: parsed?.loadMs ?? Number.NaN, wallMs: result.wallMs };
}

interface ExpirySample {
  ok: boolean;
  wallMs: number;
  windowMs: number;
  loginSkewMs: number;
  /** Last refused use − last login − the wait: what the last scenario spent besides waiting. */
  tailMs: number;
  firstTestStartMs: number;
  passedAtMs: number;
}

async function expiry(dir: string, targets: string, mock: Server): Promise<ExpirySample> {
  await fetch(`${mock.url}/__sessionprobe/reset`, { method: "POST" }); // empties the journal
  const result = await runCommand(
    NODE,
    [SESSIONPROBE_CLI, "run", "--targets", targets, "-c", BENCH_CONFIG, "--workers", String(EXPIRY_SCENARIOS)],
    {
      cwd: ROOT,
      env: env("expiry", { BENCH_SUITES: dir, SP_BENCH_USER: MOCK_USER.username, SP_BENCH_PASSWORD: MOCK_USER.password }),
    },
  );
  let ok = check("expiry: sessionprobe run --targets", result, new RegExp(`${EXPIRY_SCENARIOS} passed`));
  const journal = (await (await fetch(`${mock.url}/__sessionprobe/journal`)).json()) as {
    entries: { at: string; method: string; path: string; status: number }[];
  };
  // A standalone mock's clock is the system clock: its journal times the waiting part, and the bench never reads the clock itself.
  const at = (e: { at: string }) => Date.parse(e.at);
  const logins = journal.entries.filter((e) => e.method === "POST" && e.path === "/session/login" && e.status === 200).map(at);
  const refused = journal.entries.filter((e) => e.method === "GET" && e.path === "/config/servers" && e.status === 401).map(at);
  if (logins.length !== EXPIRY_SCENARIOS || refused.length < EXPIRY_SCENARIOS) {
    ok = false;
    failures.push(
      `expiry: the mock saw ${logins.length} logins and ${refused.length} refused uses; expected ${EXPIRY_SCENARIOS} and at least ${EXPIRY_SCENARIOS}`,
    );
  }
  return {
    ok,
    wallMs: result.wallMs,
    windowMs: Math.max(...refused) - Math.min(...logins),
    loginSkewMs: Math.max(...logins) - Math.min(...logins),
    tailMs: Math.max(...refused) - Math.max(...logins) - (EXPIRY_T_MS + EXPIRY_MARGIN_MS),
    firstTestStartMs: runShape(result).firstStartMs,
    passedAtMs: lineAt(result, PASSED),
  };
}

// ---------------------------------------------------------------------------------------------

function machine(): { date: string; cores: string; memory: string; node: string; cpu: string; load: string } {
  return {
    date: execFileSync("date", [], { encoding: "utf8" }).trim(),
    cores: execFileSync("nproc", [], { encoding: "utf8" }).trim(),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" / "),
  };
}

interface Row {
  n: string;
  what: string;
  runs: number;
  sessionprobe: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: string;
}

function verdict(ok: boolean, met: boolean): string {
  if (!ok) return "FAILED (see errors)";
  return met ? "met" : "**missed**";
}

async function main(): Promise<number> {
  const before = machine();
  log(
    `up to ${ROUNDS} round(s) (${SECTIONS.map((n) => `${n} ${runsOf(n)}`).join(", ")}) on ${before.cores} cores, ${before.memory}, node ${before.node}; load average ${before.load}; temp dir ${tmp}`,
  );

  const simple = writeSimpleSuites(join(tmp, "suites-simple"), SCENARIOS);
  const collect = wanted("collection") ? writeCollectionSuites(join(tmp, "suites-collection"), COLLECTION_FILES) : "";
  const expiryDir = writeExpirySuite(join(tmp, "suites-expiry"), EXPIRY_SCENARIOS);
  const workflow = writeStepciWorkflow(join(tmp, "stepci-workflow.yml"), SCENARIOS);

  const servers: Server[] = [];
  const serve = async (args: string[]) => {
    const server = await startServer(NODE, args, { cwd: ROOT, env: env("server"), readyPattern: /listening on (https?:\/\/\S+)/ });
    servers.push(server);
    return server;
  };
  const samples = {
    conformance: [] as ConformanceSample[],
    engine: [] as PairSample[],
    direct: [] as DirectSample[],
    peer: [] as PairSample[],
    throughput: [] as ThroughputSample[],
    collection: [] as CollectionSample[],
    expiry: [] as ExpirySample[],
  };
  const skipped: string[] = [];
  let coldThroughput: { mock: ThroughputResult; bare: ThroughputResult } | undefined;
  const cost = new Map<string, number>();
  /** Runs a section, unless a later round would run past the budget; remembers how long it took. */
  const section = async (round: number, name: Section, body: () => Promise<void>) => {
    if (round >= runsOf(name)) return;
    const estimate = cost.get(name) ?? 0;
    if (round > 0 && elapsed() + estimate > BUDGET_MS) {
      skipped.push(`${name} in round ${round + 1}`);
      log(`  ${name}: left out of round ${round + 1} (about ${seconds(estimate)} more would pass the ${seconds(BUDGET_MS)} budget)`);
      return;
    }
    const started = performance.now();
    await body();
    cost.set(name, Math.max(cost.get(name) ?? 0, performance.now() - started));
  };
  try {
    // Standalone mocks, started once: one for the peer comparison, one for throughput, one with a 3 s idle timeout.
    const peerMock = wanted("peer") ? await serve([SESSIONPROBE_CLI, "mock", "controlm"]) : undefined;
    const throughputMock = wanted("throughput") ? await serve([SESSIONPROBE_CLI, "mock", "controlm"]) : undefined;
    const bareServer = wanted("throughput") ? await serve(["--import", "tsx", join(import.meta.dirname, "bare-server.ts")]) : undefined;
    const cold =
      throughputMock && bareServer
        ? { mock: await warmUp(throughputMock, THROUGHPUT_SETTLE_MS.mock), bare: await warmUp(bareServer, THROUGHPUT_SETTLE_MS.bare) }
        : undefined;
    if (cold)
      log(
        `  4 throughput, first second on fresh servers: mock ${cold.mock.cyclesPerSecond.toFixed(0)}/s, bare ${cold.bare.cyclesPerSecond.toFixed(0)}/s (then warmed up for ${THROUGHPUT_SETTLE_MS.mock / 1000} s / ${THROUGHPUT_SETTLE_MS.bare / 1000} s)`,
      );
    coldThroughput = cold;
    const expiryMock = wanted("expiry")
      ? await serve([SESSIONPROBE_CLI, "mock", "controlm", "--idle", `${EXPIRY_T_MS / 1000}s`])
      : undefined;
    const peerTargets = peerMock ? writeTargets(join(tmp, "targets-peer.yaml"), { name: "bench-peer", baseUrl: peerMock.url }) : "";
    const expiryTargets = expiryMock
      ? writeTargets(join(tmp, "targets-expiry.yaml"), {
          name: "bench-expiry",
          baseUrl: expiryMock.url,
          idleTimeout: `${EXPIRY_T_MS / 1000}s`,
          expiryMargin: EXPIRY_MARGIN,
          expiry: "wait",
        })
      : "";

    for (let round = 0; round < ROUNDS; round++) {
      log(`round ${round + 1} of ${ROUNDS}`);
      if (throughputMock && bareServer) {
        await section(round, "throughput", async () => {
          const s = await throughput(round, throughputMock, bareServer);
          samples.throughput.push(s);
          log(
            `  4 throughput: mock ${s.mock.cyclesPerSecond.toFixed(0)}/s, bare ${s.bare.cyclesPerSecond.toFixed(0)}/s (ratio ${ratio(s.mock.cyclesPerSecond / s.bare.cyclesPerSecond)})`,
          );
        });
      }
      if (wanted("collection")) {
        await section(round, "collection", async () => {
          const s = await collection(collect);
          samples.collection.push(s);
          log(`  5 collection: loadSuiteFiles ${seconds(s.loadMs)} (+ import ${seconds(s.importMs)})`);
        });
      }
      if (wanted("conformance")) {
        await section(round, "conformance", async () => {
          const s = await conformance();
          samples.conformance.push(s);
          log(`  1 conformance: ${seconds(s.wallMs)}, peak RSS ${mib(s.treeRss)} (tree), ${mib(s.processRss)} (largest process)`);
        });
      }
      if (expiryMock) {
        await section(round, "expiry", async () => {
          const s = await expiry(expiryDir, expiryTargets, expiryMock);
          samples.expiry.push(s);
          log(`  6 expiry: waiting part ${seconds(s.windowMs)} (÷ T ${ratio(s.windowMs / EXPIRY_T_MS)}), whole run ${seconds(s.wallMs)}`);
        });
      }
      if (wanted("engine")) {
        await section(round, "engine", async () => {
          const s = await engine(round, simple);
          samples.engine.push(s);
          // The engine without Playwright is a breakdown figure, not a goal: once is enough.
          const d = round === 0 ? await engineDirect(simple) : undefined;
          if (d) samples.direct.push(d);
          log(
            `  2 engine: sessionprobe ${seconds(s.a)}, bare Playwright ${seconds(s.b)} (ratio ${ratio(s.a / s.b)})${d ? `; engine alone ${seconds(d.runMs)}` : ""}`,
          );
        });
      }
      if (peerMock) {
        await section(round, "peer", async () => {
          const s = await peer(round, simple, peerTargets, workflow, peerMock.url);
          samples.peer.push(s);
          log(`  3 peer: sessionprobe ${seconds(s.a)}, Step CI ${seconds(s.b)} (ratio ${ratio(s.a / s.b)})`);
        });
      }
    }
  } finally {
    for (const server of servers) await server.stop();
  }

  const after = machine();
  const rows: Row[] = [];
  const details: string[] = [];
  const all = <T extends { ok: boolean }>(list: T[]) => list.length > 0 && list.every((s) => s.ok);
  const range = (values: number[], format: (v: number) => string) => {
    const { min, max } = spread(values);
    return `${format(min)}–${format(max)}`;
  };
  const med = <T>(list: T[], pick: (s: T) => number) => median(list.map(pick));

  if (samples.conformance.length) {
    const c = samples.conformance;
    const wall = med(c, (s) => s.wallMs);
    rows.push({
      n: "1",
      what: "Full conformance: `npm run conformance` (61 scenarios, 4 mocks incl. the 24 h / 120 min / 30 min expiries, 2 workers, Allure report included): wall time",
      runs: c.length,
      sessionprobe: seconds(wall),
      baseline: "—",
      ratio: "—",
      goal: "≤ 15 s",
      verdict: verdict(all(c), wall <= 15_000),
    });
    rows.push({
      n: "1",
      what: "… peak memory: largest sum of RSS over the process tree (npm → CLI → Playwright runner + workers → Allure), sampled every 100 ms",
      runs: c.length,
      sessionprobe: mib(med(c, (s) => s.treeRss)),
      baseline: `largest single process ${mib(med(c, (s) => s.processRss))}`,
      ratio: "—",
      goal: "(reported)",
      verdict: "—",
    });
    const passed = med(c, (s) => s.passedAtMs);
    details.push(
      `**1. Conformance** (range ${range(
        c.map((s) => s.wallMs),
        seconds,
      )}): "Running 61 tests" printed after ${seconds(med(c, (s) => s.runningAtMs))} (npm, CLI, Playwright config, collection of suites/ in the runner); ` +
        `first test started at ${seconds(med(c, (s) => s.firstTestStartMs))}; the ${c[0]?.projects.length ?? 0} projects (${c[0]?.projects.join(", ")}) ran one after another, each on its own 2 new workers: ` +
        `${seconds(med(c, (s) => s.switchGapsMs))} in total passed between one project's last test and the next one's first (worker stop + start-up, no test running); ` +
        `Playwright's own figure ${seconds(med(c, (s) => s.playwrightMs))}; "passed" line at ${seconds(passed)}; summary + Allure HTML report after it ${seconds(wall - passed)}. ` +
        `Up to ${Math.max(...c.map((s) => s.processes))} processes at once.`,
    );
  }
  if (samples.engine.length) {
    const e = samples.engine;
    const d = samples.direct;
    const r = med(e, (s) => s.a / s.b);
    rows.push({
      n: "2",
      what: `Engine overhead: ${SCENARIOS} scenarios login → use → logout, ${WORKERS} workers, an in-process controlm mock per worker, same bench config and reporters: wall time of \`playwright test\``,
      runs: e.length,
      sessionprobe: seconds(med(e, (s) => s.a)),
      baseline: `bare Playwright + fetch ${seconds(med(e, (s) => s.b))}`,
      ratio: ratio(r),
      goal: "≤ 1.15",
      verdict: verdict(all(e), r <= 1.15),
    });
    details.push(
      `**2. Engine overhead**: first test started after ${seconds(med(e, (s) => s.aFirstStart))} (sessionprobe) vs ${seconds(med(e, (s) => s.bFirstStart))} (bare) — runner start-up, collection, worker start-up; ` +
        `mean test duration ${med(e, (s) => s.aMeanTest).toFixed(1)} ms vs ${med(e, (s) => s.bMeanTest).toFixed(1)} ms; Playwright's own figure ${seconds(med(e, (s) => s.aInner))} vs ${seconds(med(e, (s) => s.bInner))}. ` +
        `The engine alone (src/in-process/run-suites.ts, no Playwright, one scenario after another, its control-plane calls included; round 1 only) runs the ${SCENARIOS} scenarios in ${seconds(med(d, (s) => s.runMs))} ` +
        `(${(med(d, (s) => s.runMs) / SCENARIOS).toFixed(1)} ms each), after ${seconds(med(d, (s) => s.importMs))} of imports and ${seconds(med(d, (s) => s.loadMs))} loading the YAML.`,
    );
  }
  if (samples.peer.length) {
    const p = samples.peer;
    const r = med(p, (s) => s.a / s.b);
    rows.push({
      n: "3",
      what: `Peer: the same ${SCENARIOS} scenarios against one standalone controlm mock (\`sessionprobe mock controlm\`), ${WORKERS} workers / \`--concurrency ${WORKERS}\`: wall time of the CLI run`,
      runs: p.length,
      sessionprobe: seconds(med(p, (s) => s.a)),
      baseline: `Step CI 2.8.2 ${seconds(med(p, (s) => s.b))}`,
      ratio: ratio(r),
      goal: "≤ 1.2",
      verdict: verdict(all(p), r <= 1.2),
    });
    details.push(
      `**3. Peer**: sessionprobe's first test started after ${seconds(med(p, (s) => s.aFirstStart))}, mean test ${med(p, (s) => s.aMeanTest).toFixed(1)} ms, Playwright's own figure ${seconds(med(p, (s) => s.aInner))}; ` +
        `Step CI's own "Workflow passed after" ${seconds(med(p, (s) => s.bInner))} inside its ${seconds(med(p, (s) => s.b))}. Neither side builds an HTML report here; sessionprobe's configured reporters still write their files (JUnit, Allure results, summary, observation records).`,
    );
  }
  if (samples.throughput.length) {
    const t = samples.throughput;
    const r = med(t, (s) => s.mock.cyclesPerSecond / s.bare.cyclesPerSecond);
    rows.push({
      n: "4",
      what: `Mock throughput: login → use → logout cycles/s over HTTP (undici Pool, ${THROUGHPUT_CONCURRENCY} concurrent, ${THROUGHPUT_MEASURE_MS / 1000} s after ${THROUGHPUT_WARMUP_MS} ms warm-up), standalone servers`,
      runs: t.length,
      sessionprobe: `${med(t, (s) => s.mock.cyclesPerSecond).toFixed(0)} /s`,
      baseline: `bare node:http ${med(t, (s) => s.bare.cyclesPerSecond).toFixed(0)} /s`,
      ratio: ratio(r),
      goal: "≥ 0.5",
      verdict: verdict(all(t), r >= 0.5),
    });
    details.push(
      `**4. Throughput**: server CPU per cycle (user + system from /proc/<pid>/stat) mock ${med(t, (s) => s.mock.serverCpuMsPerCycle).toFixed(3)} ms vs bare ${med(t, (s) => s.bare.serverCpuMsPerCycle).toFixed(3)} ms ` +
        `(${ratio(med(t, (s) => s.mock.serverCpuMsPerCycle / s.bare.serverCpuMsPerCycle))}×). Client and server share the ${before.cores} cores, so the bare server's cycles/s is partly bounded by the client: the CPU figure is the fairer one. ` +
        (coldThroughput
          ? `Measured after a warm-up: in its first second a fresh mock served ${coldThroughput.mock.cyclesPerSecond.toFixed(0)} cycles/s (${coldThroughput.mock.serverCpuMsPerCycle.toFixed(3)} ms CPU each), the bare server ${coldThroughput.bare.cyclesPerSecond.toFixed(0)}/s; the mock needs ≈ ${THROUGHPUT_SETTLE_MS.mock / 1000} s of traffic before V8 has optimised its hot paths.`
          : ""),
    );
  }
  if (samples.collection.length) {
    const c = samples.collection;
    const load = med(c, (s) => s.loadMs);
    rows.push({
      n: "5",
      what: `Collection: \`loadSuiteFiles\` over ${COLLECTION_FILES} generated files (4 steps each: schema, headers, body, capture), fresh process`,
      runs: c.length,
      sessionprobe: seconds(load),
      baseline: "—",
      ratio: "—",
      goal: "≤ 2 s",
      verdict: verdict(all(c), load <= 2000),
    });
    details.push(
      `**5. Collection**: range ${range(
        c.map((s) => s.loadMs),
        seconds,
      )}; importing the loader before it (tsx, module-level ajv schema compilation) ${seconds(med(c, (s) => s.importMs))}; whole process ${seconds(med(c, (s) => s.wallMs))}.`,
    );
  }
  if (samples.expiry.length) {
    const x = samples.expiry;
    const r = med(x, (s) => s.windowMs / EXPIRY_T_MS);
    rows.push({
      n: "6",
      what: `Real-time expiry: ${EXPIRY_SCENARIOS} scenarios waiting out T = ${EXPIRY_T_MS / 1000} s idle (+ ${EXPIRY_MARGIN} expiryMargin), \`sessionprobe run --targets … --workers ${EXPIRY_SCENARIOS}\`: waiting part ÷ T`,
      runs: x.length,
      sessionprobe: seconds(med(x, (s) => s.windowMs)),
      baseline: `T = ${seconds(EXPIRY_T_MS)}`,
      ratio: ratio(r),
      goal: "≤ 1.3",
      verdict: verdict(all(x), r <= 1.3),
    });
    details.push(
      `**6. Expiry**: the waiting part is timed by the mock's journal (a standalone mock runs on the system clock): from the first login to the last refused use, so no start-up is in it. ` +
        `Ideal (T + margin) ÷ T = ${ratio((EXPIRY_T_MS + EXPIRY_MARGIN_MS) / EXPIRY_T_MS)}. The 10 logins (each right before its wait) spread over ${seconds(med(x, (s) => s.loginSkewMs))} as the 10 workers come up at different times; after the last wait its scenario needed ${seconds(med(x, (s) => s.tailMs))} more. ` +
        `Outside the waiting part: the whole command took ${seconds(med(x, (s) => s.wallMs))}; the first test started ${seconds(med(x, (s) => s.firstTestStartMs))} after the spawn (runner + 10 workers starting on ${before.cores} cores); ` +
        `summary + Allure report after the "passed" line ${seconds(med(x, (s) => s.wallMs - s.passedAtMs))}.`,
    );
  }

  const table = [
    "| # | measurement | N | sessionprobe | baseline | ratio | goal | result |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.n} | ${r.what} | ${r.runs} | ${r.sessionprobe} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.verdict} |`),
  ].join("\n");
  const header = [
    "# sessionprobe benchmark results",
    "",
    `Written by \`npm run bench\` on ${before.date}.`,
    "",
    `Machine: ${before.cores} cores (nproc), ${before.memory} memory, ${before.cpu}, Node ${before.node}. Load average (1 / 5 / 15 min) ${before.load} at the start, ${after.load} at the end: other work on the machine shows up as noise.`,
    "",
    `Each figure is the median of the N rounds in the table (asked: ${SECTIONS.map((n) => `${n} ${runsOf(n)}`).join(", ")}${skipped.length ? `; left out to stay within the ${seconds(BUDGET_MS)} budget: ${skipped.join(", ")}` : ""}). A round runs both sides of a comparison back to back, alternating which goes first; a ratio is the median of the per-round ratios. The bench took ${seconds(elapsed())}.`,
    "",
  ].join("\n");
  const report = `${header}\n${table}\n\n${details.join("\n\n")}\n${failures.length ? `\n**Errors**\n\n\`\`\`\n${failures.join("\n\n")}\n\`\`\`\n` : ""}`;
  process.stdout.write(`\n${report}\n`);

  if (ONLY) {
    log("BENCH_ONLY is set: bench/RESULTS.md not rewritten");
  } else {
    const previous = existsSync(RESULTS) ? readFileSync(RESULTS, "utf8") : "";
    const at = previous.indexOf(ANALYSIS_MARKER);
    const analysis = at >= 0 ? previous.slice(at + ANALYSIS_MARKER.length) : "\n\n## Where the time goes\n\n(no analysis yet)\n";
    writeFileSync(RESULTS, `${report}\n${ANALYSIS_MARKER}${analysis}`);
    log(`wrote ${RESULTS}`);
  }
  if (process.env.BENCH_KEEP) log(`kept ${tmp}`);
  else rmSync(tmp, { recursive: true, force: true });
  log(`done in ${seconds(elapsed())}`);
  return failures.length ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`bench: ${(error as Error).stack ?? String(error)}\n`);
    if (!process.env.BENCH_KEEP) rmSync(tmp, { recursive: true, force: true });
    process.exitCode = 1;
  },
);
