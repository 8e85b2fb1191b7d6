import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ConfigurationError } from "../engine/failure.ts";
import { checkCensus, mergedRun, readShardFolders, stageBlobs } from "../report/merge-inputs.ts";
import { type Census, MERGE_PLAN_ENV, type MergePlan } from "../report/merge-plan.ts";
import { EXIT, type Verdict } from "../report/verdict.ts";
import { OWN_EXTENSION, PACKAGE_ROOT, reportsDir } from "./package-paths.ts";
import { exitCodeOf } from "./playwright-commands.ts";
import { runReport } from "./report-process.ts";

const require = createRequire(import.meta.url);

/** `npx playwright merge-reports --config src/report/merge-config.ts <dir>` with a plan; the census pass is quiet unless it fails. */
function mergeReports(dir: string, planFile: string, quiet: boolean): Promise<{ code: number; output: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, SESSIONPROBE_REPORTS: reportsDir(), [MERGE_PLAN_ENV]: planFile };
  // The merge machine has no targets file and asks no server: nothing may read one by accident.
  delete env.SESSIONPROBE_TARGETS;
  const args = [
    require.resolve("@playwright/test/cli"),
    "merge-reports",
    "--config",
    join(PACKAGE_ROOT, "src", "report", `merge-config${OWN_EXTENSION}`),
    dir,
  ];
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { env, stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit" });
    let output = "";
    child.stdout?.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr?.on("data", (c: Buffer) => (output += c.toString()));
    child.on("exit", (code, signal) => done({ code: code ?? (signal === "SIGINT" ? 130 : 1), output }));
  });
}

function readVerdict(reports: string): Verdict | undefined {
  const file = join(reports, "summary.json");
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as { verdict?: Verdict }).verdict : undefined;
}

/**
 * `sessionprobe merge <folders…>`: one result for a sharded run. Over Playwright's blob
 * reports and `merge-reports`, in two passes: a census of what each shard's blob holds
 * (checked: one run, every shard once, no test run twice), then the run's own reporters
 * over the merged results — summary.json and the terminal summary, evidence.json (the
 * shards' facts and spans), junit.xml, Allure results — and the Allure report. The exit
 * code follows a run's rules (README "Exit codes"); bad folders exit 2 before anything is written.
 */
export async function runMerge(folders: readonly string[]): Promise<number> {
  const reports = reportsDir();
  const stage = mkdtempSync(join(tmpdir(), "sessionprobe-merge-"));
  try {
    const shards = readShardFolders(folders, reports);
    const blobs = join(stage, "blobs");
    mkdirSync(blobs);
    const staged = stageBlobs(shards, blobs);
    const planFile = join(stage, "plan.json");
    const censusFile = join(stage, "census.json");
    const writePlan = (plan: MergePlan) => writeFileSync(planFile, JSON.stringify(plan));

    writePlan({ stage: "census", censusFile });
    const census = await mergeReports(blobs, planFile, true);
    if (census.code !== 0 || !existsSync(censusFile)) {
      process.stderr.write(census.output);
      throw new ConfigurationError(
        "sessionprobe merge",
        `Playwright could not read the blob reports of ${shards.map((s) => s.label).join(", ")} (above): were they written by this version of sessionprobe and Playwright? Re-run the shards with the version the merge runs`,
      );
    }
    const found = JSON.parse(readFileSync(censusFile, "utf8")) as Census;
    const drop = checkCensus(found, staged);
    const merged = mergedRun(found, staged);
    console.log(
      `sessionprobe merge: ${merged.reports.map((r) => `${r.shard ? `shard ${r.shard}` : "unsharded run"} from ${r.folder}`).join(", ")} into ${reports}`,
    );

    // Fresh results, as a run clears them: yesterday's Allure results would join today's report (the history is kept apart).
    for (const file of ["allure-results", "summary.json", "evidence.json", "junit.xml", "statement.md", "statement.html"])
      rmSync(join(reports, file), { recursive: true, force: true });
    writePlan({ stage: "merge", outputDir: reports, drop, merged });
    const merge = await mergeReports(blobs, planFile, false);
    const verdict = readVerdict(reports);
    if (!verdict) {
      if (merge.code !== 0) return EXIT.incomplete;
      throw new ConfigurationError(
        "sessionprobe merge",
        `the blob reports of ${shards.map((s) => s.label).join(", ")} hold no scenario result: nothing to merge`,
      );
    }
    // As a run: a shard that ended failed, interrupted or timed out with every scenario passed, or a reporter that failed, leaves the run incomplete.
    const ran = merge.code !== 0 || found.reports.some((r) => r.status !== "passed") ? 1 : 0;
    const code = exitCodeOf(ran, verdict);
    if (!existsSync(join(reports, "allure-results"))) return code;
    const reportCode = await runReport();
    if (code === EXIT.conformed && reportCode !== 0) return EXIT.incomplete;
    return code;
  } catch (error) {
    if (!(error instanceof ConfigurationError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return EXIT.usage;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}
