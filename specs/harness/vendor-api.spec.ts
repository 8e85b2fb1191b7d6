import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { TEAM_VENDORS_ENV } from "../../src/vendors/team-vendors-env.ts";
import { writeTeamVendor } from "../../test-support/team-vendor.ts";
import { ROOT, runCli, startStandaloneMock } from "./support/processes.ts";

/**
 * The Vendor API is public and proven: a vendor folder written outside src/ (a team's own,
 * test-support/team-vendor.ts: driver, mock, behaviours, a variant, three defects, a suite)
 * joins through sessionprobe.json `vendors` — one folder and one line — and then validates,
 * runs as a standalone mock, takes part in a conformance run, and has its kill and variant
 * matrices proved like a built-in vendor's.
 */
test.describe.configure({ mode: "serial" });

// Inside the repository (git-ignored reports/), so the team's folder resolves the packages it imports (hono) as a team's own would.
let team = "";
let home = "";
test.beforeAll(() => {
  mkdirSync(join(ROOT, "reports"), { recursive: true });
  team = mkdtempSync(join(ROOT, "reports", "team-vendor-"));
  home = writeTeamVendor(team, ROOT);
  writeFileSync(join(team, "sessionprobe.json"), '{ "vendors": ["vendors/acme"], "reports": "out" }\n');
});

test.afterAll(() => rmSync(team, { recursive: true, force: true }));

test("validate checks the team vendor's suite beside the built-in ones", async () => {
  const run = await runCli(["validate"], {}, team);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/7 files, 97 scenarios: valid/);
});

test("a mistake in the team vendor's folder stops the CLI with the path and what is wrong (exit 2)", async () => {
  const broken = mkdtempSync(join(ROOT, "reports", "team-vendor-broken-"));
  try {
    writeFileSync(join(broken, "index.ts"), "export const vendor = { id: 'Acme' };\n");
    writeFileSync(join(broken, "sessionprobe.json"), '{ "vendors": ["."] }\n');
    const run = await runCli(["validate"], {}, broken);
    expect(run.code, run.output).toBe(2);
    expect(run.output).toContain(join(broken, "index.ts"));
    expect(run.output).toMatch(/id must be a lower-case name.*title is missing/);
  } finally {
    rmSync(broken, { recursive: true, force: true });
  }
});

test("sessionprobe mock acme serves the team's mock, with its defects and variants in --help", async () => {
  const help = await runCli(["mock", "acme", "--help"], {}, team);
  expect(help.code, help.output).toBe(0);
  expect(help.output).toMatch(/^ {2}logout-keeps-session +\[ACME-03\]/m);
  expect(help.output).toMatch(/^ {2}logout-200 /m);
  const mock = await startStandaloneMock(["acme", "--port", "0"], team);
  try {
    const login = await fetch(`${mock.baseUrl}/api/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "alice", password: "alice-password" }),
    });
    expect(login.status).toBe(200);
    expect(mock.output()).toContain("Acme Sessions API mock (acme)");
  } finally {
    await mock.stop();
  }
});

test("a conformance run drives the team vendor's mock with its suite", async () => {
  test.setTimeout(180_000);
  const run = await runCli(["conformance", "--reporter", "dot", "--grep", "@acme"], {}, team);
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/4 passed/);
});

test("the kill and variant matrices prove the team vendor's suite", async () => {
  test.setTimeout(120_000);
  const child = spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "test-support", "team-vendor-matrices.ts"), "acme"], {
    cwd: team,
    env: { ...process.env, [TEAM_VENDORS_ENV]: home },
    encoding: "utf8",
  });
  expect(child.status, child.stderr).toBe(0);
  const result = JSON.parse(child.stdout.trim().split("\n").at(-1) ?? "{}") as {
    clean: { scenario: string; outcome: string; error?: string }[];
    defects: { name: string; caught: boolean }[];
    falseFailures: string[];
  };
  expect(result.clean.map((v) => v.outcome)).toEqual(["passed", "passed", "passed", "passed"]);
  expect(result.defects.map((d) => d.name).sort()).toEqual(["login-ignores-password", "logout-keeps-session", "never-idles"]);
  expect(result.defects.filter((d) => !d.caught).map((d) => d.name)).toEqual([]);
  expect(result.falseFailures).toEqual([]);
});
