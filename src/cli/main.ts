import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Argument, Command, CommanderError, Option } from "commander";
import { EXIT } from "../report/verdict.ts";
import type { BaselineOptions } from "./baseline-command.ts";
import type { ExploreCommandOptions } from "./explore-command.ts";
import type { FidelityOptions } from "./fidelity-command.ts";
import type { MockOptions } from "./mock-command.ts";
import { loadDotEnv } from "./dot-env.ts";
import { applyProjectConfig } from "./project-config.ts";
import { collect, duration, keyValue, port, positiveInteger, timeoutOrNone } from "./option-types.ts";
import type { RunOptions } from "./playwright-commands.ts";
import { InputError } from "../errors/errors.ts";

// Commands load their modules when they run: --help and --version answer without loading drivers and mocks.
const PACKAGE_ROOT = join(import.meta.dirname, "..", "..");

const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string };

const EXIT_CODES = `
Exit codes:
  0  conformed: every scenario passed (a pass on retry counts, as flaky) or was skipped by policy
  1  non-conformance: a behaviour failed (an expectation failure in a scenario covering it), or a
     known deviation of the targets file is stale (its id passed) or past its until date
  2  usage or configuration error: bad flags, a malformed targets or scenario file, a missing
     environment variable (nothing was sent)
  3  a target could not be reached at all: every scenario against it ended in a transport failure
  4  incomplete: some scenario ended without a verdict (a harness bug, a scenario that cannot run
     as the target is configured, or a transport failure on a target that answered others);
     summary.json says which`;

const PLAYWRIGHT_NOTE = `
Any other option goes to Playwright as it is (npx playwright test --help): --grep, --shard i/n,
--workers, --retries, --list, test file filters… --reporter replaces only the terminal reporter:
JUnit, Allure, summary.json and evidence.json are always written to SESSIONPROBE_REPORTS (default reports/).`;

/** Options Playwright owns: passed through untouched, in order. */
function passThrough(command: Command): Command {
  return command.allowUnknownOption().allowExcessArguments().argument("[playwright-args...]", "Playwright's own options and filters");
}

function runOptions(command: Command): Command {
  return command
    .option("--reporter <names>", "terminal reporter(s) instead of list (dot on CI), e.g. dot, line; the report files stay")
    .option("--compare-baseline", "after the run, compare each target with its baseline (exit 1 when a DOC or WIRE behaviour changed)");
}

function sourceOptions(command: Command): Command {
  return command
    .requiredOption("--target <name>", "a built-in mock vendor, or a target of --targets FILE (repeatable)", collect)
    .option("--targets <file>", "the targets file (default SESSIONPROBE_TARGETS)")
    .option("--in-process", "drive the built-in mock in this process on a virtual clock", false)
    .option("--variant <name>", "a legal variant or release of the built-in mock (e.g. vmanage 20.18)")
    .addOption(new Option("--profile <name>").hideHelp())
    .option("--set <option=value>", "a mock option (repeatable)", keyValue("--set"), {})
    .option("--dir <dir>", "where baselines are kept (default baselines/)");
}

let actionCode: number = EXIT.conformed;

/** An action whose number is the process's exit code. */
function exits<A extends unknown[]>(action: (...args: A) => number | Promise<number>): (...args: A) => Promise<void> {
  return async (...args) => {
    actionCode = await action(...args);
  };
}

