import { expect, test } from "@playwright/test";
import { runAgainstMock } from "../../src/in-process/run-suites.ts";
import { mocks } from "../../test-support/mocks.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";

/**
 * The misses of an outside evaluation, each reproduced by a mock defect: every behaviour
 * had been walked once (one session, one carrier, one user, one direction), so these
 * servers passed. Each must now fail a scenario covering the broken behaviour, at a step
 * whose assertions are about it, and the clean mock must pass the same scenarios.
 */
const suites = loadSuitesOrThrow(findSuiteFiles());

const MISSES = [
  {
    vendor: "controlm",
    id: "CTM-S-07",
    defect: "logout-keeps-api-key-carrier",
    what: "after logout the token is refused as Bearer but still works as x-api-key",
  },
  {
    vendor: "controlm",
    id: "CTM-A-10",
    defect: "update-merges-roles",
    what: "PUT /authentication/token adds the new roles to the old instead of replacing them",
  },
  {
    vendor: "hmc",
    id: "HMC-07",
    defect: "logoff-ends-oldest-session",
    what: "DELETE Logon ends the user's oldest session, not the one presented",
  },
  {
    vendor: "openam",
    id: "AM-05",
    defect: "properties-per-user",
    what: "session properties are stored per user, so one session's show on another of the same user",
  },
  {
    vendor: "vmanage",
    id: "VM-08",
    defect: "idle-not-reset-by-use",
    what: "use never resets the idle clock (once reported as a lifetime failure, VM-09)",
  },
] as const;

for (const miss of MISSES) {
  test(`${miss.id}: ${miss.what} — caught by a failed assertion about ${miss.id}`, async () => {
    const mock = mocks[miss.vendor];
    if (!mock) throw new Error(`no mock ${miss.vendor}`);
    const covering = (covers: readonly string[]) => covers.includes(miss.id);
    const filter = (s: { scenario: { covers: readonly string[] } }) => covering(s.scenario.covers);
    const clean = await runAgainstMock({ mock, suites, filter });
    expect(clean.length, `scenarios covering ${miss.id}`).toBeGreaterThan(0);
    expect(clean.filter((v) => v.outcome === "failed").map((v) => v.error)).toEqual([]);
    const broken = await runAgainstMock({ mock, suites, filter, defects: [miss.defect] });
    const caught = broken.filter(
      (v) => v.outcome === "failed" && v.failureKind === "expectation" && (v.failedIds ?? v.covers).includes(miss.id),
    );
    expect(
      caught.map((v) => v.scenario),
      `some scenario covering ${miss.id} fails at a step asserting it`,
    ).not.toEqual([]);
    // Nothing else went wrong on the way: every failure is a verdict on the server.
    expect(broken.filter((v) => v.outcome === "failed" && v.failureKind !== "expectation").map((v) => v.error)).toEqual([]);
  });
}
