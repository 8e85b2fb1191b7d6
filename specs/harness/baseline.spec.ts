import { expect, test } from "@playwright/test";
import { compareWithBaseline } from "../../src/baseline/run-compare.ts";
import { baselinePath, saveBaseline } from "../../src/baseline/store.ts";
import type { BaselineDiff } from "../../src/baseline/types.ts";
import { findDriver } from "../../src/vendors/registry.ts";
import { findVariant, variantHostOptions } from "../../src/vendors/variants.ts";
import { mocks } from "../../test-support/mocks.ts";
import { formatRecord } from "../../src/observe/record-file.ts";
import { observeMock } from "../../src/observe/run-in-process.ts";
import { measureTimeouts } from "../../src/observe/timeouts/measure.ts";
import type { TargetRecord } from "../../src/observe/types.ts";
import { startMock } from "../../src/mock-kit/server.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";
import { mockTarget } from "../../src/targets/mock-target.ts";

/**
 * Issue 8's proof: a baseline saved against one mock release profile, compared with a
 * run against another, lists exactly the release differences — judged as the catalogue
 * says (OPEN parts for review, DOC/WIRE changes as regressions) — and nothing at all
 * when the profile is the same. Everything runs in-process on the mocks' virtual clock.
 */
const suites = loadSuitesOrThrow(findSuiteFiles());

async function record(vendor: string, profile: string, options: { measure?: boolean; defects?: string[] } = {}): Promise<TargetRecord> {
  const mock = variantHostOptions(findVariant(mocks[vendor] ?? fail(vendor), profile), { defects: options.defects ?? [] });
  const observed = await observeMock({ vendor, suites, mock });
  if (!options.measure) return observed;
  const running = await startMock(mocks[vendor] ?? fail(vendor), mock);
  try {
    return { ...observed, timeouts: (await measureTimeouts(mockTarget(running, findDriver(vendor) ?? fail(vendor)))).timeouts };
  } finally {
    await running.close();
  }
}

function fail(vendor: string): never {
  throw new Error(`no mock ${vendor}`);
}

/** Saves `before` as the baseline in a scratch directory and compares `after` with it, as `baseline compare` does. */
function compare(before: TargetRecord, after: TargetRecord, dir: string): { diff: BaselineDiff; exitCode: number; text: string } {
  saveBaseline(before, baselinePath(before.target, dir));
  const outcome = compareWithBaseline(after, { baselinesDir: dir });
  if (!outcome.diff) throw new Error(outcome.text);
  return { diff: outcome.diff, exitCode: outcome.exitCode, text: outcome.text };
}

/** One line per change, without the (long) scenario names: ids, judgement, kind, what changed. */
const lines = (diff: BaselineDiff) => diff.changes.map((c) => `${c.ids.join(" ") || "target"} ${c.severity} ${c.kind}: ${c.detail}`);

test("vManage 20.12 → 20.18: the login-failure body and the GET logout change, for review; the release is noted", async () => {
  const testInfo = test.info();
  test.setTimeout(120_000);
  const before = await record("vmanage", "20.12");
  const same = compare(before, await record("vmanage", "20.12"), testInfo.outputPath("same"));
  expect(same.diff.changes, "the same profile twice: nothing changed").toEqual([]);
  expect(same.exitCode).toBe(0);
  const upgrade = compare(before, await record("vmanage", "20.18"), testInfo.outputPath("upgrade"));
  console.log(upgrade.text);
  const html = "text/html; charset=utf-8";
  const jsonError =
    "$: html → object; + $.error: object; + $.error.code: string; + $.error.details: string; + $.error.message: string; + $.error.type: string";
  expect(lines(upgrade.diff).sort()).toEqual(
    [
      `VM-02 review observation: "failure body content type": "text/html;charset=UTF-8" → "application/json"`,
      // Three failed logins: an unknown user, a wrong password, and the account's credentials as a JSON body.
      `VM-02 review body: ${jsonError}`,
      `VM-02 review content-type: ${html} → application/json`,
      `VM-02 review body: ${jsonError}`,
      `VM-02 review content-type: ${html} → application/json`,
      `VM-02 review body: ${jsonError}`,
      `VM-02 review content-type: ${html} → application/json`,
      `VM-07 review observation: "GET logout Location": "/welcome.html?nocache=‹epoch-ms›" → "«absent»"`,
      `VM-07 review observation: "GET logout status": 302 → 405`,
      "VM-07 review status: 302 → 405",
      "VM-07 review headers: + content-type; − location",
      "VM-07 review content-type: none → text/html; charset=utf-8",
      "VM-07 review body: $: empty → html",
      "target info version: 20.12.1 → 20.18.2",
      "target info version: $.data.platformVersion: 20.12.1 → 20.18.2",
    ].sort(),
  );
  expect(upgrade.exitCode, "OPEN parts changed, no DOC or WIRE behaviour: the comparison passes").toBe(0);
});

