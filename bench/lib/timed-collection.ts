import { performance } from "node:perf_hooks";
import type { LoadedSuite } from "../../src/scenario/load.ts";
import "../../test-support/drivers.ts";

/** How long collection took in this process, as bench/collect.ts prints it. */
export interface CollectionTiming {
  /** Importing the loader: cold modules (YAML, the validators), first in a fresh process. */
  importMs: number;
  findMs: number;
  /** The `loadSuiteFiles` call alone: reading, parsing and validating every file. */
  loadMs: number;
  files: number;
  suites: number;
  scenarios: number;
  problems: number;
}

/**
 * Collection as a fresh process does it: import the loader, find the files, load and
 * validate them. Shared by bench/collect.ts (row 5) and bench/engine-direct.ts (the
 * growth rows, which collect and then run in the same process).
 */
export async function timeCollection(dir: string): Promise<{ timing: CollectionTiming; suites: LoadedSuite[] }> {
  const t0 = performance.now();
  const [{ loadSuiteFiles }, { findSuiteFiles }] = await Promise.all([
    import("../../src/scenario/load.ts"),
    import("../../src/scenario/discover.ts"),
  ]);
  const t1 = performance.now();
  const files = findSuiteFiles(dir);
  const t2 = performance.now();
  const { suites, problems } = loadSuiteFiles(files);
  const t3 = performance.now();
  const timing: CollectionTiming = {
    importMs: t1 - t0,
    findMs: t2 - t1,
    loadMs: t3 - t2,
    files: files.length,
    suites: suites.length,
    scenarios: suites.reduce((n, s) => n + s.scenarios.length, 0),
    problems: problems.length,
  };
  return { timing, suites };
}

/** A run's collection (`collectSuites`, as the Playwright runner does it): with the loaded-file cache, and how many files it parsed. */
export interface RunCollectionTiming {
  importMs: number;
  collectMs: number;
  suites: number;
  parsed: number;
  fromCache: number;
}

export async function timeRunCollection(dir: string): Promise<RunCollectionTiming> {
  const t0 = performance.now();
  const [{ collectSuites, lastCollection }, { findSuiteFiles }] = await Promise.all([
    import("../../src/scenario/collection.ts"),
    import("../../src/scenario/discover.ts"),
  ]);
  const t1 = performance.now();
  const suites = await collectSuites(findSuiteFiles(dir));
  const t2 = performance.now();
  const last = lastCollection();
  return {
    importMs: t1 - t0,
    collectMs: t2 - t1,
    suites: suites.length,
    parsed: last?.parsed ?? Number.NaN,
    fromCache: last?.fromCache ?? Number.NaN,
  };
}
