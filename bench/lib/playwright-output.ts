import { strip } from "./context.ts";
import type { CommandResult } from "./proc.ts";

/**
 * What the bench reads from Playwright's list reporter: when lines arrived (the
 * child's stdout is timed line by line), Playwright's own figure for the run, and
 * the window each project's tests ran in.
 */
export const RUNNING = /^Running \d+ tests? using \d+ workers?/;
export const PASSED = /^\s*\d+ passed \((\d+(?:\.\d+)?)(ms|s|m)\)/;
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000 };
/** One finished test: project, then its duration at the end of the line. */
const TEST_LINE = /^\s*(?:✓|✘|ok|x)\s+\d+\s+\[([^\]]+)\]\s+›.*\((\d+(?:\.\d+)?)(ms|s|m)\)\s*$/;

const toMs = (value: string, unit: string) => Number(value) * (UNIT_MS[unit] ?? 1);

/** When a line matching `pattern` first arrived on stdout (ms since spawn). */
export const lineAt = (result: CommandResult, pattern: RegExp) => result.lines.find((l) => pattern.test(strip(l.text)))?.atMs ?? Number.NaN;

/** Playwright's own figure for the run ("100 passed (4.5s)"). */
export function playwrightMs(result: CommandResult): number {
  const match = strip(result.stdout)
    .split("\n")
    .map((l) => PASSED.exec(l))
    .find(Boolean);
  return match ? toMs(match[1] as string, match[2] as string) : Number.NaN;
}

export interface ProjectWindow {
  project: string;
  /** First test's start (its line's arrival minus its duration) and last test's end, ms since spawn. */
  startMs: number;
  endMs: number;
  tests: number;
  busyMs: number;
}

/** The projects in the order they ran, each with the window its tests ran in. */
export function projectWindows(result: CommandResult): ProjectWindow[] {
  const windows = new Map<string, ProjectWindow>();
  for (const line of result.lines) {
    const match = TEST_LINE.exec(strip(line.text));
    if (!match) continue;
    const project = match[1] as string;
    const durationMs = toMs(match[2] as string, match[3] as string);
    const w = windows.get(project) ?? { project, startMs: Number.POSITIVE_INFINITY, endMs: 0, tests: 0, busyMs: 0 };
    w.startMs = Math.min(w.startMs, line.atMs - durationMs);
    w.endMs = Math.max(w.endMs, line.atMs);
    w.tests++;
    w.busyMs += durationMs;
    windows.set(project, w);
  }
  return [...windows.values()].sort((a, b) => a.startMs - b.startMs);
}

/** What the bench keeps of one Playwright run: its wall time, Playwright's own figure, and its shape. */
export interface PlaywrightRun {
  wallMs: number;
  innerMs: number;
  firstStartMs: number;
  meanTestMs: number;
}

export function playwrightRun(result: CommandResult): PlaywrightRun {
  return { wallMs: result.wallMs, innerMs: playwrightMs(result), ...runShape(result) };
}

/** A one-project run: the first test's start (≈ runner and worker start-up) and the mean test duration. */
export function runShape(result: CommandResult): { firstStartMs: number; meanTestMs: number } {
  const [w] = projectWindows(result);
  return w ? { firstStartMs: w.startMs, meanTestMs: w.busyMs / w.tests } : { firstStartMs: Number.NaN, meanTestMs: Number.NaN };
}
