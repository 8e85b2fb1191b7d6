import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { REHEARSAL_ENV, type RehearsalServer, control, startRehearsalServers, writeTargets } from "./support/rehearsal-world.ts";
import { ROOT, runCli } from "./support/processes.ts";
import { scanWithControl } from "./support/secret-scan.ts";
import { readTimings, timingKey } from "../../src/coordination/timings.ts";

interface Summary {
  scenarios: { target: string; service: string; title: string; status: string; skipReason?: string; closedInTeardown: number }[];
}

const DELIBERATE = join(ROOT, "specs", "harness", "data", "rehearsal");

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
  const run = await runCli(["run", "--targets", targets, "--workers", "8"], {
    ...REHEARSAL_ENV,
    SESSIONPROBE_REPORTS: reports,
    SESSIONPROBE_SUITES: DELIBERATE,
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
