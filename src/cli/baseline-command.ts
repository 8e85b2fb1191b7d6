import { allureResultsDir, compareWithBaseline } from "../baseline/run-compare.ts";
import { currentRecord, measureSource, type SourceOptions } from "../baseline/sources.ts";
import { baselinePath, baselinesDir, saveBaseline } from "../baseline/store.ts";
import { profileNames } from "../mocks/profiles.ts";
import { mocks } from "../mocks/registry.ts";
import { timeoutTable } from "../observe/timeouts/format.ts";
import { parseDuration } from "../time/duration.ts";
import { UsageError } from "./usage-error.ts";

export interface BaselineOptions {
  target: string[];
  targets?: string;
  inProcess: boolean;
  profile?: string;
  set: Record<string, string>;
  measure: boolean;
  dir?: string;
  resolution?: string;
  window?: string;
  bound?: string;
  maxWait?: string;
  service?: string[];
}

const duration = (value: string | undefined) => (value === undefined ? undefined : parseDuration(value));

function sourceOptions(values: BaselineOptions, target: string): SourceOptions {
  return {
    target,
    targetsFile: values.targets ?? process.env.SESSIONPROBE_TARGETS,
    inProcess: values.inProcess,
    profile: values.profile,
    set: values.set,
    measure: values.measure,
    measureOptions: {
      resolutionMs: duration(values.resolution),
      windowMs: duration(values.window),
      boundMs: duration(values.bound),
      maxWaitMs: duration(values.maxWait),
      services: values.service,
      log: (line) => process.stderr.write(`  ${line}\n`),
    },
  };
}

/** `sessionprobe baseline save|compare|measure`: keep what a target did, and see what changed since. */
export async function runBaseline(action: "save" | "compare" | "measure", values: BaselineOptions): Promise<number> {
  if (!values.target.length)
    throw new UsageError(
      `baseline ${action}: name a target with --target (a built-in mock: ${Object.keys(mocks).join(", ")}, or a target of --targets FILE)`,
    );
  if (values.profile && values.targets) throw new UsageError("--profile sets up a built-in mock; it does not go with --targets");
  const unknownProfile = values.target.find((target) => values.profile && !profileNames(target).includes(values.profile));
  if (values.profile && unknownProfile)
    throw new UsageError(
      `--profile: no profile "${values.profile}" for the ${unknownProfile} mock; known: ${profileNames(unknownProfile).join(", ") || "none"}`,
    );
  const dir = values.dir ?? baselinesDir();
  let exitCode = 0;
  for (const target of values.target) {
    const options = sourceOptions(values, target);
    if (values.profile)
      process.stderr.write(`  profile ${values.profile} of the ${target} mock (profiles: ${profileNames(target).join(", ")})\n`);
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
      process.stdout.write(
        `baseline ${target}: ${Object.keys(record.scenarios).length} scenarios${record.timeouts ? " and measured timeouts" : ""} saved to ${path}\n`,
      );
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
