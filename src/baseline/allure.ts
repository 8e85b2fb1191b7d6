import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summaryLine } from "./format.ts";
import type { BaselineDiff } from "./types.ts";

/**
 * Puts a comparison into the Allure results, so the report shows what the terminal
 * showed: the diff as a global attachment ("baseline diff: <target>"), a global error
 * when it holds regressions, and a `baseline.<target>` line in the environment. File
 * names are fixed per target, so comparing again replaces rather than piles up.
 */
export function writeAllureDiff(resultsDir: string, diff: BaselineDiff, text: string): void {
  mkdirSync(resultsDir, { recursive: true });
  const stem = `sessionprobe-baseline-${diff.target}`;
  const attachment = `${stem}-attachment.txt`;
  writeFileSync(join(resultsDir, attachment), text);
  const errors = diff.counts.regression ? [{ message: `${summaryLine(diff)}: see the attachment "baseline diff: ${diff.target}"` }] : [];
  writeFileSync(
    join(resultsDir, `${stem}-globals.json`),
    JSON.stringify({ attachments: [{ name: `baseline diff: ${diff.target}`, type: "text/plain", source: attachment }], errors }, null, 2),
  );
  const envFile = join(resultsDir, "environment.properties");
  const key = `baseline.${diff.target}`;
  const kept = existsSync(envFile)
    ? readFileSync(envFile, "utf8")
        .split("\n")
        .filter((line) => line && !line.startsWith(`${key}=`))
    : [];
  writeFileSync(envFile, `${[...kept, `${key}=${summaryLine(diff).replace(/^baseline \S+: /, "")}`].join("\n")}\n`);
}
