import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { setPriority, tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { GUARDED_PROJECT_SUFFIX } from "../coordination/shard-plan.ts";
import { COMPARE_ENV } from "../observe/compare-env.ts";
import { REPORT_READY_ENV, reportReadyValue } from "../report/report-ready-reporter.ts";
import { takeReporterFlag } from "../report/reporter-flag.ts";
import { TERMINAL_REPORTER_ENV } from "../report/reporters.ts";
import { EXIT, type Verdict } from "../report/verdict.ts";
import { UsageError } from "./usage-error.ts";

const require = createRequire(import.meta.url);
/** The package's own folder: its Playwright and Allure configs, wherever it is installed. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, "..", "..");
/**
 * ".ts" in a checkout, ".js" in the installed package, which ships JavaScript compiled into dist/ (a TypeScript
 * loader under node_modules works or not by the Node minor's module hooks: Node 24.9.0 refused it).
 */
export const OWN_EXTENSION = extname(import.meta.filename);
/** Absolute, so the Playwright and Allure children write where the user's working directory says. */
export const reportsDir = () => resolve(process.env.SESSIONPROBE_REPORTS ?? "reports");

export interface RunOptions {
  reporter?: string;
  compareBaseline?: boolean;
}

/** A child's exit as an exit code: its own, 130 when interrupted, else 1. */
const childExitCode = (code: number | null, signal: NodeJS.Signals | null) => code ?? (signal === "SIGINT" ? 130 : 1);

/**
 * A Node child on this terminal. `onReportReady`: the child is Playwright's runner, given a pipe on which its
 * report-ready reporter says when the Allure report can be written (src/report/report-ready-reporter.ts).
 */
function spawnNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env, onReportReady?: () => void): Promise<number> {
  return new Promise((done) => {
    const READY_FD = 3;
    const child = onReportReady
      ? spawn(process.execPath, [...args], {
          stdio: ["inherit", "inherit", "inherit", "pipe"],
          env: { ...env, [REPORT_READY_ENV]: reportReadyValue(READY_FD) },
        })
      : spawn(process.execPath, [...args], { stdio: "inherit", env });
    const ready = child.stdio[READY_FD];
    ready?.once("data", () => onReportReady?.());
    ready?.on("error", () => {});
    child.on("exit", (code, signal) => {
      ready?.destroy();
      done(childExitCode(code, signal));
    });
  });
}

/** A child whose output is held back and handed over at its end, and whose standard input is kept for telling it something. */
function spawnNodeQuietly(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): { child: ChildProcess; exited: Promise<{ code: number; output: string }> } {
  const child = spawn(process.execPath, [...args], { stdio: ["pipe", "pipe", "pipe"], env });
  const exited = new Promise<{ code: number; output: string }>((done) => {
    const chunks: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("close", (code, signal) => done({ code: childExitCode(code, signal), output: Buffer.concat(chunks).toString("utf8") }));
  });
  // A child that ended before it was told anything must not take its parent down with an EPIPE.
  child.stdin?.on("error", () => {});
  return { child, exited };
}

/**
 * The Playwright command line and environment for a run. The user's reporter replaces only the terminal one
 * (JUnit, Allure, summary and evidence stay): it goes in TERMINAL_REPORTER_ENV, which the config reads, and
 * never as Playwright's `--reporter` — not even one passed through among Playwright's own flags.
 */
export function playwrightInvocation(
  args: readonly string[],
  options: RunOptions,
  env: NodeJS.ProcessEnv = {},
): { args: string[]; env: NodeJS.ProcessEnv } {
  const { reporter: passedThrough, rest } = takeReporterFlag(args);
  const childEnv: NodeJS.ProcessEnv = { ...process.env, SESSIONPROBE_REPORTS: reportsDir(), ...env };
  const reporter = options.reporter ?? passedThrough;
  if (reporter) childEnv[TERMINAL_REPORTER_ENV] = reporter;
  if (options.compareBaseline) childEnv[COMPARE_ENV] = "1";
  const config = join(PACKAGE_ROOT, `playwright.config${OWN_EXTENSION}`);
  return { args: [require.resolve("@playwright/test/cli"), "test", "--config", config, ...rest], env: childEnv };
}

function playwright(
  args: readonly string[],
  options: RunOptions,
  env: NodeJS.ProcessEnv = {},
  onReportReady?: () => void,
): Promise<number> {
  const invocation = playwrightInvocation(args, options, env);
  return spawnNode(invocation.args, invocation.env, onReportReady);
}

const SET_ASIDE = ".allure-results-deleting-";

/**
 * Fresh results per run: Allure would otherwise merge yesterday's results into today's report (history is kept apart).
 * Last night's results are moved aside at once and deleted while the run starts: a nightly run's 1,400 files took a
 * quarter of a second to delete before the runner could start. Returns the deletion (with any a killed run left).
 */
