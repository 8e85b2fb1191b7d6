import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import type { Suite } from "@playwright/test/reporter";
import type { TestResult } from "allure-js-commons";
import SessionprobeAllureReporter from "./allure-reporter.ts";
import { AllureResultsWriter } from "./allure-results-writer.ts";

const emptySuite = { allTests: () => [], suites: [], tests: [], entries: () => [] } as unknown as Suite;

test("the Allure reporter writes through the fsync-free writer once allure-playwright has built its runtime", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-allure-"));
  const reporter = new SessionprobeAllureReporter({ resultsDir: dir, detail: false, suiteTitle: false });
  reporter.onBegin(emptySuite);
  expect(reporter.writerInUse()).toBeInstanceOf(AllureResultsWriter);
});

test("the writer publishes whole files under Allure's names and leaves no temporary file", () => {
  const dir = join(mkdtempSync(join(tmpdir(), "sp-allure-")), "results");
  const writer = new AllureResultsWriter(dir);
  writer.writeResult({ uuid: "u1", name: "a scenario" } as TestResult);
  writer.writeAttachment("a-attachment.json", Buffer.from('{"x":1}'));
  writer.writeEnvironmentInfo({ "target.controlm": "mock" });
  writer.writeCategoriesDefinitions([{ name: "Broken behaviour" }]);
  expect(readdirSync(dir).sort()).toEqual(["a-attachment.json", "categories.json", "environment.properties", "u1-result.json"]);
  expect(JSON.parse(readFileSync(join(dir, "u1-result.json"), "utf8"))).toEqual({ uuid: "u1", name: "a scenario" });
  expect(readFileSync(join(dir, "environment.properties"), "utf8")).toBe("target.controlm=mock");
});
