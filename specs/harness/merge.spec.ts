import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { junitSchemaErrors } from "../../src/report/junit-schema.ts";
import { runCli, runPlaywrightTest, startStandaloneMock } from "./support/processes.ts";
import { statementDisagreements } from "./support/statement-check.ts";

/**
 * `sessionprobe merge`: shards run as separate processes (two machines), each into its own
 * reports folder, then merged on a third "machine" that has no targets file and no credentials.
 * The merged summary is the unsharded run's; the evidence spans the shards; JUnit lists each
 * test once; the Allure report is written; the exit code is the whole run's.
 */
test.describe.configure({ mode: "serial" });

interface Scenario {
  target: string;
  service: string;
  title: string;
  status: string;
  startedAt?: number;
  durationMs?: number;
  [field: string]: unknown;
}
interface Summary {
  verdict: { exitCode: number; meaning: string };
  services: { target: string; service: string }[];
  scenarios: Scenario[];
}
interface Evidence {
  startedAt: string;
  endedAt: string;
  targets: { name: string; kind: string }[];
  services: { target: string; service: string }[];
  sessions: {
    target: string;
    closedInTeardown: number;
    leftOpen: number | null;
    leftOpenByReport?: { folder: string; leftOpen: number | null }[];
  }[];
  merged?: { reports: { folder: string; shard: string | null }[] };
  realTimeWaits: { wallMs: number };
}

const read = <T>(reports: string, file: string) => JSON.parse(readFileSync(join(reports, file), "utf8")) as T;

/** What a summary says, without its timings: the verdict, per target and service the ids and counts, each scenario's outcome. */
function meaningful(reports: string) {
  const summary = read<Summary>(reports, "summary.json");
  const byPlace = (a: { target: string; service: string; title?: string }, b: typeof a) =>
    `${a.target} ${a.service} ${a.title ?? ""}`.localeCompare(`${b.target} ${b.service} ${b.title ?? ""}`);
  return {
    verdict: summary.verdict,
    services: [...summary.services].sort(byPlace),
    scenarios: summary.scenarios.map(({ startedAt: _s, durationMs: _d, ...rest }) => rest).sort(byPlace),
  };
}

function testcases(reports: string): string[] {
  const junit = readFileSync(join(reports, "junit.xml"), "utf8");
  return [...junit.matchAll(/<testcase name="([^"]*)" classname="([^"]*)"/g)].map((m) => `${m[2]} ${m[1]}`).sort();
}

/** The merge specs read every run with the dot reporter. */
const playwright = (args: string[], env: Record<string, string>) => runPlaywrightTest(["--reporter", "dot", ...args], env);

const dir = mkdtempSync(join(tmpdir(), "sp-merge-"));
const mocksShards = [join(dir, "mocks", "shard-1"), join(dir, "mocks", "shard-2")];
const targetShards = [join(dir, "staging", "shard-1"), join(dir, "staging", "shard-2")];
// The merge machine: no targets file (a variable pointing nowhere proves the merge never reads one), no credentials.
const mergeEnv = (reports: string) => ({ SESSIONPROBE_REPORTS: reports, SESSIONPROBE_TARGETS: join(dir, "no-such-targets.yaml") });

