import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { COLLECTION_ENV, collectSuites, lastCollection } from "./collection.ts";
import { builtInSuiteDirs, findSuiteFiles } from "./discover.ts";
import { loadSuitesOrThrow } from "./load.ts";
import { suitesAsData } from "../../test-support/loaded-suites.ts";
import "../../test-support/drivers.ts";

/** A worker of this process, as Playwright starts one: a child that inherits the environment and collects the same files. */
function collectInChild(dir: string): { handedOver: boolean; suites: unknown; yamlLoaded: boolean } {
  // Whether the YAML parser was loaded (a CommonJS package: it lands in require's cache), asked before the test's own helpers load.
  const script = `
    const { createRequire } = await import("node:module");
    const { collectSuites, lastCollection } = await import(${JSON.stringify(join(import.meta.dirname, "collection.ts"))});
    const { findSuiteFiles } = await import(${JSON.stringify(join(import.meta.dirname, "discover.ts"))});
    const suites = await collectSuites(findSuiteFiles(${JSON.stringify(dir)}));
    for (const scenario of suites.flatMap((s) => s.scenarios)) scenario.stepsFor?.({ sessionCap: "4" });
    const yamlLoaded = Object.keys(createRequire(import.meta.url).cache).some((f) => /[\\/]node_modules[\\/]yaml[\\/]/.test(f));
    const { suitesAsData } = await import(${JSON.stringify(join(import.meta.dirname, "..", "..", "test-support", "loaded-suites.ts"))});
    process.stdout.write(JSON.stringify({ handedOver: lastCollection()?.handedOver, suites: suitesAsData(suites), yamlLoaded }));`;
  const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    encoding: "utf8",
    env: process.env,
  });
  expect(child.status, child.stderr).toBe(0);
  return JSON.parse(child.stdout) as { handedOver: boolean; suites: unknown; yamlLoaded: boolean };
}

test("a worker takes the runner's collection, equal to loading the files itself; a changed file makes it load again", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-collection-"));
  for (const suites of builtInSuiteDirs()) cpSync(suites, join(dir, basename(dirname(suites))), { recursive: true });
  const saved = process.env[COLLECTION_ENV];
  try {
    const suites = await collectSuites(findSuiteFiles(dir));
    expect(lastCollection()?.handedOver).toBe(false);
    expect(process.env[COLLECTION_ENV]).toMatch(new RegExp(`^${process.pid}:`));
    const child = collectInChild(dir);
    expect(child.handedOver).toBe(true);
    expect(child.suites).toEqual(suitesAsData(suites));
    // Nor did it parse anything, even to unroll a repeat counted by a target's option: it never loaded the YAML parser.
    expect(child.yamlLoaded).toBe(false);
    expect(suitesAsData(suites)).toEqual(suitesAsData(loadSuitesOrThrow(findSuiteFiles(dir), { validate: false })));

    // A repeat counted by a target's option is unrolled again in the worker, from the positions handed over (compared above).
    const repeating = suites.flatMap((s) => s.scenarios).find((s) => s.stepsFor);
    // A cap well above the scenario's fixed sessions, so the repeat unrolls into more steps than the file lists.
    expect(repeating?.stepsFor?.({ sessionCap: "10" }).length, "a shipped scenario repeats by a deployment option").toBeGreaterThan(
      repeating?.steps.length ?? 0,
    );

    const [first] = readdirSync(join(dir, "controlm")).filter((f) => f.endsWith(".yaml"));
    writeFileSync(join(dir, "controlm", first as string), "vendor: controlm\nservice: session\nscenarios: []\n");
    const changed = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `
      const { collectSuites, lastCollection } = await import(${JSON.stringify(join(import.meta.dirname, "collection.ts"))});
      const { findSuiteFiles } = await import(${JSON.stringify(join(import.meta.dirname, "discover.ts"))});
      try { await collectSuites(findSuiteFiles(${JSON.stringify(dir)})); } catch (e) { process.stdout.write(JSON.stringify({ handedOver: lastCollection()?.handedOver, error: e.message })); }`,
      ],
      { encoding: "utf8", env: process.env },
    );
    const answer = JSON.parse(changed.stdout) as { handedOver: boolean; error: string };
    // Not the runner's result: the worker loaded and validated the changed file, and refused it.
    expect(answer.handedOver).toBe(false);
    expect(answer.error).toMatch(/problem in scenario files/);
  } finally {
    if (saved === undefined) delete process.env[COLLECTION_ENV];
    else process.env[COLLECTION_ENV] = saved;
  }
});
