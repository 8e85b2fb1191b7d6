import { expect, test } from "@playwright/test";
import { planScenario } from "../../engine/plan.ts";
import type { ResolvedTarget } from "../../targets/types.ts";
import { controlm } from "./index.ts";
import { loadedOrThrow, runSuite } from "./token-test-run.ts";

const suite = loadedOrThrow("suites/controlm/api-tokens.yaml");
const A13 = "create without annotation (200 = annotation off, 400 = required)";

test("with annotation required (mock annotation=on) the suite passes when the target says annotate: true; CTM-A-13 observes 400", async () => {
  const runs = await runSuite(suite, { mockOptions: { annotation: "on" }, targetOptions: { annotate: true } });
  expect(runs.filter((r) => r.error !== undefined).map((r) => `${r.scenario}: ${r.error}`)).toEqual([]);
  expect(runs.flatMap((r) => r.tokensLeft)).toEqual([]);
  expect(runs.flatMap((r) => r.observations).find((o) => o.label === A13)?.value).toBe(400);
});

test("annotation header names come from the target: with wrong names the annotated CTM-A-13 steps are refused", async () => {
  const a13 = { ...suite, scenarios: suite.scenarios.filter((s) => s.scenario.covers.includes("CTM-A-13")) };
  const [wrong] = await runSuite(a13, { mockOptions: { annotation: "on" }, targetOptions: { annotationSubjectHeader: "X-Subject", annotationDescriptionHeader: "X-Description" } });
  expect(wrong?.error).toMatch(/status/);
  const [renamed] = await runSuite(a13, {
    mockOptions: { annotation: "on", annotationSubjectHeader: "X-Subject", annotationDescriptionHeader: "X-Description" },
    targetOptions: { annotationSubjectHeader: "X-Subject", annotationDescriptionHeader: "X-Description" },
  });
  expect(renamed?.error).toBeUndefined();
});

test("date-travel scenarios are skipped, with the reason, on real targets that cannot let 2 days pass", () => {
  const dated = suite.scenarios.find((s) => s.scenario.tags?.includes("date-travel"));
  if (!dated) throw new Error("no date-travel scenario");
  const real: ResolvedTarget = {
    name: "staging", vendor: "controlm", kind: "real", baseUrl: "https://ctm.example:8443/automation-api", credentials: { username: "u", password: "p", apiKey: "k" },
    users: {}, tls: {}, timeouts: { lifetimeMs: 20_000 }, expiry: "wait", maxWaitMs: 10 * 60_000, stepTimeoutMs: 10_000, options: {}, allow: [], lockout: { budget: 3 },
  };
  // Guarded by its tag first: only a target that allows date-travel gets as far as the wait check.
  expect(planScenario(dated, real, controlm).skip).toMatch(/tagged date-travel: it needs calendar days to pass .*add "date-travel" to allow: for target staging/);
  const allowing = { ...real, allow: ["date-travel"] };
  expect(planScenario(dated, allowing, controlm).skip).toMatch(/would wait 2d.*more than maxWait 10m/);
  expect(planScenario(dated, { ...allowing, expiry: "skip" }, controlm).skip).toMatch(/needs 2d to pass and target staging has expiry: skip/);
});

test("on the clean mock the whole suite passes and leaves no token and no session behind", async () => {
  const runs = await runSuite(suite);
  expect(runs.filter((r) => r.error !== undefined).map((r) => `${r.scenario}: ${r.error}`)).toEqual([]);
  expect(runs.flatMap((r) => r.tokensLeft)).toEqual([]);
  expect(runs.map((r) => r.sessionsLeft)).toEqual(runs.map(() => 0));
});
