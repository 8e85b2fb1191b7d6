import { existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { GUARDED_PROJECT_SUFFIX } from "../coordination/shard-plan.ts";
import { COMPARE_ENV } from "../observe/compare-env.ts";
import { takeReporterFlag } from "../report/reporter-flag.ts";
import { TERMINAL_REPORTER_ENV } from "../report/reporters.ts";
import { EXIT, type Verdict } from "../report/verdict.ts";
import { spawnNode } from "./child-processes.ts";
import { OWN_EXTENSION, PACKAGE_ROOT, reportsDir } from "./package-paths.ts";
import { startReport } from "./report-process.ts";
import { UsageError } from "./usage-error.ts";

const require = createRequire(import.meta.url);

export interface RunOptions {
  reporter?: string;
  compareBaseline?: boolean;
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
  const report = startReport(earlyReport);
  try {
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
  } finally {
    await cleared;
  }
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
