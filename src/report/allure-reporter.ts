import type { Suite } from "@playwright/test/reporter";
import { Status, type TestResult } from "allure-js-commons";
import { AllureReporter } from "allure-playwright";
import { AllureResultsWriter } from "./allure-results-writer.ts";

/**
 * A known deviation as Allure's own known issue: Playwright ran it as an expected failure, which
 * allure-playwright writes as passed; it failed, and the report says so, marked known (Allure counts
 * it as accepted, outside its quality gate) and filed under the "Known deviations" category.
 */
export function deviationAsKnownFailure(result: TestResult): TestResult {
  if (!result.labels?.some((l) => l.name === "deviation") || result.status !== "passed") return result;
  // Allure's results format has `known` (its reader makes it the "accepted" resolution); allure-js-commons' type omits it.
  const tickets = result.labels.filter((l) => l.name === "deviation").map((l) => l.value);
  const message = `Known deviation ${tickets.join(", ")}, waived (the targets file declares it): ${result.statusDetails?.message ?? ""}`;
  const statusDetails: TestResult["statusDetails"] & { known: boolean } = { ...result.statusDetails, message, known: true };
  return { ...result, status: Status.FAILED, statusDetails };
}

type AllureOptions = ConstructorParameters<typeof AllureReporter>[0];

/** The part of allure-playwright this reporter reaches into: the runtime it builds in onBegin, and its writer. */
interface WithRuntime {
  allureRuntime?: { writer?: unknown };
}

/**
 * allure-playwright with the results writer swapped for one without a per-file fsync
 * (src/report/allure-results-writer.ts). allure-playwright builds its runtime, and with it
 * the writer, in onBegin and offers no option for it, so the writer is replaced right
 * after. If a later allure-playwright moves that field, onBegin says so instead of
 * silently writing with fsyncs again (and a test checks it, src/report/allure-reporter.test.ts).
 */
export default class SessionprobeAllureReporter extends AllureReporter {
  private readonly resultsDir: string;

  constructor(options: AllureOptions) {
    super(options);
    this.resultsDir = options.resultsDir ?? "allure-results";
  }

  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    const runtime = (this as unknown as WithRuntime).allureRuntime;
    if (!runtime || !("writer" in runtime))
      throw new Error(
        "allure-playwright no longer keeps its runtime's writer in allureRuntime.writer: update src/report/allure-reporter.ts",
      );
    runtime.writer = new AllureResultsWriter(this.resultsDir, deviationAsKnownFailure);
  }

  /** For the test: the writer in use. */
  writerInUse(): unknown {
    return (this as unknown as WithRuntime).allureRuntime?.writer;
  }
}