test("HMC 401 → 403 for a bad session: every refusal changes, filed under the OPEN codes; 204 → 200 logoff likewise", async () => {
  const testInfo = test.info();
  test.setTimeout(60_000);
  const before = await record("hmc", "401");
  expect(compare(before, await record("hmc", "401"), testInfo.outputPath("same")).diff.changes).toEqual([]);
  const forbidden = compare(before, await record("hmc", "403"), testInfo.outputPath("403"));
  expect(forbidden.exitCode).toBe(0);
  const statuses = forbidden.diff.changes.filter((c) => c.kind === "status");
  expect(
    statuses.every((c) => c.detail === "401 → 403"),
    "every status change is a refusal turned 401 → 403",
  ).toBe(true);
  expect(new Set(forbidden.diff.changes.map((c) => `${c.ids.join(" ")} ${c.severity} ${c.kind}`))).toEqual(
    new Set([
      "HMC-06 review status",
      "HMC-06 review observation",
      "HMC-07 review status",
      "HMC-07 review observation",
      "HMC-09 review status",
      "HMC-09 review observation",
      // A live session's credential sent as the Logon's cookies alone (unverified) is refused 403 now too: recorded in every scenario that judges a session live.
      "HMC-01 HMC-02 HMC-03 HMC-07 review observation",
      "HMC-01 HMC-02 HMC-03 review observation",
      "HMC-01 HMC-04 review observation",
      "HMC-04 review observation",
      "HMC-05 review observation",
      "HMC-08 review observation",
      // suites/hmc/documents.yaml: the refusal bodies' and the Logon's scenarios cover several ids at once.
      "HMC-01 HMC-03 review observation",
      "HMC-06 HMC-07 HMC-08 review status",
      "HMC-06 HMC-07 review status",
    ]),
  );
  // The probes after `session: invalid` (HMC-07 and HMC-09 scenarios) answer for HMC-06.
  expect(statuses.filter((c) => c.where.endsWith("(probe)")).every((c) => c.ids.join() === "HMC-06")).toBe(true);
  const logoff = compare(before, await record("hmc", "logoff-200"), testInfo.outputPath("logoff"));
  // Two logoffs answer 200 now: the HMC-07 scenario's and the V1_0 scenario's (its logoff step covers HMC-07 alone).
  // suites/hmc/documents.yaml adds four more logoffs: two in scenarios about refusals (HMC-06, HMC-07, HMC-08), two whose steps cover HMC-07 alone.
  expect(lines(logoff.diff).sort()).toEqual([
    "HMC-06 HMC-07 HMC-08 review status: 204 → 200",
    "HMC-06 HMC-07 review status: 204 → 200",
    'HMC-07 review observation: "status of DELETE Logon": 204 → 200',
    "HMC-07 review status: 204 → 200",
    "HMC-07 review status: 204 → 200",
    "HMC-07 review status: 204 → 200",
    "HMC-07 review status: 204 → 200",
  ]);
  expect(logoff.exitCode).toBe(0);
});

test("Control-M from issue → from last use: CTM-S-06's observation and the measured absolute timeout change, for review", async () => {
  const testInfo = test.info();
  test.setTimeout(60_000);
  const before = await record("controlm", "absolute", { measure: true });
  expect(compare(before, await record("controlm", "absolute", { measure: true }), testInfo.outputPath("same")).diff.changes).toEqual([]);
  const idle = compare(before, await record("controlm", "idle", { measure: true }), testInfo.outputPath("idle"));
  expect(idle.diff.changes.map((c) => `${c.ids.join(" ")} ${c.severity} ${c.kind}`).sort()).toEqual(
    ["CTM-S-06 review body", "CTM-S-06 review observation", "CTM-S-06 review status", "CTM-S-06 review timeout"].sort(),
  );
  expect(idle.diff.changes.find((c) => c.kind === "timeout")?.detail).toBe("30m → none up to 1d");
  expect(idle.exitCode).toBe(0);
});

test("a DOC or WIRE behaviour that changes is a regression: the comparison fails", async () => {
  const testInfo = test.info();
  test.setTimeout(60_000);
  const before = await record("hmc", "401");
  const broken = compare(before, await record("hmc", "401", { defects: ["wrong-response-content-type"] }), testInfo.outputPath("broken"));
  expect(broken.exitCode).toBe(1);
  const regressions = broken.diff.changes.filter((c) => c.severity === "regression");
  expect(
    regressions.some(
      (c) => c.kind === "content-type" && c.detail === "application/vnd.ibm.powervm.web+xml; type=LogonResponse → application/xml",
    ),
  ).toBe(true);
  expect(regressions.some((c) => c.kind === "outcome" && c.ids.includes("HMC-02"))).toBe(true);
});

test("a record is the same byte for byte run after run, and holds no secret", async () => {
  test.setTimeout(60_000);
  const first = formatRecord(await record("controlm", "absolute"));
  expect(formatRecord(await record("controlm", "absolute"))).toBe(first);
  const literals = Object.values(mocks).flatMap((m) =>
    Object.values(m.users).flatMap((u) => [u.password, u.apiKey].filter((v): v is string => typeof v === "string")),
  );
  for (const literal of literals) expect(first.includes(literal), "a mock credential in the record").toBe(false);
  expect(first).not.toMatch(/[A-Fa-f0-9]{32,}|[A-Za-z0-9+_-]{40,}/);
  expect(first).not.toMatch(/«[^#»]+#[0-9a-f]{8}»/);
  expect(first).not.toMatch(/127\.0\.0\.1|localhost/);
});
