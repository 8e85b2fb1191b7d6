import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { junitSchemaErrors } from "../../src/report/junit-schema.ts";
import { childEnv, ROOT, runCli, startStandaloneMock } from "./support/processes.ts";
import { statementDisagreements } from "./support/statement-check.ts";

const require = createRequire(import.meta.url);

/** The files every run leaves, whatever the reporter flags. */
function expectReportFiles(reports: string): void {
  for (const file of [
    "junit.xml",
    "summary.json",
    "evidence.json",
    "statement.md",
    "statement.html",
    "allure-results/environment.properties",
  ])
    expect(existsSync(join(reports, file)), file).toBe(true);
}

const summaryOf = (reports: string) =>
  JSON.parse(readFileSync(join(reports, "summary.json"), "utf8")) as {
    verdict: { exitCode: number };
    scenarios: { status: string; failureKind?: string }[];
  };

const credentials = { SP_CTM_USER: "emuser", SP_CTM_PASSWORD: "empass-1234", SP_CTM_APIKEY: "ctm-seeded-api-token-emuser-public-0001" };

function targetsFile(dir: string, baseUrl: string): string {
  const file = join(dir, "targets.yaml");
  writeFileSync(
    file,
    [
      "targets:",
      "  - name: ctm-under-test",
      "    vendor: controlm",
      `    baseUrl: ${baseUrl}`,
      "    credentials:",
      "      username: ${env:SP_CTM_USER}",
      "      password: ${env:SP_CTM_PASSWORD}",
      "      apiKey: ${env:SP_CTM_APIKEY}",
      "",
    ].join("\n"),
  );
  return file;
}

/** A port nothing listens on: bound, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("exit 0: `conformance --reporter dot` still writes JUnit (XSD-valid), Allure, summary and evidence; two runs leave a two-point history", async () => {
  test.setTimeout(300_000);
  const reports = join(mkdtempSync(join(tmpdir(), "sp-cli-pass-")), "reports");
  const stale = join(reports, "allure-results", "stale-result.json");
  for (const round of [1, 2]) {
    if (round === 2) {
      // Yesterday's result, and what a run killed while deleting its results left set aside.
      writeFileSync(stale, "{}");
      mkdirSync(join(reports, ".allure-results-deleting-1"));
      writeFileSync(join(reports, ".allure-results-deleting-1", "old-result.json"), "{}");
    }
    const run = await runCli(["conformance", "--reporter", "dot", "--grep", "@controlm-session"], { SESSIONPROBE_REPORTS: reports });
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/verdict: conformed/);
    expectReportFiles(reports);
    // Fresh results every run, and nothing set aside left behind once the run has ended.
    expect(existsSync(stale)).toBe(false);
    expect(readdirSync(reports).filter((name) => name.startsWith(".allure-results-deleting-"))).toEqual([]);
    expect(existsSync(join(reports, "allure-report", "index.html"))).toBe(true);
    expect(readFileSync(join(reports, "history.jsonl"), "utf8").trim().split("\n")).toHaveLength(round);
    // The conformance statement says what summary.json says: the same verdict, the same counts.
    expect(statementDisagreements(reports)).toEqual([]);
  }
  const junit = readFileSync(join(reports, "junit.xml"), "utf8");
  expect(await junitSchemaErrors(junit)).toEqual([]);
  expect(junit).toMatch(/<testcase name="CTM-S-01 CTM-S-11 [^"]*" classname="controlm.session"/);
  expect(junit).toMatch(/failures="0" errors="0"/);
});

test("`npx playwright test --reporter line` keeps the project's reporters and exits 0 when all passed", async () => {
  test.setTimeout(180_000);
  const reports = join(mkdtempSync(join(tmpdir(), "sp-pw-line-")), "reports");
  const child = spawn(
    process.execPath,
    [require.resolve("@playwright/test/cli"), "test", "--project", "mocks", "--grep", "@controlm-session", "--reporter", "line"],
    {
      cwd: ROOT,
      env: childEnv({ SESSIONPROBE_REPORTS: reports }),
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr.on("data", (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(code, output).toBe(0);
  expect(output).toMatch(/\[\d+\/\d+\] \[mocks\]/);
  expectReportFiles(reports);
  expect(summaryOf(reports).verdict.exitCode).toBe(0);
});

test("exit 1: a broken documented behaviour is a JUnit <failure> with failures=1, and the Allure quality gate fails", async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-cli-defect-"));
  const mock = await startStandaloneMock(["controlm", "--port", "0", "--defect", "logout-keeps-token"]);
  try {
    const reports = join(dir, "reports");
    const run = await runCli(
      ["run", "--targets", targetsFile(dir, `${mock.baseUrl}/automation-api`), "--grep", "CTM-S-01 CTM-S-11 login|CTM-S-07 logout"],
      { ...credentials, SESSIONPROBE_REPORTS: reports },
    );
    expect(run.code, run.output).toBe(1);
    expect(run.output).toMatch(/verdict: non-conformance: 1 scenario\(s\) found a behaviour broken \(CTM-S-07\)/);
    expect(run.output).toMatch(/Quality Gate failed[\s\S]*no-documented-behaviour-broken/);
    expect(statementDisagreements(reports)).toEqual([]);
    const junit = readFileSync(join(reports, "junit.xml"), "utf8");
    expect(await junitSchemaErrors(junit)).toEqual([]);
    expect(junit).toMatch(/<testsuite name="ctm-under-test controlm.session" tests="\d+" failures="1" errors="0"/);
    expect(junit).toMatch(
      /<testcase name="CTM-S-07 [^"]*" classname="controlm.session"[^>]*><failure message="ExpectationFailure: [^"]*" type="SP_EXPECTATION_FAILED">/,
    );
  } finally {
    await mock.stop();
  }
});

test("exit 3: a target that cannot be reached at all; each scenario is a JUnit <error> of the transport kind", async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-cli-unreachable-"));
  const reports = join(dir, "reports");
  const run = await runCli(
    [
      "run",
      "--targets",
      targetsFile(dir, `http://127.0.0.1:${await closedPort()}/automation-api`),
      "--grep",
      "CTM-S-01 CTM-S-11 login|CTM-S-03 ",
    ],
    { ...credentials, SESSIONPROBE_REPORTS: reports },
  );
  expect(run.code, run.output).toBe(3);
  expect(run.output).toMatch(/target\(s\) ctm-under-test could not be reached/);
  expect(summaryOf(reports).scenarios.map((s) => s.failureKind)).toEqual(["transport", "transport"]);
  const junit = readFileSync(join(reports, "junit.xml"), "utf8");
  expect(junit).toMatch(/failures="0" errors="2"/);
  expect(junit).toMatch(/<error message="[^"]*" type="SP_TRANSPORT_FAILED">/);
});
