// A StrykerJS test runner whose tests are the suites' scenarios, run in process against the
// mocks (mutation/scenario-tests.ts). Plain JavaScript: Stryker loads plugins without a
// TypeScript loader; the scenario code is loaded through tsx once the runner starts.
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { commonTokens, declareClassPlugin, PluginKind } from "@stryker-mutator/api/plugin";
import { DryRunStatus, MutantRunStatus, TestStatus } from "@stryker-mutator/api/test-runner";
import { register } from "tsx/esm/api";

const NAMESPACE = "__stryker__";
const ns = () => {
  globalThis[NAMESPACE] ??= {};
  return globalThis[NAMESPACE];
};

class ScenarioTestRunner {
  static inject = [commonTokens.logger];

  constructor(logger) {
    this.logger = logger;
    this.tests = [];
  }

  // Static mutants need a fresh process (a module already imported cannot be loaded again): Stryker starts one.
  capabilities() {
    return { reloadEnvironment: false };
  }

  async init() {
    register();
  }

  // Loaded on first use, not in init: a static mutant (module-level code) must be active
  // while the mocks load, and Stryker starts a fresh process for each one.
  async load() {
    if (this.module) return;
    // The sandbox is this process's working directory: the mutated copy of the project.
    this.module = await import(pathToFileURL(join(process.cwd(), "mutation", "scenario-tests.ts")).href);
    this.tests = this.module.listScenarioTests();
    this.logger.info(`sessionprobe runner: ${this.tests.length} scenario tests`);
  }

  async dryRun({ coverageAnalysis }) {
    await this.load();
    const results = [];
    const perTest = coverageAnalysis === "perTest";
    // The instrumented files hold on to the coverage object they first saw (loading the mocks already
    // counted their module-level code): keep that object, start only the per-test counts afresh.
    const coverage = (ns().mutantCoverage ??= { static: {}, perTest: {} });
    coverage.perTest = {};
    for (const test of this.tests) {
      if (perTest) ns().currentTestId = test.id;
      const started = Date.now();
      const outcome = await this.module.runScenarioTest(test);
      ns().currentTestId = undefined;
      const base = { id: test.id, name: test.id, timeSpentMs: Date.now() - started, fileName: test.suite.file };
      // The clean mocks must pass every scenario: anything else would grade nothing.
      if (outcome.killed || outcome.crash) results.push({ ...base, status: TestStatus.Failed, failureMessage: outcome.message ?? outcome.crash });
      else if (outcome.skipped) results.push({ ...base, status: TestStatus.Skipped });
      else results.push({ ...base, status: TestStatus.Success });
    }
    return { status: DryRunStatus.Complete, tests: results, mutantCoverage: coverageAnalysis === "off" ? undefined : ns().mutantCoverage };
  }

  async mutantRun({ activeMutant, testFilter, hitLimit, disableBail, mutantActivation }) {
    if (mutantActivation === "static") ns().activeMutant = activeMutant.id;
    await this.load();
    // In the list's order (documented defaults first), whatever order Stryker hands the filter in.
    const wanted = testFilter ? new Set(testFilter) : undefined;
    const tests = wanted ? this.tests.filter((t) => wanted.has(t.id)) : this.tests;
    const state = ns();
    state.activeMutant = activeMutant.id;
    state.hitCount = hitLimit === undefined ? undefined : 0;
    state.hitLimit = hitLimit;
    const killedBy = [];
    const crashes = [];
    let failureMessage = "";
    let ran = 0;
    try {
      for (const test of tests) {
        ran++;
        const outcome = await this.module.runScenarioTest(test);
        if (state.hitLimit !== undefined && state.hitCount > state.hitLimit)
          return { status: MutantRunStatus.Timeout, reason: `hit limit ${state.hitLimit} reached in ${test.id}` };
        if (outcome.crash) crashes.push(`${test.id}: ${outcome.crash}`);
        if (outcome.killed) {
          killedBy.push(test.id);
          failureMessage ||= outcome.message ?? "";
          if (!disableBail) break;
        }
      }
    } finally {
      state.activeMutant = undefined;
      state.hitCount = undefined;
      state.hitLimit = undefined;
    }
    if (killedBy.length) return { status: MutantRunStatus.Killed, killedBy, failureMessage, nrOfTests: ran };
    // Survived: a mutant that only crashed the harness is no catch, and is listed for the review.
    if (crashes.length && process.env.SESSIONPROBE_MUTATION_CRASHES) {
      const { fileName, location, mutatorName, replacement } = activeMutant;
      appendFileSync(
        process.env.SESSIONPROBE_MUTATION_CRASHES,
        `${JSON.stringify({ id: activeMutant.id, fileName, line: location.start.line + 1, mutatorName, replacement, crashes: crashes.slice(0, 3) })}\n`,
      );
    }
    return { status: MutantRunStatus.Survived, nrOfTests: ran };
  }
}

export const strykerPlugins = [declareClassPlugin(PluginKind.TestRunner, "sessionprobe", ScenarioTestRunner)];
