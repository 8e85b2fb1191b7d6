import { mkdirSync, mkdtempSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { stripVTControlCharacters } from "node:util";
import type { CommandResult } from "./proc.ts";
import { seconds } from "./stats.ts";

const require = createRequire(import.meta.url);

export const BENCH_DIR = join(import.meta.dirname, "..");
export const ROOT = join(BENCH_DIR, "..");
export const NODE = process.execPath;
export const PLAYWRIGHT_CLI = require.resolve("@playwright/test/cli");
export const STEPCI_CLI = join(ROOT, "node_modules", "stepci", "dist", "index.js");
export const SESSIONPROBE_CLI = join(ROOT, "bin", "sessionprobe.mjs");
export const BENCH_CONFIG = join(BENCH_DIR, "playwright.config.ts");
/** The standalone mock's public test user. */
export const MOCK_USER = { username: "emuser", password: "empass-1234" };

export const strip = stripVTControlCharacters;

/** The 1-minute load average: what else the machine was doing when a section started. */
export const load1 = () => (loadavg()[0] ?? Number.NaN).toFixed(2);

/** What every section shares: the temp directory, the log, the failures, the environment of a measured command. */
export interface Bench {
  tmp: string;
  failures: string[];
  elapsed(): number;
  log(line: string): void;
  /** A fresh directory under the temp dir. */
  dir(label: string): string;
  env(label: string, extra?: Record<string, string>): NodeJS.ProcessEnv;
  /** Whether a command exited 0 (and printed `expectOutput`); records a failure with its output's tail if not. */
  check(what: string, result: CommandResult, expectOutput?: RegExp): boolean;
}

export function createBench(): Bench {
  const started = performance.now();
  const tmp = mkdtempSync(join(tmpdir(), "sessionprobe-bench-"));
  const failures: string[] = [];
  let seq = 0;
  const elapsed = () => performance.now() - started;
  const log = (line: string) => process.stdout.write(`[bench ${seconds(elapsed()).padStart(8)}] ${line}\n`);
  const dir = (label: string) => {
    const path = join(tmp, "runs", `${String(++seq).padStart(3, "0")}-${label}`);
    mkdirSync(path, { recursive: true });
    return path;
  };
  return {
    tmp,
    failures,
    elapsed,
    log,
    dir,
    /**
     * Reports in a fresh directory (nothing ever lands in the user's reports/), the bench's own collection cache, no inherited
     * target file or worker count, and no CI (so Playwright's list reporter prints one timed
     * line per test, which the breakdowns read).
     */
    env(label, extra = {}) {
      // The loaded-file cache in the bench's own folder: a measured run never depends on what the user's earlier runs left.
      const base: NodeJS.ProcessEnv = {
        ...process.env,
        SESSIONPROBE_REPORTS: dir(label),
        SESSIONPROBE_CACHE_DIR: join(tmp, "collection-cache"),
        ...extra,
      };
      if (!("SESSIONPROBE_TARGETS" in extra)) delete base.SESSIONPROBE_TARGETS;
      if (!("SESSIONPROBE_WORKERS" in extra)) delete base.SESSIONPROBE_WORKERS;
      delete base.CI;
      return base;
    },
    check(what, result, expectOutput) {
      const out = strip(result.stdout);
      if (result.code === 0 && (!expectOutput || expectOutput.test(out))) return true;
      const tail = `${out}\n${strip(result.stderr)}`.trim().split("\n").slice(-15).join("\n");
      const lacks = expectOutput && !expectOutput.test(out) ? `, output lacks ${expectOutput}` : "";
      failures.push(`${what}: exit ${result.code}${lacks}\n${tail}`);
      log(`FAILED: ${what} (exit ${result.code})`);
      return false;
    },
  };
}

/** The last line of a child's stdout as JSON (the bench's own child scripts print one line). */
export function lastJson<T>(result: CommandResult): T | undefined {
  try {
    return JSON.parse(strip(result.stdout).trim().split("\n").at(-1) ?? "") as T;
  } catch {
    return undefined;
  }
}

/** Runs `first` and `second` back to back, the second first in odd rounds, so neither side always runs on a warmer machine. */
export async function inOrder<T>(round: number, first: () => Promise<T>, second: () => Promise<T>): Promise<[T, T]> {
  if (round % 2) {
    const b = await second();
    return [await first(), b];
  }
  const a = await first();
  return [a, await second()];
}