function clearResults(): Promise<void> {
  const reports = reportsDir();
  const results = join(reports, "allure-results");
  if (existsSync(results)) {
    try {
      renameSync(results, join(reports, `${SET_ASIDE}${process.pid}`));
    } catch {
      // Not movable (another process holds it, on Windows): deleted here, as it always was.
      rmSync(results, { recursive: true, force: true });
    }
  }
  // The statement too: the report would attach yesterday's, and a run that writes none must not leave one to sign.
  for (const file of ["summary.json", "statement.md", "statement.html"]) rmSync(join(reports, file), { force: true });
  const aside = existsSync(reports) ? readdirSync(reports).filter((name) => name.startsWith(SET_ASIDE)) : [];
  return Promise.all(aside.map((name) => rm(join(reports, name), { recursive: true, force: true }))).then(
    () => {},
    () => {},
  );
}

function readVerdict(): Verdict | undefined {
  const file = join(reportsDir(), "summary.json");
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, "utf8")) as { verdict?: Verdict }).verdict;
}

/**
 * The run's exit code (README "Exit codes"): the scenarios' verdict; no scenario results
 * after a failed start means the files or flags were wrong before anything was sent.
 */
export function exitCodeOf(playwrightCode: number, verdict: Verdict | undefined): number {
  if (playwrightCode === 130) return 130;
  if (!verdict) return playwrightCode === 0 ? EXIT.conformed : EXIT.usage;
  if (verdict.exitCode === EXIT.conformed && playwrightCode !== 0) return EXIT.incomplete;
  return verdict.exitCode;
}

/**
 * The Allure report with its quality gate evaluated inside it (fails when a DOC or WIRE behaviour failed):
 * one Allure process (src/report/allure-report.mjs), so the report's Quality Gates tab shows the result the
 * terminal prints. Plain Node: allurerc.mjs reads only the results' labels and summary.json (no TypeScript).
 */
export function runReport(): Promise<number> {
  return startReport().write();
}

/**
 * The report's Allure process: `begin()` has it write the report now (started if it was not), `write()` the same
 * and waits for its end, `cancel()` ends it with nothing written.
 */
interface StartedReport {
  begin(): void;
  write(): Promise<number>;
  cancel(): void;
}

/**
 * Starts the report's Allure process. `early`: before the run, at the lowest CPU priority, so that Allure's
 * modules load (≈ 0.35 s of a core) while a run against real targets waits on the network, not after its last
 * scenario; it writes nothing until told. A run against the mocks keeps the cores to itself and starts it after.
 */
function startReport(early = false): StartedReport {
  const results = join(reportsDir(), "allure-results");
  const output = join(reportsDir(), "allure-report");
  const config = join(PACKAGE_ROOT, "allurerc.mjs");
  const env = { ...process.env, SESSIONPROBE_REPORTS: reportsDir() };
  // Allure 3.18's gate calls Iterator.prototype.toArray, which Node 20 lacks.
  const polyfill = pathToFileURL(join(PACKAGE_ROOT, "src", "report", "iterator-helpers.mjs")).href;
  const script = join(PACKAGE_ROOT, "src", "report", "allure-report.mjs");
  const started = () => spawnNodeQuietly([`--import=${polyfill}`, script, "--when-told", results, config, output], env);
  let allure = early ? started() : undefined;
  if (allure?.child.pid !== undefined)
    try {
      setPriority(allure.child.pid, 19);
    } catch {
      // Not allowed here: it loads at the same priority, which costs the run a little, nothing more.
    }
  let told = false;
  const begin = () => {
    allure ??= started();
    if (!told) allure.child.stdin?.end("go\n");
    told = true;
    return allure;
  };
  return {
    begin,
    cancel: () => {
      if (!told) allure?.child.stdin?.end();
    },
    write: async () => {
      if (!told && !existsSync(results)) {
        allure?.child.stdin?.end();
        throw new UsageError(`no results in ${results}: run the suites first`);
      }
      return printReport(await begin().exited, output);
    },
  };
}

function printReport({ code, output: printed }: { code: number; output: string }, output: string): number {
  if (code !== 0 && code !== 1) {
    process.stdout.write(printed);
    return code;
  }
  console.log(`Allure report: ${join(output, "index.html")} (a single file: open it in a browser; its Quality Gates tab holds the gate)`);
  if (printed) process.stdout.write(printed);
  if (code !== 0) console.log("Allure quality gate: failed (a DOC or WIRE behaviour failed; see above)");
  return code;
}

/**
 * `--list` sends nothing and runs nothing, yet Playwright still calls the reporters: they write
 * into a folder thrown away afterwards, so the last run's JUnit, summary and Allure history stay.
 */
