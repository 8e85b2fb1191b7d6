import { BASELINE_USAGE, runBaseline, takeCompareFlag } from "./baseline-command.ts";
import { runConformance, runReport, runTargets } from "./playwright-commands.ts";
import { runMock } from "./mock-command.ts";
import { runValidate } from "./validate-command.ts";

const USAGE = `sessionprobe — conformance tests for vendor session and authentication APIs

Usage:
  sessionprobe conformance [playwright args]       every suite against the built-in mocks, then the Allure report
  sessionprobe run --targets <file> [--target NAME]… [playwright args]
                                                   the suites against real endpoints (same as
                                                   SESSIONPROBE_TARGETS=<file> npx playwright test --project NAME)
  sessionprobe validate [files…]                   check scenario files (default: every file under suites/)
  sessionprobe mock <vendor> [--port N] [--host H] [--tls] [--cert-out FILE] [--idle 30m|none]
                    [--lifetime 24h|none] [--defect NAME]… [--set option=value]… [--profile NAME] [--record-issued]
                                                   one mock vendor as a standalone server, until stopped
                                                   (--profile: a release profile, e.g. vmanage 20.18)
  sessionprobe report                              (re)generate reports/allure-report from reports/allure-results
${BASELINE_USAGE}`;

const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "validate":
      return runValidate(rest);
    case "mock":
      return runMock(rest);
    case "run":
      return runTargets(takeCompareFlag(rest));
    case "conformance":
      return runConformance(takeCompareFlag(rest));
    case "baseline":
      return runBaseline(rest);
    case "report":
      return runReport();
    case undefined:
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`sessionprobe: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`sessionprobe: ${(error as Error).message}\n`);
    process.exitCode = 1;
  },
);
