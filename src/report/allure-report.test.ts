import { spawn } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { AllureResultsWriter } from "./allure-results-writer.ts";

/** allure-report.mjs started early (`--when-told`), as `sessionprobe run` starts it: told `told` once it has loaded. */
async function startedEarly(told: string): Promise<{ code: number | null; output: string; report: string }> {
  const dir = mkdtempSync(join(tmpdir(), "sp-allure-early-"));
  const results = join(dir, "allure-results");
  new AllureResultsWriter(results).writeResult({ uuid: "u1", name: "a scenario", status: "passed", labels: [] } as never);
  const report = join(dir, "allure-report");
  const root = join(import.meta.dirname, "..", "..");
  const child = spawn(
    process.execPath,
    [
      `--import=${join(root, "src/report/iterator-helpers.mjs")}`,
      join(root, "src/report/allure-report.mjs"),
      "--when-told",
      results,
      join(root, "allurerc.mjs"),
      report,
    ],
    { stdio: ["pipe", "pipe", "pipe"], env: { ...process.env, SESSIONPROBE_REPORTS: dir } },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  // It has loaded Allure and waits: nothing is written before it is told.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  expect(existsSync(report)).toBe(false);
  // Its standard input ends as it does when the CLI that started it exits.
  child.stdin.end(told);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return { code, output, report };
}

test("the report process started early writes the report when told to go, and the gate's verdict is its exit code", async () => {
  const { code, report } = await startedEarly("go\n");
  expect(code).toBe(0);
  expect(existsSync(join(report, "index.html"))).toBe(true);
});

test("the report process started early writes nothing when the run ends without results, or its parent goes away", async () => {
  const cancelled = await startedEarly("");
  expect(cancelled.code).toBe(0);
  expect(cancelled.output).toBe("");
  expect(existsSync(cancelled.report)).toBe(false);
});