async function listOnly(args: readonly string[], options: RunOptions, env: NodeJS.ProcessEnv): Promise<number> {
  const scratch = mkdtempSync(join(tmpdir(), "sessionprobe-list-"));
  try {
    return exitCodeOf(await playwright(args, options, { ...env, SESSIONPROBE_REPORTS: scratch }), undefined);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function runAndReport(
  args: readonly string[],
  options: RunOptions,
  env: NodeJS.ProcessEnv = {},
  { earlyReport = false } = {},
): Promise<number> {
  if (args.includes("--list")) return listOnly(args, options, env);
  const cleared = clearResults();
  try {
    return await runAndReportCleared(args, options, env, earlyReport);
  } finally {
    await cleared;
  }
}

async function runAndReportCleared(
  args: readonly string[],
  options: RunOptions,
  env: NodeJS.ProcessEnv,
  earlyReport: boolean,
): Promise<number> {
  const report = startReport(earlyReport);
  let code: number;
  try {
    // Against real targets, written as soon as its results are complete, while the runner ends
    // (src/report/report-ready-reporter.ts). Against the mocks, after the runner's exit: never on top of
    // the runner and its workers in memory (docs/performance.md, "Memory").
    const onReportReady = earlyReport ? () => report.begin() : undefined;
    code = exitCodeOf(await playwright(args, options, env, onReportReady), readVerdict());
  } catch (error) {
    report.cancel();
    throw error;
  }
  if (!existsSync(join(reportsDir(), "allure-results"))) {
    report.cancel();
    return code;
  }
  const reportCode = await report.write();
  // The gate fails exactly when a DOC or WIRE behaviour failed, which the verdict already says; a report that
  // could not be written at all leaves a conforming run without its sign-off.
  if (code === EXIT.conformed && reportCode !== 0) return EXIT.incomplete;
  return code;
}

/** Every suite against the built-in mocks, then the HTML report. */
export function runConformance(args: readonly string[], options: RunOptions): Promise<number> {
  return runAndReport(["--project", "mocks", ...args], options);
}

/**
 * The `--project` flags `run` adds: the wanted targets' (all by default), each with its guarded project (its
 * scenarios that run alone, after the others). The user's own --project (say, a target's guarded project
 * alone) picks the projects instead: adding every target's on top would re-run all of them, wrong-password
 * scenarios included.
 */
export function projectArgs(targetNames: readonly string[], wanted: readonly string[], args: readonly string[]): string[] {
  if (args.some((a) => a === "--project" || a.startsWith("--project="))) return [];
  return (wanted.length ? wanted : targetNames).flatMap((name) => ["--project", name, "--project", `${name}${GUARDED_PROJECT_SUFFIX}`]);
}

/** The suites against real targets: one Playwright project per target. The targets file is checked before anything is sent. */
export async function runTargets(
  args: readonly string[],
  options: RunOptions & { targets?: string; target?: string[]; recordHar?: string },
): Promise<number> {
  const file = options.targets ?? process.env.SESSIONPROBE_TARGETS ?? process.env.SESSIONPROBE_TARGETS_DEFAULT;
  if (!file)
    throw new UsageError(
      'run: name the targets file with --targets FILE (or SESSIONPROBE_TARGETS, or "targets" in sessionprobe.json: README, "Project settings: sessionprobe.json")',
    );
  // Imported here: the targets parser (YAML, its schema) is for `run` alone, not for a conformance run's waiting CLI.
  // Checked against the drivers of the vendors it names (their deployment options), and handed to the runner.
  const targets = await (await import("../targets/handed.ts")).checkTargets(file);
  const wanted = options.target ?? [];
  const unknown = wanted.filter((name) => !targets.some((t) => t.name === name));
  if (unknown.length)
    throw new UsageError(`unknown target(s) ${unknown.join(", ")} in ${file}; known: ${targets.map((t) => t.name).join(", ")}`);
  const projects = projectArgs(
    targets.map((t) => t.name),
    wanted,
    args,
  );
  // Real targets leave the cores idle while they answer and while scenarios wait: the report's Allure loads meanwhile.
  const early = { earlyReport: true };
  if (!options.recordHar) return runAndReport([...projects, ...args], options, { SESSIONPROBE_TARGETS: resolve(file) }, early);
  return recordingHar(options.recordHar, (env) =>
    runAndReport([...projects, ...args], options, { SESSIONPROBE_TARGETS: resolve(file), ...env }, early),
  );
}

/** Runs with every worker appending its exchanges to a fresh folder, then writes them as one HAR (whatever the run's verdict). */
async function recordingHar(out: string, body: (env: Record<string, string>) => Promise<number>): Promise<number> {
  const { RECORD_HAR_ENV } = await import("../http/har-recorder.ts");
  const { writeHarFrom } = await import("../evidence/har.ts");
  const dir = mkdtempSync(join(tmpdir(), "sessionprobe-har-"));
  try {
    const code = await body({ [RECORD_HAR_ENV]: dir });
    const count = writeHarFrom(dir, resolve(out), { name: "sessionprobe", version: "run --record-har" });
    process.stdout.write(`HAR: ${count} exchanges written to ${out} (secrets as fingerprints)\n`);
    return code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
