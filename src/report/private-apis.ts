import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { TestInfo } from "@playwright/test";

/**
 * Every use of a library's private API, in one place: Playwright's TestInfo._addStep/_attach (an
 * attachment step without a captured stack) and allure-playwright's allureRuntime.writer (the results
 * writer without an fsync per file). Each is checked before use; when a new version lacks it the public
 * path is taken — slower, or with Allure's own writer — and a warning names the version, so an upgrade
 * degrades instead of crashing. src/report/private-apis.test.ts fails loudly on such a version.
 */

const require = createRequire(import.meta.url);

/** A package's version, from the package.json above its entry point (allure-playwright exports no ./package.json). */
function versionOf(name: string): string {
  try {
    let dir = dirname(require.resolve(name));
    for (;;) {
      const manifest = join(dir, "package.json");
      if (existsSync(manifest)) {
        const { name: found, version } = JSON.parse(readFileSync(manifest, "utf8")) as { name?: string; version?: string };
        if (found === name) return version ?? "?";
      }
      if (dirname(dir) === dir) return "?";
      dir = dirname(dir);
    }
  } catch {
    return "?";
  }
}

export const playwrightVersion = () => `@playwright/test ${versionOf("@playwright/test")}`;
export const allureVersion = () => `allure-playwright ${versionOf("allure-playwright")}`;

/** Said once per process and private API: a run must not print it per test. */
const warned = new Set<string>();
function warnOnce(problem: string): void {
  if (warned.has(problem)) return;
  warned.add(problem);
  process.emitWarning(problem, { code: "SESSIONPROBE_PRIVATE_API" });
}

/** The part of Playwright's TestInfo that records a step and an attachment; allure-playwright's synchronous API uses it too. */
interface StepRecorder {
  _addStep(data: { title: string; category: "test.attach"; stack: readonly never[] }): {
    stepId: string;
    complete(result: { error?: unknown }): void;
  };
  _attach(attachment: { name: string; contentType: string; body: Buffer }, stepId: string): void;
}

function stepRecorder(testInfo: TestInfo): StepRecorder | undefined {
  const candidate = testInfo as unknown as Partial<StepRecorder>;
  return typeof candidate._addStep === "function" && typeof candidate._attach === "function" ? (candidate as StepRecorder) : undefined;
}

export const PLAYWRIGHT_STEP_PROBLEM = () =>
  `${playwrightVersion()}: TestInfo has no _addStep/_attach any more; exchanges are attached with testInfo.attach (a stack trace per call: slower). Update src/report/private-apis.ts.`;

/** Whether attachments take the cheap path with this Playwright; else the problem, naming the version. */
export function playwrightStepProblem(testInfo: TestInfo): string | undefined {
  return stepRecorder(testInfo) ? undefined : PLAYWRIGHT_STEP_PROBLEM();
}

/**
 * Attaches `body` as an "Attach" step of the current step, which is how Allure puts an
 * exchange under the YAML step that sent it. `testInfo.attach` does the same but, per
 * call, captures a stack trace for the step (every frame mapped through the source maps:
 * most of a test's own cost) and creates the test's output folder synchronously; an
 * attachment held in memory needs neither. So the step is recorded with an empty stack,
 * as Playwright's own records take a given one, in the current step (found through async
 * context, as `attach` finds it). Without those internals it is `testInfo.attach`.
 */
export async function attachInCurrentStep(testInfo: TestInfo, name: string, body: string, contentType: string): Promise<void> {
  const recorder = stepRecorder(testInfo);
  if (!recorder) {
    warnOnce(PLAYWRIGHT_STEP_PROBLEM());
    return testInfo.attach(name, { body, contentType });
  }
  // Playwright's title for it; Allure reads the attachment's name back from between the quotes.
  const step = recorder._addStep({ title: `Attach ${JSON.stringify(name)}`, category: "test.attach", stack: [] });
  try {
    recorder._attach({ name, contentType, body: Buffer.from(body) }, step.stepId);
    step.complete({});
  } catch (error) {
    step.complete({ error });
    throw error;
  }
}

/** The part of allure-playwright's reporter reached into: the runtime it builds in onBegin, and its writer. */
interface WithRuntime {
  allureRuntime?: { writer?: unknown };
}

export const ALLURE_WRITER_PROBLEM = () =>
  `${allureVersion()}: the reporter keeps no allureRuntime.writer any more; its own writer stays (an fsync per file, and known deviations written as passed). Update src/report/private-apis.ts.`;

/**
 * Puts `writer` in place of allure-playwright's results writer, after its onBegin built the runtime.
 * Returns the problem, naming the version, when the field is gone (the reporter then keeps its own writer).
 */
export function replaceAllureWriter(reporter: object, writer: unknown): string | undefined {
  const runtime = (reporter as WithRuntime).allureRuntime;
  if (!runtime || typeof runtime !== "object" || !("writer" in runtime)) {
    warnOnce(ALLURE_WRITER_PROBLEM());
    return ALLURE_WRITER_PROBLEM();
  }
  runtime.writer = writer;
  return undefined;
}

/** The writer allure-playwright's runtime writes with (for the test). */
export function allureWriterInUse(reporter: object): unknown {
  return (reporter as WithRuntime).allureRuntime?.writer;
}
