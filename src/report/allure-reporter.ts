import type { Suite } from "@playwright/test/reporter";
import { Status, type TestResult } from "allure-js-commons";
import { AllureReporter } from "allure-playwright";
import { AllureResultsWriter } from "./allure-results-writer.ts";
import { allureWriterInUse, replaceAllureWriter } from "./private-apis.ts";

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

/**
 * allure-playwright with the results writer swapped for one without a per-file fsync
 * (src/report/allure-results-writer.ts). allure-playwright builds its runtime, and with it
 * the writer, in onBegin and offers no option for it, so the writer is replaced right
 * after, through src/report/private-apis.ts: if a later allure-playwright moves that field,
 * a warning names its version and its own writer stays (src/report/private-apis.test.ts fails).
 */
export default class SessionprobeAllureReporter extends AllureReporter {
  private readonly resultsDir: string;

  constructor(options: AllureOptions) {
    super(options);
    this.resultsDir = options.resultsDir ?? "allure-results";
  }

  override onBegin(suite: Suite): void {
    super.onBegin(suite);
    replaceAllureWriter(this, new AllureResultsWriter(this.resultsDir, deviationAsKnownFailure));
  }

  /** For the test: the writer in use. */
  writerInUse(): unknown {
    return allureWriterInUse(this);
  }
}