export function buildProgram(): Command {
  const program = new Command("sessionprobe")
    .description("conformance tests for vendor session and authentication APIs")
    .version(version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride()
    .addHelpText("after", EXIT_CODES);

  const conformance = program.command("conformance").description("every suite against the built-in mocks, then the Allure report");
  passThrough(runOptions(conformance)).addHelpText("after", `${PLAYWRIGHT_NOTE}\n${EXIT_CODES}`);
  conformance.action(
    exits(async (args: string[], options: RunOptions) => (await import("./playwright-commands.ts")).runConformance(args, options)),
  );

  const run = program
    .command("run")
    .description("the suites against real endpoints: one Playwright project per target of the targets file");
  runOptions(run)
    .option("--targets <file>", "the targets file (default SESSIONPROBE_TARGETS)")
    .option("--target <name>", "run only this target of the file (repeatable)", collect)
    .option(
      "--record-har <file>",
      "also write every exchange of the run to this HAR 1.2 file, secrets as fingerprints (for sessionprobe fidelity)",
    );
  passThrough(run).addHelpText("after", `${PLAYWRIGHT_NOTE}\n${EXIT_CODES}`);
  run.action(
    exits(async (args: string[], options: RunOptions & { targets?: string; target?: string[]; recordHar?: string }) =>
      (await import("./playwright-commands.ts")).runTargets(args, options),
    ),
  );

  program
    .command("merge")
    .description(
      "one result for a sharded run: merge the shards' report folders (and the guarded job's) into one summary, evidence, JUnit and Allure report in SESSIONPROBE_REPORTS",
    )
    .argument("<folders...>", "each shard's reports folder (the SESSIONPROBE_REPORTS it ran with; it holds blob/ and evidence.json)")
    .addHelpText(
      "after",
      `
Built on Playwright's blob reports (every run writes one to <reports>/blob) and merge-reports.
Needs no targets file and no credentials, and contacts no target: sessions left open are the
counts each shard took at its end. Refused with exit 2 (nothing written): a folder that does
not exist or holds no blob report, a shard missing or given twice, folders of different runs.
The exit code is the whole run's, as for conformance and run:
${EXIT_CODES}`,
    )
    .action(exits(async (folders: string[]) => (await import("./merge-command.ts")).runMerge(folders)));

  program
    .command("fidelity")
    .description("replay a HAR (run --record-har, a browser's export, Playwright's recordHar) against a mock and list every difference")
    .argument("<file.har>", "the HAR file")
    .option("--vendor <vendor>", "the vendor whose mock answers the replay")
    .option("--variant <name>", "a legal variant or release of the mock, e.g. vmanage 20.18")
    .addOption(new Option("--profile <name>").hideHelp())
    .option("--set <option=value>", "a mock option (repeatable)", keyValue("--set"), {})
    .addHelpText(
      "after",
      "\nExit codes: 0 the mock answered every request alike, 1 differences (listed), 2 a bad file or flag.\nSee docs/fidelity.md.",
    )
    .action(exits(async (file: string, options: FidelityOptions) => (await import("./fidelity-command.ts")).runFidelity(file, options)));

  program
    .command("validate")
    .description("check scenario files, every problem in one pass as file:line:column (exit 2 when there is any)")
    .argument("[files...]", "scenario files (default: suites/ and SESSIONPROBE_SUITES)")
    .action(exits(async (files: string[]) => (await import("./validate-command.ts")).runValidate(files)));

  program
    .command("mock")
    .description("one mock vendor as a standalone server, until stopped")
    .addArgument(new Argument("<vendor>", "the vendor to mock"))
    .option("--port <number>", "the port to listen on (0: any free port)", port("--port"), 0)
    .option("--host <host>", "the address to listen on", "127.0.0.1")
    .option("--tls", "serve HTTPS with a self-signed certificate", false)
    .option("--cert-out <file>", "write the certificate there (use it as tls.ca)")
    .option("--client-ca <file>", "with --tls: require client certificates signed by this CA (PEM), as a mutual-TLS gateway does")
    .option("--idle <duration|none>", "idle timeout, e.g. 30m, or none", timeoutOrNone("--idle"))
    .option("--lifetime <duration|none>", "absolute session lifetime, e.g. 24h, or none", timeoutOrNone("--lifetime"))
    .option("--defect <name>", "switch on a named defect (repeatable)", collect, [])
    .option("--set <option=value>", "a deployment option of the mock (repeatable)", keyValue("--set"), {})
    .option("--variant <name>", "a legal variant or release, e.g. vmanage 20.18 (--help after the vendor lists them)")
    .addOption(new Option("--profile <name>").hideHelp())
    .option("--record-issued", "remember every credential handed out, for secret scans of the reports", false)
    .addHelpText(
      "after",
      "\nsessionprobe mock <vendor> --help lists that vendor's defects, options and legal variants (releases among them).",
    )
    .action(exits(async (vendor: string, options: MockOptions) => (await import("./mock-command.ts")).runMock(vendor, options)));

  program
    .command("explore")
    .description(
      "model-based exploration: random sequences of a vendor's documented operations against one target, each answer checked against a reference model; a counterexample is shrunk and written as a scenario",
    )
    .option("--targets <file>", "the targets file (default SESSIONPROBE_TARGETS)")
    .option("--target <name>", "a target of the targets file (the real-target guards apply)")
    .option("--mock <vendor>", "the built-in mock instead, in this process on its virtual clock")
    .option("--defect <name>", "with --mock: switch on a named defect (repeatable)", collect, [])
    .option("--variant <name>", "with --mock: a legal variant of the mock, declared as a team would declare its server")
    .option("--runs <n>", "how many random sequences", positiveInteger("--runs"), 100)
    .option("--seed <n>", "the random seed (printed; the same seed replays the same exploration)", positiveInteger("--seed"))
    .option("--max-commands <n>", "commands per sequence, at most", positiveInteger("--max-commands"))
    .option("--out <dir>", "where counterexamples are written", "reports/explore")
    .addHelpText(
      "after",
      `
Exit codes: 0 nothing found; 1 a counterexample (written as <out>/<target>-<n>.yaml, which
sessionprobe run reproduces); 2 usage or configuration; 3 the target could not be reached;
4 no verdict (a harness bug).`,
    )
    .action(exits(async (options: ExploreCommandOptions) => (await import("./explore-command.ts")).runExplore(options)));

  program
    .command("report")
    .description(
      "(re)generate the Allure report from SESSIONPROBE_REPORTS/allure-results, with its quality gate evaluated into it (exit 1 when the gate fails)",
    )
    .action(exits(async () => (await import("./report-process.ts")).runReport()));

  program
    .command("init")
    .description("write a commented starter targets file and a .env.example of the variables it names")
    .argument("<vendor>", "controlm, hmc, vmanage or openam")
    .option("--dir <dir>", "where to write them", ".")
    .option("--force", "overwrite existing files", false)
    .action(
      exits(async (vendor: string, options: { dir: string; force: boolean }) =>
        (await import("./init-command.ts")).runInit(vendor, options),
      ),
    );

  const baseline = program
    .command("baseline")
    .description("keep a target's observation record as its baseline, compare with it, or measure its timeouts (docs/baselines.md)");
  for (const action of ["save", "compare"] as const) {
    sourceOptions(
      baseline
        .command(action)
        .description(
          action === "save"
            ? "keep the last run's observation record as the baseline"
            : "compare the last run with the baseline (exit 1 when a DOC or WIRE behaviour changed)",
        ),
    )
      .option("--measure", "measure the idle and absolute timeouts too", false)
      .action(exits(async (options: BaselineOptions) => (await import("./baseline-command.ts")).runBaseline(action, options)));
  }
  sourceOptions(baseline.command("measure").description("measure the idle and absolute timeouts (documented vs measured)"))
    .option("--resolution <duration>", "how finely to measure", duration("--resolution"))
    .option("--window <duration>", "the search window", duration("--window"))
    .option("--bound <duration>", "the longest timeout to look for", duration("--bound"))
    .option("--max-wait <duration>", "the longest real wait allowed", duration("--max-wait"))
    .addOption(new Option("--service <vendor/service>", "only this service (repeatable)").argParser(collect))
    .action(
      exits(async (options: BaselineOptions) =>
        (await import("./baseline-command.ts")).runBaseline("measure", { ...options, measure: false }),
      ),
    );
  return program;
}

/**
 * The exit code of an error that escaped a command. The command line or a file it names is
 * wrong (an InputError: usage, targets, scenario files, a team vendor): nothing was sent (2).
 * Anything else ended the command without a verdict (4): a configuration or transport error
 * found once requests were under way is no usage error, and a command that can tell more
 * (explore, fidelity, merge, a run's verdict) returns its own code. docs/errors.md lists
 * every code with the exit it leads to.
 */
function exitCodeFor(error: unknown): number {
  return error instanceof InputError ? EXIT.usage : EXIT.incomplete;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  try {
    loadDotEnv();
    applyProjectConfig();
    // A team's own vendors (sessionprobe.json `vendors`) join the registry before any command reads it.
    const registry = await import("../vendors/registry.ts");
    await registry.registerTeamVendors();
    // The commands that read drivers synchronously (the loader's checks, the targets file, the mocks' help) get every
    // vendor's loaded here; those that only start Playwright or read reports (conformance, run, merge, report) do not
    // hold them in this process for the whole run, and load them where they need them.
    if (!["conformance", "run", "merge", "report", "--help", "-h", "--version", "-V"].includes(argv[0] ?? "")) await registry.loadDrivers();
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    if (argv[0] === "mock" && argv.some((arg) => arg === "--help" || arg === "-h")) {
      const text = await (await import("./mock-help.ts")).mockHelpFor(argv);
      if (text) program.commands.find((c) => c.name() === "mock")?.addHelpText("after", text);
    }
    await program.parseAsync([...argv], { from: "user" });
    return actionCode;
  } catch (error) {
    // Commander's own exits: --help and --version (0), a usage mistake it found (2).
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.conformed : EXIT.usage;
    process.stderr.write(`sessionprobe: ${(error as Error).message}\n`);
    return exitCodeFor(error);
  }
}
