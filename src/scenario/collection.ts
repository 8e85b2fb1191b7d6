import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deserialize, serialize } from "node:v8";
import { teamBehaviourProblems, teamBehavioursText } from "../catalogue/behaviours.ts";
import type { LoadedScenario, LoadedSuite } from "./load.ts";
import { cacheEnabled } from "../cache/user-cache.ts";
import { entryKey, readEntry, writeEntry } from "./collection-cache.ts";
import { type LoadProblem, ScenarioLoadError } from "./problems.ts";
import { positionedSteps } from "./positioned-steps.ts";
import { readScenarioSource, type SourceRead } from "./read-source.ts";
import { loadDrivers } from "../vendors/registry.ts";

/**
 * Collection once. A Playwright run evaluates the spec in the runner (to list the tests)
 * and again in every worker (to find the test it is given). The runner loads and
 * validates every file; it leaves what it loaded in a file for its workers, whose path it
 * puts in SESSIONPROBE_COLLECTION before they are forked (they inherit it). A worker reads
 * the files too — to hash them — and takes the runner's result when the hash says they
 * are the files the runner read; anything else (another runner's hand-over, a file
 * changed in between, Playwright's out-of-process loader) is loaded and validated here.
 * A worker that takes the hand-over never imports the loader (YAML, the validators).
 */
export const COLLECTION_ENV = "SESSIONPROBE_COLLECTION";
const FORMAT = "sessionprobe-collection/2";

interface Source {
  path: string;
  read: SourceRead;
}

/** What the hand-over holds for one scenario: a repeat counted by a target's option keeps its steps' positions, not its function. */
type StoredScenario = Omit<LoadedScenario, "stepsFor">;
type StoredSuite = Omit<LoadedSuite, "scenarios"> & { scenarios: StoredScenario[] };

interface HandOver {
  format: typeof FORMAT;
  key: string;
  suites: StoredSuite[];
}

/** Every file's path and text (or why it cannot be read), and the directory paths are told relative to. */
function keyOf(sources: readonly Source[], cwd: string): string {
  // The team's behaviours decide which covers: ids are known: a worker takes the hand-over only for the same file.
  const hash = createHash("sha256").update(`${FORMAT}\0${cwd}\0${teamBehavioursText()}\0`);
  for (const { path, read } of sources) hash.update(`${path}\0${"text" in read ? read.text : `problem: ${read.problem}`}\0`);
  return hash.digest("hex");
}

/** A suite as it can be written down: a repeat counted by a target's option keeps its positions, not its function. */
function storedSuite(suite: LoadedSuite): StoredSuite {
  return { ...suite, scenarios: suite.scenarios.map(({ stepsFor, ...scenario }) => scenario) };
}

/**
 * Suites written down by storedSuite, live again: a repeat counted by a target's option is unrolled from the
 * positions it kept, without the YAML loader (a worker never imports it: YAML, the checks, the validators).
 */
function restoredSuites(stored: readonly StoredSuite[]): LoadedSuite[] {
  return stored.map((suite) => ({
    ...suite,
    scenarios: suite.scenarios.map((scenario): LoadedScenario => {
      const positions = scenario.stepPositions;
      if (!positions) return scenario;
      return { ...scenario, stepsFor: (options) => positionedSteps(scenario.scenario.steps, positions, options) };
    }),
  }));
}

let ownDir: string | undefined;
let last: { handedOver: boolean; parsed?: number; fromCache?: number } | undefined;

/** Whether the last collectSuites of this process took the runner's hand-over, and how many files it parsed or took from the cache (the bench and the tests ask). */
export function lastCollection(): { handedOver: boolean; parsed?: number; fromCache?: number } | undefined {
  return last;
}

function handOver(key: string, suites: readonly LoadedSuite[]): void {
  try {
    if (!ownDir) {
      const dir = join(tmpdir(), `sessionprobe-collection-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
      ownDir = dir;
    }
    writeFileSync(join(ownDir, `${key}.bin`), serialize({ format: FORMAT, key, suites: suites.map(storedSuite) } satisfies HandOver));
    process.env[COLLECTION_ENV] = `${process.pid}:${ownDir}`;
  } catch {
    // No hand-over (a read-only temp dir): every worker loads the files itself, as it would without one.
  }
}

type Loader = typeof import("./load.ts");

/** The runner's result, when this process is one of its workers and the files are the ones it read. */
function fromRunner(key: string): LoadedSuite[] | undefined {
  const value = process.env[COLLECTION_ENV];
  const at = value?.indexOf(":") ?? -1;
  if (!value || at < 0 || Number(value.slice(0, at)) !== process.ppid) return undefined;
  let handed: HandOver;
  try {
    handed = deserialize(readFileSync(join(value.slice(at + 1), `${key}.bin`))) as HandOver;
  } catch {
    return undefined;
  }
  if (handed.format !== FORMAT || handed.key !== key) return undefined;
  return restoredSuites(handed.suites);
}

/**
 * The suites of a Playwright run: loaded and validated by the runner, handed to its
 * workers. Throws one error listing every problem in every file, as loadSuitesOrThrow does.
 */
export async function collectSuites(paths: readonly string[], options: { cwd?: string } = {}): Promise<LoadedSuite[]> {
  const cwd = options.cwd ?? process.cwd();
  const sources: Source[] = paths.map((path) => ({ path, read: readScenarioSource(path) }));
  const key = keyOf(sources, cwd);
  const handed = fromRunner(key);
  last = { handedOver: handed !== undefined };
  if (handed) return handed;
  // The checks read each vendor's driver (its calls, actions, options); a worker handed the collection never needs them.
  await loadDrivers();
  // In file order: a suite parsed here stays as it is; one read back from the cache is made live below.
  const collected: ({ live: LoadedSuite } | { kept: StoredSuite })[] = [];
  const problems: LoadProblem[] = [...teamBehaviourProblems()];
  let loader: Loader | undefined;
  for (const { path, read } of sources) {
    const entry = "text" in read && cacheEnabled() ? entryKey(path, read.text, cwd) : undefined;
    const kept = entry ? readEntry<StoredSuite>(entry) : undefined;
    if (kept) {
      collected.push({ kept });
      continue;
    }
    loader ??= await import("./load.ts");
    const result = loader.loadSuiteSource(path, read, { cwd });
    problems.push(...result.problems);
    if (!result.suite) continue;
    collected.push({ live: result.suite });
    if (entry && !result.problems.length) writeEntry(entry, storedSuite(result.suite));
  }
  if (problems.length) throw new ScenarioLoadError(problems);
  const keptSuites = collected.flatMap((c) => ("kept" in c ? [c.kept] : []));
  const restored = restoredSuites(keptSuites);
  const suites = collected.map((c) => ("live" in c ? c.live : (restored.shift() as LoadedSuite)));
  last = { handedOver: false, parsed: collected.length - keptSuites.length, fromCache: keptSuites.length };
  handOver(key, suites);
  return suites;
}
