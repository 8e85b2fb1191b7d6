import { referenceModel } from "../explore/models.ts";
import { findDriver, loadMock, vendorIds } from "../vendors/registry.ts";
import { RealTime, VirtualTime } from "../engine/time.ts";
import { explore, type ExploreOutcome, type ExploreSetup, ExploreUnavailable } from "../explore/explore.ts";
import { exploreMock } from "../explore/on-mock.ts";
import { nextScenarioFile, scenarioYaml, writeScenario } from "../explore/write-scenario.ts";
import { Transport } from "../http/transport.ts";
import { EXIT } from "../report/verdict.ts";
import { systemClock } from "../time/clock.ts";
import { formatDuration } from "../time/duration.ts";
import { UsageError } from "./usage-error.ts";

export interface ExploreCommandOptions {
  targets?: string;
  target?: string;
  mock?: string;
  defect: string[];
  variant?: string;
  runs: number;
  seed?: number;
  maxCommands?: number;
  out: string;
}

/**
 * `sessionprobe explore`: random command sequences of a vendor's reference model against
 * one target (a real one from the targets file, or a built-in mock in this process on its
 * virtual clock), each answer checked against the answers the model allows. A sequence
 * that breaks the model is shrunk and written as a scenario that `sessionprobe run`
 * reproduces. Exit 0: nothing found; 1: a counterexample; 2: usage; 3/4: no verdict.
 */
export async function runExplore(options: ExploreCommandOptions): Promise<number> {
  if ((options.mock === undefined) === (options.target === undefined))
    throw new UsageError("explore: name exactly one of --mock <vendor> (the built-in mock) or --target <name> (with --targets <file>)");
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const common = { runs: options.runs, seed, ...(options.maxCommands ? { maxCommands: options.maxCommands } : {}) };
  let outcome: ExploreOutcome;
  let targetName: string;
  let vendor: string;
  try {
    if (options.mock !== undefined) {
      ({ outcome, targetName, vendor } = await onMock(options.mock, options, common));
    } else {
      ({ outcome, targetName, vendor } = await onTarget(options, common));
    }
  } catch (error) {
    if (error instanceof ExploreUnavailable) throw new UsageError(`explore: ${error.message}`);
    throw error;
  }
  const summary = `explored ${targetName} (${vendor}): ${outcome.runs} run(s), ${outcome.steps} step(s), seed ${seed}, ${formatDuration(outcome.durationMs)}`;
  const { finding } = outcome;
  if (!finding) {
    process.stdout.write(`${summary}: every answer was one the model allows\n`);
    return EXIT.conformed;
  }
  const written = writeScenario(
    outcome.file,
    scenarioYaml(finding, { vendor, target: targetName, seed, runs: outcome.runs, when: new Date(systemClock.now()) }),
  );
  const verdict =
    finding.kind === "expectation"
      ? `counterexample: ${finding.ids.join(", ") || "a behaviour"} broken`
      : `no verdict: the exploration ended in a ${finding.kind} failure`;
  process.stdout.write(
    [
      `${summary}`,
      `${verdict} after ${finding.steps.length} step(s) (shrunk)`,
      ...finding.message.split("\n").map((line) => `  ${line}`),
      `written to ${written}`,
      `reproduce: SESSIONPROBE_SUITES=${written} sessionprobe run … (or explore again with --seed ${seed})`,
      "",
    ].join("\n"),
  );
  if (finding.kind === "expectation") return EXIT.nonConformance;
  if (finding.kind === "configuration") return EXIT.usage;
  return finding.kind === "transport" ? EXIT.unreachable : EXIT.incomplete;
}

async function onMock(vendor: string, options: ExploreCommandOptions, common: { runs: number; seed: number }) {
  const mock = await loadMock(vendor);
  if (!mock) throw new UsageError(`explore: no built-in mock "${vendor}"; expected one of: ${vendorIds.join(", ")}`);
  const model = await referenceModel(vendor);
  if (!model) throw new UsageError(`explore: no reference model for ${vendor} yet`);
  const variant = options.variant === undefined ? undefined : mock.variants.find((v) => v.name === options.variant);
  if (options.variant !== undefined && !variant)
    throw new UsageError(
      `explore: the ${vendor} mock has no variant "${options.variant}"; known: ${mock.variants.map((v) => v.name).join(", ")}`,
    );
  const unknown = options.defect.filter((d) => !mock.defects.some((known) => known.name === d));
  if (unknown.length)
    throw new UsageError(
      `explore: unknown defect(s) for ${vendor}: ${unknown.join(", ")}; known: ${mock.defects.map((d) => d.name).join(", ")}`,
    );
  const outcome = await exploreMock(mock, model, {
    ...common,
    file: nextScenarioFile(options.out, vendor),
    defects: options.defect,
    ...(variant ? { variant } : {}),
  });
  return { outcome, targetName: vendor, vendor };
}

async function onTarget(options: ExploreCommandOptions, common: { runs: number; seed: number }) {
  const file = options.targets ?? process.env.SESSIONPROBE_TARGETS;
  if (!file) throw new UsageError("explore: --target needs --targets <file> (or SESSIONPROBE_TARGETS)");
  if (options.defect.length || options.variant) throw new UsageError("explore: --defect and --variant apply to --mock only");
  const { loadTargets } = await import("../targets/load.ts");
  const target = loadTargets(file).find((t) => t.name === options.target);
  if (!target) throw new UsageError(`explore: target ${options.target} is not in ${file}`);
  const driver = findDriver(target.vendor);
  const model = await referenceModel(target.vendor);
  if (!driver || !model) throw new UsageError(`explore: no reference model for ${target.vendor} yet`);
  const transport = new Transport({ tls: target.tls, proxy: target.proxy, timeoutMs: target.stepTimeoutMs, clock: systemClock });
  const setup: ExploreSetup = {
    target,
    driver,
    transport,
    // A sessionprobe mock that lets its control plane be used moves its clock; a real server waits (within maxWait).
    freshTime: async () => {
      if (!target.controlUrl) return new RealTime(systemClock);
      const time = new VirtualTime(target.controlUrl, transport);
      await time.start({ reset: true });
      return time;
    },
  };
  try {
    const outcome = await explore(setup, model, { ...common, file: nextScenarioFile(options.out, target.name) });
    return { outcome, targetName: target.name, vendor: target.vendor };
  } finally {
    await transport.close();
  }
}
