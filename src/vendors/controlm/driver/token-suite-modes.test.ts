import { expect, test } from "@playwright/test";
import { planScenario } from "../../../engine/plan.ts";
import { controlmMock } from "../mock/index.ts";
import { controlm } from "./index.ts";
import { loadedOrThrow, runSuite } from "../../../../test-support/controlm-token-run.ts";
import "../../../../test-support/drivers.ts";
import { realTarget } from "../../../../test-support/real-target.ts";

const suite = loadedOrThrow("src/vendors/controlm/suites/api-tokens.yaml");
const a13 = { ...suite, scenarios: suite.scenarios.filter((s) => s.scenario.covers.includes("CTM-A-13")) };
const STATUS = "status of a create without annotation";

test("with annotation on (mock and target alike) the whole suite passes, annotated by the driver, and CTM-A-13 observes the refusal", async () => {
  const runs = await runSuite(suite, { mockOptions: { annotation: "on" } });
  expect(runs.filter((r) => r.error !== undefined || r.skip !== undefined).map((r) => `${r.scenario}: ${r.error ?? r.skip}`)).toEqual([]);
  expect(runs.flatMap((r) => r.tokensLeft)).toEqual([]);
  expect(runs.flatMap((r) => r.observations).find((o) => o.label === STATUS)?.value).toBe(400);
});

test("with annotation off, the CTM-A-13 scenario is skipped with the reason instead of asserting nothing", async () => {
  const [run] = await runSuite(a13);
  expect(run?.skip).toMatch(/needs options\.annotationEnabled, which target controlm does not declare/);
});

test("annotation header names come from the target: with names the server does not use, the annotated steps are refused", async () => {
  const mockOptions = { annotation: "on", annotationSubjectHeader: "X-Subject", annotationDescriptionHeader: "X-Description" };
  const [wrong] = await runSuite(a13, {
    mockOptions,
    targetOptions: { annotationSubjectHeader: "Annotation-Subject", annotationDescriptionHeader: "Annotation-Description" },
  });
  expect(wrong?.failureKind).toBe("expectation");
  expect(wrong?.error).toMatch(/status: expected 200, got 400/);
  const [renamed] = await runSuite(a13, { mockOptions });
  expect(renamed?.error).toBeUndefined();
});

test("annotation-not-enforced (CTM-A-13) is caught by an expectation at the create without an annotation, under the variant with annotation on", async () => {
  const defect = controlmMock.defects.find((d) => d.name === "annotation-not-enforced");
  const variant = controlmMock.variants.find((v) => v.name === defect?.variant);
  if (!defect || !variant?.options) throw new Error("annotation-not-enforced names no variant with options");
  expect(variant.options.annotation).toBe("on");
  const [run] = await runSuite(a13, { defects: [defect.name], mockOptions: variant.options });
  expect(run?.failureKind).toBe("expectation");
  expect(run?.error).toMatch(/create without an annotation.*\n?.*status: expected 400 or 403, got 200/);
  expect(run?.tokensLeft).toEqual([]);
});

test("date-travel scenarios are skipped, with the reason, on real targets that cannot let 3 days pass", () => {
  const dated = suite.scenarios.find((s) => s.scenario.tags?.includes("date-travel"));
  if (!dated) throw new Error("no date-travel scenario");
  const real = realTarget("staging", "controlm", {
    baseUrl: "https://ctm.example:8443/automation-api",
    credentials: { username: "u", password: "p", apiKey: "k" },
    timeouts: { lifetimeMs: 20_000 },
  });
  // Guarded by its tag first: only a target that allows date-travel gets as far as the wait check.
  expect(planScenario(dated, real, controlm).skip).toMatch(
    /tagged date-travel: it needs calendar days to pass .*add "date-travel" to allow: for target staging/,
  );
  const allowing = { ...real, allow: ["date-travel"] };
  expect(planScenario(dated, allowing, controlm).skip).toMatch(/would wait 3d.*more than maxWait 10m/);
  expect(planScenario(dated, { ...allowing, expiry: "skip" }, controlm).skip).toMatch(
    /needs 3d to pass and target staging has expiry: skip/,
  );
});

test("on the clean mock the whole suite passes (CTM-A-13 aside, annotation is off) and leaves no token and no session behind", async () => {
  const runs = await runSuite(suite);
  expect(runs.filter((r) => r.error !== undefined).map((r) => `${r.scenario}: ${r.error}`)).toEqual([]);
  expect(runs.filter((r) => r.skip !== undefined).map((r) => r.scenario)).toEqual(a13.scenarios.map((s) => s.scenario.name));
  expect(runs.flatMap((r) => r.tokensLeft)).toEqual([]);
  expect(runs.map((r) => r.sessionsLeft)).toEqual(runs.map(() => 0));
});
