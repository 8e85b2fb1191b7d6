import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

export const ROOT = join(import.meta.dirname, "..", "..", "..");
const CLI = join(ROOT, "bin", "sessionprobe.mjs");

/** The environment a child run gets: this machine's, without the parent Playwright's worker variables. */
export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!/^(PW_|TEST_|PLAYWRIGHT_|FORCE_COLOR)/.test(name)) env[name] = value;
  return { ...env, ...extra, FORCE_COLOR: "0" };
}

export interface StandaloneMock {
  baseUrl: string;
  output: () => string;
  stop(): Promise<void>;
}

/** `sessionprobe mock …` in its own process, as a user would start it; resolves once it prints its URL. */
export function startStandaloneMock(args: readonly string[], cwd = ROOT): Promise<StandaloneMock> {
  const child = spawn(process.execPath, [CLI, "mock", ...args], { cwd, env: childEnv({}), stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the mock did not start within 20 s:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening on (https?:\/\/\S+)/)?.[1];
      if (url && output.trimEnd().endsWith(url)) {
        clearTimeout(timer);
        resolve({ baseUrl: url, output: () => output, stop: () => stop(child) });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the mock exited with ${code}:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/** Runs a Node script to completion; stdout and stderr together, as a terminal would show them. */
function runNode(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
  cwd = ROOT,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { cwd, env: childEnv(env), stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    child.once("exit", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `sessionprobe ARGS`, as a user would run it (from the checkout, or from `cwd`: a team's repository). */
export function runCli(args: readonly string[], env: Record<string, string>, cwd = ROOT): Promise<{ code: number; output: string }> {
  return runNode(CLI, args, env, cwd);
}

/** `npx playwright test ARGS` with the project's own config, bypassing the CLI. */
export function runPlaywrightTest(args: readonly string[], env: Record<string, string>): Promise<{ code: number; output: string }> {
  return runNode(join(ROOT, "node_modules", "@playwright", "test", "cli.js"), ["test", ...args], env);
}
