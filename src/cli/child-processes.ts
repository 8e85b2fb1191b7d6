import { type ChildProcess, type StdioOptions, spawn } from "node:child_process";
import { REPORT_READY_ENV, reportReadyValue } from "../report/report-ready-reporter.ts";

/** A child's exit as an exit code: its own, 130 when interrupted, else 1. */
const childExitCode = (code: number | null, signal: NodeJS.Signals | null) => code ?? (signal === "SIGINT" ? 130 : 1);

/** Where Playwright's runner finds the pipe its report-ready reporter writes to. */
const READY_FD = 3;

/**
 * A Node child on this terminal. `onReportReady`: the child is Playwright's runner, given a pipe on which its
 * report-ready reporter says when the Allure report can be written (src/report/report-ready-reporter.ts).
 */
export function spawnNode(args: readonly string[], env: NodeJS.ProcessEnv = process.env, onReportReady?: () => void): Promise<number> {
  const stdio: StdioOptions = onReportReady ? ["inherit", "inherit", "inherit", "pipe"] : "inherit";
  const childEnv = onReportReady ? { ...env, [REPORT_READY_ENV]: reportReadyValue(READY_FD) } : env;
  return new Promise((done) => {
    const child = spawn(process.execPath, [...args], { stdio, env: childEnv });
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
export function spawnNodeQuietly(
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
