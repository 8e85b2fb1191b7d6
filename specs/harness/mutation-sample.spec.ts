import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { readMutants, tally } from "../../mutation/summary.ts";
import { ROOT } from "./support/processes.ts";

/**
 * A small fixed sample of mutation testing in every `npm test` (the whole run is
 * `npm run mutation`, docs/mutation.md): StrykerJS mutates the HMC mock's logon and logoff
 * routes, and the HMC suite, run in process, must kill every mutant by a failed assertion —
 * or the mutant must be one reviewed in the code as equivalent. A weakened assertion, or a
 * broken runner, fails here.
 */
const SAMPLE = "src/vendors/hmc/mock/logon-routes.ts";

test("a fixed sample of the mocks' mutants is killed by the suites' assertions", async () => {
  test.setTimeout(300_000);
  const out = mkdtempSync(join(tmpdir(), "sp-mutation-sample-"));
  const run = spawnSync(
    process.execPath,
    [
      join(ROOT, "node_modules", "@stryker-mutator", "core", "bin", "stryker.js"),
      "run",
      "--mutate",
      SAMPLE,
      "--reporters",
      "json",
      "--force",
    ],
    {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, SESSIONPROBE_MUTATION_VENDOR: "hmc", SESSIONPROBE_MUTATION_OUT: out, FORCE_COLOR: "0" },
      timeout: 280_000,
    },
  );
  expect(run.status, run.stdout.slice(-3000) + run.stderr.slice(-3000)).toBe(0);
  const mutants = readMutants(join(out, "mutation.json"));
  const counts = tally(mutants);
  console.log(`mutation sample (${SAMPLE}): ${JSON.stringify(counts)}`);
  expect(counts.killed, "the sample has mutants to kill").toBeGreaterThanOrEqual(20);
  const notKilled = mutants
    .filter((m) => m.status !== "Killed" && m.status !== "Ignored")
    .map((m) => `${m.status} ${m.file}:${m.line} ${m.mutator} → ${m.replacement}`);
  expect(notKilled, "every sampled mutant is killed by an assertion, or reviewed as equivalent in the code").toEqual([]);
});
