import { spawnSync } from "node:child_process";
import { extname } from "node:path";
import type { ReporterDescription } from "@playwright/test";

/** The terminal reporter(s) to use instead of list/dot; set by `sessionprobe … --reporter X`. */
export const TERMINAL_REPORTER_ENV = "SESSIONPROBE_TERMINAL_REPORTER";
const REEXEC_ENV = "SESSIONPROBE_REPORTER_REEXEC";

/** `--reporter X` / `--reporter=X` on a `playwright test` command line, and the line without it. */
export function takeReporterFlag(argv: readonly string[]): { reporter?: string; rest: string[] } {
  const rest: string[] = [];
  let reporter: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--reporter" && i + 1 < argv.length) reporter = argv[++i];
    else if (arg.startsWith("--reporter=")) reporter = arg.slice("--reporter=".length);
    else rest.push(arg);
  }
  return reporter === undefined ? { rest } : { reporter, rest };
}

/**
 * Playwright's `--reporter` replaces the configured reporters, and with them JUnit, Allure,
 * the summary and the evidence. The config cannot see Playwright's parsed flags, so when
 * `npx playwright test --reporter X` is run directly, the same command is run again with
 * the flag turned into TERMINAL_REPORTER_ENV, and this process exits with its code.
 * The CLI (`sessionprobe … --reporter X`) sets the variable itself and never gets here.
 */
function rerunWithoutReporterFlag(): void {
  if (process.env.TEST_WORKER_INDEX !== undefined || process.env[REEXEC_ENV]) return;
  const [node, script, ...args] = process.argv;
  if (!node || !script || args[0] !== "test") return;
  const { reporter, rest } = takeReporterFlag(args);
  if (reporter === undefined) return;
  const child = spawnSync(node, [...process.execArgv, script, ...rest], {
    stdio: "inherit",
    env: { ...process.env, [TERMINAL_REPORTER_ENV]: reporter, [REEXEC_ENV]: "1" },
  });
  process.exit(child.status ?? 1);
}

/** Where and how the report files are written: one place for a run (below) and for `sessionprobe merge` (src/report/merge-reporter.ts). */
export function reportFileOptions(reports: string) {
  return {
    junit: { outputFile: `${reports}/junit.xml` },
    allure: { resultsDir: `${reports}/allure-results`, detail: false, suiteTitle: false },
    summary: { outputDir: reports },
    baseline: { outputDir: reports },
  };
}

/** The project's reporters: a terminal one (the user's choice, else list or dot on CI), then the files a run must leave. */
export function projectReporters(reports: string): ReporterDescription[] {
  rerunWithoutReporterFlag();
  const terminal = (process.env[TERMINAL_REPORTER_ENV] ?? (process.env.CI ? "dot" : "list"))
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  // Read once, by this run: runs started from its tests (harness specs run the CLI) choose their own.
  if (process.env.TEST_WORKER_INDEX === undefined) {
    delete process.env[TERMINAL_REPORTER_ENV];
    delete process.env[REEXEC_ENV];
  }
  const files = reportFileOptions(reports);
  // Paths from the config's folder; .js where the package runs compiled (dist/).
  const own = (path: string) => `./src/${path}${extname(import.meta.filename)}`;
  return [
    ...terminal.map((name): ReporterDescription => [name]),
    [own("report/junit-reporter"), files.junit],
    // allure-playwright, writing its results without an fsync per file (src/report/allure-reporter.ts).
    [own("report/allure-reporter"), files.allure],
    [own("report/summary-reporter"), files.summary],
    [own("baseline/baseline-reporter"), files.baseline],
    // What `sessionprobe merge` needs: Playwright's own blob report (every result, annotation and attachment) in
    // <reports>/blob. Written on every run, not only with --shard: the unsharded job that runs the guarded scenarios
    // after the shards is merged too, and any run can be merged later. It costs one zip at the end (about 320 KB for
    // the whole conformance suite against the mocks); the blob reporter replaces the folder's zip on each run.
    ["blob", { outputDir: `${reports}/blob` }],
    // Last, so its plain closing line is the run's last line.
    [own("report/totals-reporter")],
  ];
}
