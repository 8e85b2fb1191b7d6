import { allureResultsDir, compareWithBaseline } from "../baseline/run-compare.ts";
import { currentRecord, measureSource, type SourceOptions } from "../baseline/sources.ts";
import { baselinePath, baselinesDir, saveBaseline } from "../baseline/store.ts";
import { loadMock, vendorIds } from "../vendors/registry.ts";
import { findVariant } from "../vendors/variants.ts";
import { timeoutTable } from "../observe/timeouts/format.ts";
import { parseDuration } from "../time/duration.ts";
import { UsageError } from "./usage-error.ts";

export interface BaselineOptions {
  target: string[];
  targets?: string;
  inProcess: boolean;
  variant?: string;
  /** The old name of --variant. */
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
    variant: values.variant,
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
      `baseline ${action}: name a target with --target (a built-in mock: ${vendorIds.join(", ")}, or a target of --targets FILE)`,
    );
  if (values.variant === undefined && values.profile !== undefined) values.variant = values.profile;
  if (values.variant && values.targets) throw new UsageError("--variant sets up a built-in mock; it does not go with --targets");
  for (const target of values.target) {
    try {
      const mock = await loadMock(target);
      if (values.variant && mock) findVariant(mock, values.variant);
    } catch (error) {
      throw new UsageError(`--variant: ${(error as Error).message}`);
    }
  }
  const dir = values.dir ?? baselinesDir();
  let exitCode = 0;
  for (const target of values.target) {
    const options = sourceOptions(values, target);
    if (values.variant) process.stderr.write(`  variant ${values.variant} of the ${target} mock\n`);
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
