import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { loadTargets } from "../targets/load.ts";

const require = createRequire(import.meta.url);
const reportsDir = () => process.env.SESSIONPROBE_REPORTS ?? "reports";

function spawnNode(script: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: "inherit", env });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function playwright(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  return spawnNode(require.resolve("@playwright/test/cli"), ["test", ...args], env);
}

/** Fresh results per run: Allure would otherwise merge yesterday's results into today's report. */
function clearResults(): void {
  rmSync(join(reportsDir(), "allure-results"), { recursive: true, force: true });
}

export async function runReport(): Promise<number> {
  const results = join(reportsDir(), "allure-results");
  if (!existsSync(results)) throw new Error(`no results in ${results}: run the suites first`);
  const output = join(reportsDir(), "allure-report");
  const code = await spawnNode(join(require.resolve("allure"), "..", "..", "cli.js"), ["generate", results, "--config", "allurerc.mjs", "--output", output]);
  if (code === 0) console.log(`Allure report: ${join(output, "index.html")} (a single file: open it in a browser)`);
  return code;
}

/** Every suite against the built-in mocks, then the HTML report; the exit code is the tests'. */
export async function runConformance(args: readonly string[]): Promise<number> {
  clearResults();
  const code = await playwright(["--project", "mocks", ...args]);
  const reportCode = await runReport();
  return code || reportCode;
}

/** The suites against real targets: one Playwright project per target. */
export async function runTargets(args: readonly string[]): Promise<number> {
  const rest = [...args];
  const take = (flag: string): string[] => {
    const found: string[] = [];
    for (let i = rest.indexOf(flag); i >= 0; i = rest.indexOf(flag)) {
      const value = rest[i + 1];
      if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value`);
      found.push(value);
      rest.splice(i, 2);
    }
    return found;
  };
  const [targetsFile, ...extra] = take("--targets");
  const file = targetsFile ?? process.env.SESSIONPROBE_TARGETS;
  if (!file || extra.length) throw new Error("run: expected one --targets <file> (or SESSIONPROBE_TARGETS)");
  const targets = loadTargets(file);
  const wanted = take("--target");
  const unknown = wanted.filter((name) => !targets.some((t) => t.name === name));
  if (unknown.length) throw new Error(`unknown target(s) ${unknown.join(", ")} in ${file}; known: ${targets.map((t) => t.name).join(", ")}`);
  clearResults();
  const projects = (wanted.length ? wanted : targets.map((t) => t.name)).flatMap((name) => ["--project", name]);
  const code = await playwright([...projects, ...rest], { ...process.env, SESSIONPROBE_TARGETS: file });
  const reportCode = await runReport();
  return code || reportCode;
}
