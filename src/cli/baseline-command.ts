import { parseArgs } from "node:util";
import { allureResultsDir, COMPARE_ENV, compareWithBaseline } from "../baseline/run-compare.ts";
import { currentRecord, measureSource, type SourceOptions } from "../baseline/sources.ts";
import { baselinePath, baselinesDir, saveBaseline } from "../baseline/store.ts";
import { profileNames } from "../mocks/profiles.ts";
import { mocks } from "../mocks/registry.ts";
import { timeoutTable } from "../observe/timeouts/format.ts";
import { parseDuration } from "../time/duration.ts";

export const BASELINE_USAGE = `  sessionprobe baseline save|compare --target NAME [--targets FILE] [--measure]
                    [--in-process [--profile P] [--set option=value]…] [--dir DIR]
                                                   keep the last run's observation record of a target as its
                                                   baseline (baselines/NAME.json), or compare the last run with it
                                                   (exit 1 when a DOC or WIRE behaviour changed); see docs/baselines.md
  sessionprobe baseline measure --target NAME [--targets FILE] [--profile P] [--resolution 1s]
                    [--window 2m] [--bound 24h] [--max-wait 40m] [--service vendor/service]…
                                                   measure the idle and absolute timeouts (documented vs measured)
  sessionprobe run|conformance --compare-baseline …  the run, then the comparison of every target it ran
`;

const duration = (value: string | undefined) => (value === undefined ? undefined : parseDuration(value));

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      target: { type: "string", multiple: true, default: [] },
      targets: { type: "string" },
      "in-process": { type: "boolean", default: false },
      profile: { type: "string" },
      set: { type: "string", multiple: true, default: [] },
      measure: { type: "boolean", default: false },
      dir: { type: "string" },
      resolution: { type: "string" },
      window: { type: "string" },
      bound: { type: "string" },
      "max-wait": { type: "string" },
      service: { type: "string", multiple: true },
    },
  });
}

function sourceOptions(values: ReturnType<typeof parse>["values"], target: string): SourceOptions {
  const set: Record<string, string> = {};
  for (const pair of values.set) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new Error(`--set expects option=value, got "${pair}"`);
    set[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return {
    target,
    targetsFile: values.targets ?? process.env.SESSIONPROBE_TARGETS,
    inProcess: values["in-process"],
    profile: values.profile,
    set,
    measure: values.measure,
    measureOptions: {
      resolutionMs: duration(values.resolution),
      windowMs: duration(values.window),
      boundMs: duration(values.bound),
      maxWaitMs: duration(values["max-wait"]),
      services: values.service,
      log: (line) => process.stderr.write(`  ${line}\n`),
    },
  };
}

/** `sessionprobe baseline save|compare|measure`: keep what a target did, and see what changed since. */
export async function runBaseline(args: readonly string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const action = positionals[0];
  if (action !== "save" && action !== "compare" && action !== "measure") throw new Error(`baseline: expected save, compare or measure\n\n${BASELINE_USAGE}`);
  if (!values.target.length) throw new Error(`baseline ${action}: name a target with --target (a built-in mock: ${Object.keys(mocks).join(", ")}, or a target of --targets FILE)`);
  if (values.profile && values.targets) throw new Error("--profile sets up a built-in mock; it does not go with --targets");
  const dir = values.dir ?? baselinesDir();
  let exitCode = 0;
  for (const target of values.target) {
    const options = sourceOptions(values, target);
    if (values.profile) process.stderr.write(`  profile ${values.profile} of the ${target} mock (profiles: ${profileNames(target).join(", ")})\n`);
    if (action === "measure") {
      const timeouts = await measureSource(options);
      process.stdout.write(`timeouts of ${target} (documented vs measured):\n${timeoutTable(timeouts).join("\n")}\n`);
      continue;
    }
    const record = await currentRecord(options);
    if (action === "save") {
      const path = baselinePath(target, dir);
      saveBaseline(record, path);
      const failed = Object.values(record.scenarios).filter((s) => s.outcome === "failed").length;
      process.stdout.write(`baseline ${target}: ${Object.keys(record.scenarios).length} scenarios${record.timeouts ? " and measured timeouts" : ""} saved to ${path}\n`);
      if (failed) process.stdout.write(`  note: ${failed} scenario(s) failed in the run this baseline comes from\n`);
      if (record.timeouts) process.stdout.write(`${timeoutTable(record.timeouts).join("\n")}\n`);
      continue;
    }
    const compared = compareWithBaseline(record, { baselinesDir: dir, allureResultsDir: allureResultsDir() });
    process.stdout.write(compared.text);
    exitCode = Math.max(exitCode, compared.exitCode);
  }
  if (action === "compare") process.stdout.write("(the Allure results hold the diff too; sessionprobe report regenerates the report)\n");
  return exitCode;
}

/** `run` / `conformance` with --compare-baseline: the flag goes; the observation reporter compares at the end of the run. */
export function takeCompareFlag(args: readonly string[]): string[] {
  if (!args.includes("--compare-baseline")) return [...args];
  process.env[COMPARE_ENV] = "1";
  return args.filter((arg) => arg !== "--compare-baseline");
}
