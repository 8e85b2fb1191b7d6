import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { modelledVendors, referenceModel } from "../../src/explore/models.ts";
import { exploreMock } from "../../src/explore/on-mock.ts";
import { scenarioYaml, writeScenario } from "../../src/explore/write-scenario.ts";
import { runAgainstMock } from "../../src/in-process/run-suites.ts";
import { SWEEP, setupFor } from "../../src/matrices/sweep.ts";
import { mocks } from "../../test-support/mocks.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";

/**
 * Exploration as an independent measure of sensitivity: with fixed seeds, a vendor's
 * reference model finds every defect of the kill matrix without being told which
 * behaviour is broken, and raises no alarm on the clean mock, on any legal variant or at
 * any timeout setting of the sweep. The seeds and run counts are fixed so the figures
 * printed here are the same on every machine.
 */
const SEED = 1;
const CLEAN_RUNS = 200;
const VARIANT_RUNS = 30;
const DEFECT_RUNS = 300;

/**
 * The whole matrix (every variant, every timeout setting, every defect) takes minutes:
 * `npm run explore:matrix` runs it. `npm test` runs the sample below: each vendor's clean
 * mock and the defects an outside evaluation once missed.
 */
const MATRIX = process.env.SESSIONPROBE_EXPLORE_MATRIX === "1";
const SAMPLE_DEFECTS: Record<string, readonly string[]> = {
  controlm: ["logout-keeps-api-key-carrier", "update-merges-roles"],
  hmc: ["logoff-ends-oldest-session"],
  openam: ["properties-per-user"],
  vmanage: ["idle-not-reset-by-use"],
};

for (const vendor of modelledVendors) {
  const mock = mocks[vendor];
  if (!mock) continue;
  const defects = MATRIX ? mock.defects : mock.defects.filter((d) => SAMPLE_DEFECTS[vendor]?.includes(d.name));

  test(`${vendor}: exploration raises no alarm on the clean mock${MATRIX ? ", any legal variant or any timeout setting" : ""}`, async () => {
    test.setTimeout(300_000);
    const model = (await referenceModel(vendor)) as never;
    const alarms: string[] = [];
    const check = async (label: string, options: Parameters<typeof exploreMock>[2]) => {
      const outcome = await exploreMock(mock, model, options);
      console.log(
        `${vendor} ${label}: ${outcome.runs} runs, ${outcome.steps} steps, ${outcome.durationMs} ms${outcome.finding ? " — ALARM" : ""}`,
      );
      if (outcome.finding) alarms.push(`${label}: ${outcome.finding.message.split("\n").slice(0, 3).join(" | ")}`);
    };
    await check("clean", { runs: MATRIX ? CLEAN_RUNS : VARIANT_RUNS, seed: SEED, file: "clean.yaml" });
    for (const variant of MATRIX ? mock.variants : [])
      await check(`variant ${variant.name}`, { runs: VARIANT_RUNS, seed: SEED, file: "v.yaml", variant });
    for (const setting of MATRIX ? SWEEP : [])
      await check(`timeouts ${setting.name}`, { runs: VARIANT_RUNS, seed: SEED, file: "t.yaml", setup: setupFor(vendor, setting) });
    expect(alarms, "a legal server must never raise an alarm").toEqual([]);
  });

  test(`${vendor}: exploration finds ${MATRIX ? "every defect of the kill matrix" : "the sample defects"}, without being told which behaviour is broken`, async () => {
    test.setTimeout(300_000);
    const model = (await referenceModel(vendor)) as never;
    const missed: string[] = [];
    const lines: string[] = [];
    let elsewhere = 0;
    const started = Date.now();
    for (const defect of defects) {
      const variant = defect.variant === undefined ? undefined : mock.variants.find((v) => v.name === defect.variant);
      const outcome = await exploreMock(mock, model, {
        runs: DEFECT_RUNS,
        seed: SEED,
        file: "d.yaml",
        defects: [defect.name],
        ...(variant ? { variant } : {}),
      });
      const { finding } = outcome;
      const found = finding?.kind === "expectation";
      const about = found && finding.ids.some((id) => defect.breaks.includes(id));
      if (found && !about) elsewhere++;
      if (!found)
        missed.push(
          `${defect.name} (${defect.breaks.join(", ")}): ${finding ? `${finding.kind} ${finding.message.split("\n")[0]}` : "no alarm"}`,
        );
      lines.push(
        `  ${found ? (about ? "found" : "found, reported as") : "MISSED"} ${defect.name} (breaks ${defect.breaks.join(", ")})${found ? ` ${about ? "at" : ""} ${finding.ids.join(", ")} after ${outcome.runs} run(s), ${finding.steps.length} step(s)` : ""}`,
      );
    }
    const found = defects.length - missed.length;
    console.log(
      `${vendor}: exploration found ${found}/${defects.length} defects (${found - elsewhere} reported against a broken id) in ${Date.now() - started} ms\n${lines.join("\n")}`,
    );
    expect(missed, "every defect of the kill matrix makes exploration fail an assertion").toEqual([]);
  });
}

test("a counterexample is a scenario file: it loads, fails on the server that broke the behaviour, and passes on the clean mock", async () => {
  test.setTimeout(120_000);
  const mock = mocks.controlm;
  const model = (await referenceModel("controlm")) as never;
  if (!mock) throw new Error("no controlm mock");
  const outcome = await exploreMock(mock, model, { runs: DEFECT_RUNS, seed: SEED, file: "x.yaml", defects: ["update-merges-roles"] });
  const finding = outcome.finding;
  expect(finding?.kind).toBe("expectation");
  if (!finding) return;
  expect(finding.ids).toContain("CTM-A-10");
  const file = writeScenario(
    join(mkdtempSync(join(tmpdir(), "sp-explore-")), "controlm-1.yaml"),
    scenarioYaml(finding, { vendor: "controlm", target: "controlm", seed: SEED, runs: outcome.runs, when: new Date() }),
  );
  expect(readFileSync(file, "utf8")).toContain("# Found by sessionprobe explore");
  const suites = loadSuitesOrThrow([file]);
  const broken = await runAgainstMock({ mock, suites, defects: ["update-merges-roles"] });
  expect(broken.map((v) => [v.outcome, v.failureKind, v.failedIds])).toEqual([["failed", "expectation", ["CTM-A-10"]]]);
  const clean = await runAgainstMock({ mock, suites });
  expect(clean.map((v) => [v.outcome, v.error])).toEqual([["passed", undefined]]);
});