test("two shards of the conformance suite, merged, equal the unsharded run: summary, evidence span, JUnit once each, Allure; exit 0", async () => {
  test.setTimeout(300_000);
  // One vendor's suite, and a scenario that is skipped (CTM-A-13 needs an option the mock does not declare).
  const grep = ["--project", "mocks", "--grep", "@hmc|CTM-A-13"];
  const single = join(dir, "mocks", "single");
  // One worker each: three processes on a shared machine, none starved.
  const one = { SESSIONPROBE_WORKERS: "1" };
  const [unsharded, ...shards] = await Promise.all([
    playwright(grep, { ...one, SESSIONPROBE_REPORTS: single }),
    ...mocksShards.map((reports, i) => playwright([...grep, "--shard", `${i + 1}/2`], { ...one, SESSIONPROBE_REPORTS: reports })),
  ]);
  expect(unsharded?.code, unsharded?.output.slice(-3000)).toBe(0);
  for (const [i, shard] of shards.entries()) expect(shard.code, `shard ${i + 1}:\n${shard.output.slice(-3000)}`).toBe(0);
  for (const folder of mocksShards) expect(readdirSync(join(folder, "blob")).filter((f) => f.endsWith(".zip"))).toHaveLength(1);

  const merged = join(dir, "mocks", "merged");
  const merge = await runCli(["merge", ...mocksShards], mergeEnv(merged));
  expect(merge.code, merge.output.slice(-4000)).toBe(0);
  expect(merge.output).toMatch(/sessionprobe merge: shard 1\/2 from .*shard-1, shard 2\/2 from .*shard-2/);
  // One terminal summary for the whole run.
  expect(merge.output.match(/^sessionprobe — all scenarios passed$/gm)).toHaveLength(1);
  expect(merge.output).toMatch(/target hmc[\s\S]*target controlm|target controlm[\s\S]*target hmc/);
  expect(merge.output).toMatch(/verdict: conformed \(exit code 0 from sessionprobe\)/);

  // The summary is the unsharded run's, and each shard held only part of it.
  const expected = meaningful(single);
  expect(expected.scenarios.length).toBeGreaterThan(10);
  expect(expected.scenarios.some((s) => s.status === "skipped")).toBe(true);
  expect(meaningful(merged)).toEqual(expected);
  for (const folder of mocksShards) expect(meaningful(folder).scenarios.length).toBeLessThan(expected.scenarios.length);

  // The evidence spans the shards (not the merge), with every shard's targets and sessions.
  const evidence = read<Evidence>(merged, "evidence.json");
  const shardEvidence = mocksShards.map((f) => read<Evidence>(f, "evidence.json"));
  expect(evidence.startedAt).toBe(shardEvidence.map((e) => e.startedAt).sort()[0]);
  expect(evidence.endedAt).toBe(shardEvidence.map((e) => e.endedAt).sort()[1]);
  expect(evidence.realTimeWaits.wallMs).toBe(Date.parse(evidence.endedAt) - Date.parse(evidence.startedAt));
  expect(evidence.merged?.reports.map((r) => r.shard)).toEqual(["1/2", "2/2"]);
  expect(evidence.targets.map((t) => `${t.name} ${t.kind}`).sort()).toEqual(["controlm mock", "hmc mock"]);
  const single_ = read<Evidence>(single, "evidence.json");
  const sorted = <T extends { target: string }>(list: T[]) => [...list].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  expect(sorted(evidence.services)).toEqual(sorted(single_.services));
  const closed = (e: Evidence) => Object.fromEntries(e.sessions.map((s) => [s.target, s.closedInTeardown]));
  expect(closed(evidence)).toEqual(closed(single_));

  // JUnit: every test case once, as the unsharded run lists them, valid against the XSD.
  const cases = testcases(merged);
  expect(new Set(cases).size).toBe(cases.length);
  expect(cases).toEqual(testcases(single));
  expect(await junitSchemaErrors(readFileSync(join(merged, "junit.xml"), "utf8"))).toEqual([]);

  // Allure: one result per test, the environment of the merged run, and the report.
  const results = (reports: string) => readdirSync(join(reports, "allure-results")).filter((f) => f.endsWith("-result.json")).length;
  expect(results(merged)).toBe(expected.scenarios.length);
  expect(readFileSync(join(merged, "allure-results", "environment.properties"), "utf8")).toContain(
    `run=${evidence.startedAt} → ${evidence.endedAt}`,
  );
  expect(existsSync(join(merged, "allure-report", "index.html"))).toBe(true);
  // One conformance statement for the whole run, agreeing with the merged summary.
  expect(statementDisagreements(merged)).toEqual([]);
});

