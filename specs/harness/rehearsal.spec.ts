import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { REHEARSAL_ENV, type RehearsalServer, control, startRehearsalServers, writeTargets } from "./support/rehearsal-world.ts";
import { ROOT, runCli } from "./support/processes.ts";
import { scanWithControl } from "./support/secret-scan.ts";
import { OTHERS_ENDED_ANNOTATION, readOthersEndedNote } from "../../src/coordination/others-ended.ts";
import { readTimings, timingKey } from "../../src/coordination/timings.ts";

interface Summary {
  scenarios: { target: string; service: string; title: string; status: string; skipReason?: string; closedInTeardown: number }[];
}

const DELIBERATE = join(ROOT, "specs", "harness", "data", "rehearsal");

interface JsonSuite {
  suites?: JsonSuite[];
  specs?: {
    title: string;
    tests: {
      projectName: string;
      results: { status: string; startTime: string; duration: number; annotations?: { type: string; description?: string }[] }[];
    }[];
  }[];
}

/**
 * Every attempt of every test in Playwright's JSON report: its project, status and span (ms since the epoch). A guarded
 * scenario's test begins with its wait for the others of its target: `released` is when that wait ended (its note).
 */
function testSpans(report: JsonSuite): { project: string; title: string; status: string; start: number; released: number; end: number }[] {
  const specs = (suite: JsonSuite): NonNullable<JsonSuite["specs"]> => [...(suite.specs ?? []), ...(suite.suites ?? []).flatMap(specs)];
  return specs(report).flatMap((spec) =>
    spec.tests.flatMap((t) =>
      t.results.map((r) => {
        const start = Date.parse(r.startTime);
        const released = readOthersEndedNote(r.annotations?.find((a) => a.type === OTHERS_ENDED_ANNOTATION)?.description)?.releasedAt;
        return { project: t.projectName, title: spec.title, status: r.status, start, released: released ?? start, end: start + r.duration };
      }),
    ),
  );
}

test.describe.configure({ mode: "serial" });

let dir: string;
let servers: RehearsalServer[];
let cas: Map<string, string>;

test.beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sp-rehearsal-"));
  servers = await startRehearsalServers(dir);
  cas = new Map(servers.map((s) => [s.name, readFileSync(s.caFile, "utf8")]));
});

test.afterAll(async () => {
  await Promise.all((servers ?? []).map((s) => s.mock.stop()));
});

