import { existsSync, writeSync } from "node:fs";
import type { Reporter } from "@playwright/test/reporter";

/**
 * Tells `sessionprobe` that the Allure report can be written: its results and what it reads beside them
 * (summary.json, the statement) are complete once the reporters before this one have ended. A run against real
 * targets then writes the report while the runner is still ending (the reporters after this one: the baseline,
 * Playwright's blob zip, the totals; the workers' teardown): ≈ 0.4 s off a nightly run. A run against the mocks
 * writes it after the runner's exit, as before: it is CPU-bound, and memory peaks lower. The CLI names the pipe
 * in SESSIONPROBE_REPORT_READY as "<its pid>:<fd>"; a runner that is not its child (a run started inside
 * another, a direct `npx playwright test`) tells nobody, and the CLI writes the report after the runner's exit.
 */
export const REPORT_READY_ENV = "SESSIONPROBE_REPORT_READY";

/** The value the CLI puts in the runner's environment for the pipe at `fd` of the runner it starts. */
export const reportReadyValue = (fd: number) => `${process.pid}:${fd}`;

/** Writes "ready" to the CLI's pipe when this process is the runner that CLI started; true when told. */
export function tellReportReady(env: NodeJS.ProcessEnv = process.env): boolean {
  const [pid, fd] = (env[REPORT_READY_ENV] ?? "").split(":").map(Number);
  if (pid !== process.ppid || fd === undefined || !Number.isInteger(fd)) return false;
  try {
    writeSync(fd, "ready\n");
    return true;
  } catch {
    // The CLI went away or gave no pipe: it writes the report after the runner's exit, as without this.
    return false;
  }
}

export default class ReportReadyReporter implements Reporter {
  constructor(private readonly options: { resultsDir: string }) {}

  printsToStdio(): boolean {
    return false;
  }

  onEnd(): void {
    // A run that wrote no results (nothing ran, a `--list`) has no report to write.
    if (existsSync(this.options.resultsDir)) tellReportReady();
  }
}