test("a shard that found a broken behaviour makes the merged run exit 1; the guarded job's scenario, skipped on a shard, counts once", async () => {
  test.setTimeout(300_000);
  const mock = await startStandaloneMock(["controlm", "--port", "0", "--defect", "logout-keeps-token"]);
  try {
    const targets = join(dir, "targets.yaml");
    writeFileSync(
      targets,
      `targets:
  - name: staging
    vendor: controlm
    baseUrl: ${mock.baseUrl}/automation-api
    controlPlane: true
    credentials: { username: "\${env:CTM_USER}", password: "\${env:CTM_PASSWORD}", passwordSecret: "\${env:CTM_SECRET}", apiKey: "\${env:CTM_APIKEY}" }
    users:
      other: { username: "\${env:CTM_OTHER}", password: "\${env:CTM_OTHER_PASSWORD}" }
    expiry: skip
    allow: [changes-password]
`,
    );
    const env = (reports: string) => ({
      SESSIONPROBE_TARGETS: targets,
      SESSIONPROBE_REPORTS: reports,
      SESSIONPROBE_WORKERS: "1",
      CTM_USER: "emuser",
      CTM_PASSWORD: "empass-1234",
      CTM_SECRET: "emuser-password",
      CTM_APIKEY: "ctm-seeded-api-token-emuser-public-0001",
      CTM_OTHER: "opsuser",
      CTM_OTHER_PASSWORD: "opspass-5678",
    });
    const grep = "CTM-S-01 CTM-S-11 login|CTM-S-07 logout|CTM-S-08";
    const shards = await Promise.all(targetShards.map((reports, i) => playwright(["--grep", grep, "--shard", `${i + 1}/2`], env(reports))));
    // The shard that ran CTM-S-07 found the defect; the other passed.
    expect(shards.map((s) => s.code).sort(), shards.map((s) => s.output.slice(-2000)).join("\n")).toEqual([0, 1]);
    // The guarded job, after the shards, unsharded: only the guarded scenarios (the CI templates' command).
    const guardedDir = join(dir, "staging", "guarded");
    const guarded = await playwright(["--grep", "@guarded"], env(guardedDir));
    expect(guarded.code, guarded.output.slice(-3000)).toBe(0);
    const listed = (reports: string) => read<Summary>(reports, "summary.json").scenarios.map((s) => `${s.title}: ${s.status}`);
    const guardedTitle = "CTM-S-08 a password update lets the new password in and keeps the old one out";
    // The shard that got it skipped it, with the reason; the guarded job ran it.
    expect(targetShards.flatMap(listed).filter((s) => s.startsWith(guardedTitle))).toEqual([`${guardedTitle}: skipped`]);

    const merged = join(dir, "staging", "merged");
    const merge = await runCli(["merge", ...targetShards, guardedDir], mergeEnv(merged));
    expect(merge.code, merge.output.slice(-4000)).toBe(1);
    expect(merge.output).toMatch(/verdict: non-conformance: 1 scenario\(s\) found a behaviour broken \(CTM-S-07\)/);
    const summary = read<Summary>(merged, "summary.json");
    expect(summary.scenarios.map((s) => `${s.title.split(" ")[0]} ${s.status}`).sort()).toEqual([
      "CTM-S-01 passed",
      "CTM-S-07 failed",
      "CTM-S-08 passed",
    ]);
    expect(testcases(merged)).toHaveLength(3);
    // Sessions left open: each report's own count, carried through; the merged run's is the last report's (the guarded job).
    const evidence = read<Evidence>(merged, "evidence.json");
    const [session] = evidence.sessions;
    expect(session?.leftOpenByReport?.map((r) => [r.folder, typeof r.leftOpen])).toEqual([
      [targetShards[0], "number"],
      [targetShards[1], "number"],
      [guardedDir, "number"],
    ]);
    expect(session?.leftOpen).toBe(read<Evidence>(guardedDir, "evidence.json").sessions[0]?.leftOpen);
    expect(evidence.targets).toMatchObject([{ name: "staging", kind: "real" }]);
    expect(statementDisagreements(merged)).toEqual([]);
    expect(existsSync(join(merged, "allure-report", "index.html"))).toBe(true);
  } finally {
    await mock.stop();
  }
});

test("bad folders are refused with exit 2, naming the folder and what to do, before anything is written", async () => {
  test.setTimeout(120_000);
  const out = join(dir, "refused");
  const refused = async (folders: string[], message: RegExp, into = out) => {
    const run = await runCli(["merge", ...folders], mergeEnv(into));
    expect(run.code, run.output).toBe(2);
    expect(run.output).toMatch(message);
  };
  const [shard1, shard2] = mocksShards as [string, string];
  const empty = join(dir, "empty");
  mkdirSync(empty, { recursive: true });
  const copy = join(dir, "mocks", "shard-1-again");
  cpSync(shard1, copy, { recursive: true });
  // Each is refused on its own (they write nothing, so they can run side by side).
  await Promise.all([
    refused([join(dir, "nowhere"), shard2], /nowhere: no such folder; name each shard's reports folder/),
    refused([shard1, empty], /empty holds no blob report \(blob\/\*\.zip\)/),
    refused([join(shard1, "blob"), shard2], /holds a blob report but is not a shard's reports folder: name the folder above it/),
    refused([shard1], /shard 2\/2 is missing \(found 1\/2 in .*shard-1\)/),
    refused([shard1, copy, shard2], /shard 1\/2 is in .*shard-1 and .*shard-1-again/),
    // Shards of two different runs: the built-in mocks and a targets file.
    refused([shard1, targetShards[1] as string], /not written by one run: their targets .* differ/),
    refused(
      [shard1, shard2],
      /shard-1 is where the merge writes \(SESSIONPROBE_REPORTS\): set SESSIONPROBE_REPORTS to another folder/,
      shard1,
    ),
  ]);
  expect(existsSync(join(out, "summary.json"))).toBe(false);
});