test("staging rehearsal: every suite against separately started HTTPS servers, with real waits, leaves nothing open and leaks nothing", async () => {
  test.setTimeout(600_000);
  const targets = join(dir, "targets.yaml");
  writeTargets(
    targets,
    servers,
    (s) => `{ ca: ${s.caFile} }`,
    (s) => (s.vendor === "controlm" ? "    lockout: { budget: 1 }\n" : ""),
  );
  const reports = join(dir, "reports");
  // Playwright's JSON report too: each test's project and span, for the guard's order below.
  const spansFile = join(reports, "playwright.json");
  const run = await runCli(["run", "--targets", targets, "--workers", "8", "--reporter", "dot,json"], {
    ...REHEARSAL_ENV,
    SESSIONPROBE_REPORTS: reports,
    SESSIONPROBE_SUITES: DELIBERATE,
    PLAYWRIGHT_JSON_OUTPUT_NAME: spansFile,
  });
  const summaryAt = run.output.indexOf("sessionprobe —");
  console.log(summaryAt >= 0 ? run.output.slice(summaryAt) : run.output);
  expect(summaryAt, "the run printed its summary").toBeGreaterThanOrEqual(0);
  const summary = JSON.parse(readFileSync(join(reports, "summary.json"), "utf8")) as Summary;

  const deliberate = summary.scenarios.filter((s) => s.title.includes("rehearsal"));
  expect(deliberate.map((s) => s.status).sort()).toEqual(["failed", "timedOut"]);
  for (const s of deliberate) expect(s.closedInTeardown, `${s.title} closed its sessions in teardown`).toBeGreaterThanOrEqual(1);

  const unexpected = summary.scenarios.filter((s) => !s.title.includes("rehearsal") && s.status !== "passed" && s.status !== "skipped");
  expect(unexpected.map((s) => `${s.target} ${s.title}: ${s.status}`)).toEqual([]);
  const skips = summary.scenarios.filter((s) => s.status === "skipped").map((s) => `${s.target}: ${s.skipReason}`);
  // Three Control-M wrong-credential scenarios can run on a real target without a disposable account
  // (an unknown user, a non-JSON login, a refused password update): a budget of 1 runs one of them.
  expect(skips.filter((r) => /lockout budget of target controlm-staging \(1 scenarios/.test(r))).toHaveLength(2);
  for (const reason of skips)
    expect(reason).toMatch(
      /lockout budget|tagged date-travel|needs an idle timeout|would wait|not asserted on this target|not asserted at this target|needs (options|credentials|users)\.\w+/,
    );
  expect(run.code).not.toBe(0);

  // The guard's order on each server: every guarded scenario that ran started after the last of the server's other
  // scenarios had ended, and never beside another guarded one (they wait for the runner's word, in the same run).
  const spans = testSpans(JSON.parse(readFileSync(spansFile, "utf8")) as JsonSuite);
  for (const server of servers) {
    const others = spans.filter((s) => s.project === server.name);
    const guarded = spans.filter((s) => s.project === `${server.name}-guarded` && s.status !== "skipped").sort((a, b) => a.start - b.start);
    expect(others.length, `${server.name}: its scenarios ran`).toBeGreaterThan(0);
    const othersEnd = Math.max(...others.map((s) => s.end));
    for (const [i, s] of guarded.entries()) {
      expect(s.released, `${server.name}: guarded ${s.title} went on after the others ended`).toBeGreaterThanOrEqual(othersEnd);
      if (i > 0) expect(s.start, `${server.name}: guarded ${s.title} alone`).toBeGreaterThanOrEqual(guarded[i - 1]?.end ?? 0);
    }
  }
  expect(spans.filter((s) => s.project.endsWith("-guarded") && s.status !== "skipped").length, "guarded scenarios ran").toBeGreaterThan(0);

  for (const server of servers) {
    const { open } = await control<{ open: number }>(server, cas.get(server.name) as string, "/sessions");
    expect(open, `${server.name} sessions open after the run`).toBe(0);
  }
  expect(run.output).toMatch(
    /real-time waits: \d+ scenarios waited .* within .* of wall time: [\d.]+× the longest single wait \(\d+s\); the whole run took/,
  );

  const issued = (await Promise.all(servers.map((s) => control<{ values: string[] }>(s, cas.get(s.name) as string, "/issued")))).flatMap(
    (r) => r.values,
  );
  const passwords = Object.entries(REHEARSAL_ENV)
    .filter(([k]) => /PASSWORD|APIKEY/.test(k))
    .map(([, v]) => v);
  expect(issued.length).toBeGreaterThan(100);
  const scan = scanWithControl({ dir: reports, terminal: run.output, literals: [...passwords, ...issued], patterns: [] });
  expect(scan.control.found, "the planted control secret is found in every encoding").toEqual(scan.control.expected);
  console.log(
    `secret scan: ${passwords.length} credentials and ${issued.length} issued values searched in ${scan.filesScanned} files and the terminal: ${scan.hits.length} hits`,
  );
  expect(scan.hits).toEqual([]);

  const evidence = JSON.parse(readFileSync(join(reports, "evidence.json"), "utf8")) as {
    targets: { name: string; baseUrl: string; serverVersions: string[] }[];
    scenarioFiles: unknown[];
    sessions: { leftOpen: number | null }[];
  };
  expect(evidence.targets.map((t) => t.name).sort()).toEqual(servers.map((s) => s.name).sort());
  expect(evidence.scenarioFiles.length).toBeGreaterThanOrEqual(5);
  expect(evidence.sessions.map((s) => s.leftOpen)).toEqual(servers.map(() => 0));
  // What each scenario cost each server, for the next night's sizing (scanned for secrets above with the rest).
  const learned = readTimings(reports);
  expect([...learned.keys()].sort()).toEqual(servers.map((s) => s.name).sort());
  for (const [name, costs] of learned) {
    const ran = summary.scenarios.filter((r) => r.target === name && r.status !== "skipped");
    expect(costs.size, `${name}: a cost for each scenario that ran`).toBe(new Set(ran.map((r) => timingKey(r.service, r.title))).size);
  }
});

test("without tls.ca the run stops on a clear certificate error before any request reaches the server; tls.insecure works with a warning", async () => {
  test.setTimeout(120_000);
  const ctm = servers.find((s) => s.vendor === "controlm") as RehearsalServer;
  const before = (await control<{ entries: unknown[] }>(ctm, cas.get(ctm.name) as string, "/journal")).entries.length;
  const strict = join(dir, "strict.yaml");
  writeTargets(strict, [ctm], () => "{ insecure: false }");
  const refused = await runCli(["run", "--targets", strict, "--grep", "CTM-S-01"], {
    ...REHEARSAL_ENV,
    SESSIONPROBE_REPORTS: join(dir, "strict-reports"),
  });
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/the TLS certificate of https:\/\/127\.0\.0\.1:\d+ is not trusted .*set tls\.ca/);
  const after = (await control<{ entries: unknown[] }>(ctm, cas.get(ctm.name) as string, "/journal")).entries.length;
  expect(after, "no request (and so no credential) reached the server").toBe(before);

  const insecure = join(dir, "insecure.yaml");
  writeTargets(insecure, [ctm], () => "{ insecure: true }");
  const reports = join(dir, "insecure-reports");
  const accepted = await runCli(["run", "--targets", insecure, "--grep", "CTM-S-01"], { ...REHEARSAL_ENV, SESSIONPROBE_REPORTS: reports });
  expect(accepted.code, accepted.output).toBe(0);
  expect(accepted.output).toMatch(/WARNING: TLS verification is OFF for target controlm-staging/);
  expect(readFileSync(join(reports, "allure-results", "environment.properties"), "utf8")).toMatch(/TLS VERIFICATION OFF/);
});
