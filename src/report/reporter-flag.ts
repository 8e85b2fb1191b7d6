import { spawnSync } from "node:child_process";
import { TERMINAL_REPORTER_ENV } from "./reporters.ts";

/**
 * `npx playwright test --reporter X`, run directly (not through `sessionprobe`): Playwright's flag replaces every
 * reporter the config declares — JUnit, Allure, the summary, the evidence — and a config cannot undo a flag
 * Playwright parsed before loading it. So that one command is started once more, with X as the terminal reporter
 * only (TERMINAL_REPORTER_ENV, which `sessionprobe … --reporter X` sets itself: that path never comes here), and
 * this process ends with the child's exit code. Called by playwright.config.ts, in plain sight, before anything else.
 */

/** Set on the child: it must not start a third run. */
const RERUN_ENV = "SESSIONPROBE_REPORTER_RERUN";

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
 * The command to run instead of this one, when this is a `playwright test` runner given `--reporter`:
 * the same arguments without the flag, the reporter in the environment. Nothing for a worker, a child
 * already started this way, or a command line without the flag.
 */
export function rerunPlan(
  argv: readonly string[],
  execArgv: readonly string[],
  env: NodeJS.ProcessEnv,
): { command: string; args: string[]; env: NodeJS.ProcessEnv } | undefined {
  if (env.TEST_WORKER_INDEX !== undefined || env[RERUN_ENV]) return undefined;
  const [node, script, ...args] = argv;
  if (!node || !script || args[0] !== "test") return undefined;
  const { reporter, rest } = takeReporterFlag(args);
  if (reporter === undefined) return undefined;
  return { command: node, args: [...execArgv, script, ...rest], env: { ...env, [TERMINAL_REPORTER_ENV]: reporter, [RERUN_ENV]: "1" } };
}

/** Runs the plan, if any, and exits with its code; else returns and the config loads as usual. */
export function rerunIfReporterFlag(): void {
  const plan = rerunPlan(process.argv, process.execArgv, process.env);
  if (!plan) {
    // Read once, by this run: runs started from its tests (harness specs run the CLI) decide for themselves.
    if (process.env.TEST_WORKER_INDEX === undefined) delete process.env[RERUN_ENV];
    return;
  }
  const child = spawnSync(plan.command, plan.args, { stdio: "inherit", env: plan.env });
  process.exit(child.status ?? 1);
}
