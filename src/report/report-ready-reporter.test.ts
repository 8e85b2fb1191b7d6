import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { REPORT_READY_ENV, reportReadyValue } from "./report-ready-reporter.ts";

const MODULE = join(import.meta.dirname, "report-ready-reporter.ts");

/**
 * A runner as the CLI starts one: a child with a pipe at fd 3, whose reporter ends with `resultsDir`. What the
 * CLI reads on the pipe, and what the reporter answered.
 */
function runnerEnding(resultsDir: string, readyValue: string): Promise<{ heard: string; told: string }> {
  const script = `
    const { default: Reporter, tellReportReady } = await import(${JSON.stringify(MODULE)});
    new Reporter({ resultsDir: ${JSON.stringify(resultsDir)} }).onEnd();
    process.stdout.write(String(tellReportReady()));`;
  // The reporter's onEnd first, then tellReportReady called directly (its answer on stdout).
  const child = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    stdio: ["ignore", "pipe", "inherit", "pipe"],
    env: { ...process.env, [REPORT_READY_ENV]: readyValue },
  });
  let heard = "";
  let told = "";
  child.stdio[3]?.on("data", (chunk: Buffer) => {
    heard += chunk.toString();
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    told += chunk.toString();
  });
  return new Promise((done) => child.on("close", () => done({ heard, told })));
}

test("the runner the CLI started says on the CLI's pipe that the report can be written, once its results exist", async () => {
  const results = mkdtempSync(join(tmpdir(), "sp-ready-"));
  const { heard } = await runnerEnding(results, reportReadyValue(3));
  // Once from the reporter's onEnd, once from the direct call: the CLI acts on the first.
  expect(heard.split("\n").filter(Boolean)).toEqual(["ready", "ready"]);
});

test("a run without results tells nothing: there is no report to write", async () => {
  const { heard, told } = await runnerEnding(join(tmpdir(), "sp-ready-none", "allure-results"), reportReadyValue(3));
  // Only the direct call was heard: the reporter, seeing no results, said nothing.
  expect(told).toBe("true");
  expect(heard).toBe("ready\n");
});

test("a runner the CLI did not start (another parent's pid in the variable) writes to no pipe", async () => {
  const results = mkdtempSync(join(tmpdir(), "sp-ready-"));
  const { heard, told } = await runnerEnding(results, `${process.pid + 1}:3`);
  expect(heard).toBe("");
  expect(told).toBe("false");
});
