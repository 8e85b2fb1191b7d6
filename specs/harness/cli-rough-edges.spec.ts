import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { PROJECT_CONFIG_KEYS } from "../../src/cli/project-config.ts";
import { mocks } from "../../test-support/mocks.ts";
import { ROOT, runCli, startStandaloneMock } from "./support/processes.ts";

/** What a new user meets first in a team's own repository: help, mistakes, listing, .env, the project file. */

test("mock <vendor> --help lists that vendor's every defect, option, legal variant and release", async () => {
  test.setTimeout(90_000);
  const helps = await Promise.all(Object.keys(mocks).map((vendor) => runCli(["mock", vendor, "--help"], {})));
  Object.values(mocks).forEach((mock, i) => {
    const help = helps[i] as { code: number; output: string };
    expect(help.code, mock.id).toBe(0);
    const names = [...mock.defects.map((d) => d.name), ...Object.keys(mock.optionHelp), ...mock.variants.map((v) => v.name)];
    expect(
      names.filter((name) => !new RegExp(`^ {2}${name.replace(/\./g, "\\.")} `, "m").test(help.output)),
      mock.id,
    ).toEqual([]);
  });
  expect(helps[0]?.output).toMatch(/Defects \(--defect NAME, repeatable; each breaks the behaviour ids in brackets\):\n {2}\S+ +\[CTM-/);
});

test("a standalone mock stops at once though a request of its /hang is still pending (the hang ends with the connection)", async () => {
  const mock = await startStandaloneMock(["controlm", "--port", "0"]);
  const hanging = fetch(`${mock.baseUrl}/__sessionprobe/hang?ms=60000`).then(
    () => "answered",
    () => "cut",
  );
  // The request has reached the mock: it answers nothing for a minute.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const stopping = performance.now();
  await mock.stop();
  expect(performance.now() - stopping, "the mock exited within 5 s of SIGTERM").toBeLessThan(5_000);
  expect(await hanging).toBe("cut");
});

test("an unknown --defect, --variant or --set option is a usage mistake (exit 2) that names what is known", async () => {
  test.setTimeout(90_000);
  const cases: [string[], RegExp][] = [
    [["mock", "vmanage", "--defect", "no-such-defect"], /mock: unknown defect\(s\) for vmanage: no-such-defect; known: failed-login-401, /],
    [["mock", "vmanage", "--variant", "99.9"], /mock: no variant "99\.9" of vmanage; known: .*20\.9, 20\.12, 20\.18/],
    [["mock", "vmanage", "--set", "sessionCap=lots"], /mock: vmanage option sessionCap=lots is not a positive whole number/],
    [["mock", "controlm", "--client-ca", "ca.pem"], /mock: --client-ca requires --tls/],
    [
      ["baseline", "measure", "--target", "vmanage", "--variant", "99.9", "--in-process"],
      /--variant: no variant "99\.9" of vmanage; known: /,
    ],
  ];
  const runs = await Promise.all(cases.map(([args]) => runCli(args, {})));
  runs.forEach((run, i) => {
    const [args, message] = cases[i] as [string[], RegExp];
    expect(run.code, args.join(" ")).toBe(2);
    expect(run.output, args.join(" ")).toMatch(message);
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function targetsFile(dir: string, port: number): string {
  const file = join(dir, "targets.yaml");
  writeFileSync(
    file,
    `targets:\n  - name: ctm-staging\n    vendor: controlm\n    baseUrl: http://127.0.0.1:${port}/automation-api\n    credentials:\n      username: \${env:SP_DOTENV_USER}\n      password: \${env:SP_DOTENV_PASSWORD}\n`,
  );
  return file;
}

test("run --list lists the scenarios and leaves the last run's JUnit, summary and Allure history as they were", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-list-"));
  const reports = join(dir, "reports");
  mkdirSync(reports);
  const before = {
    "junit.xml": '<testsuites tests="61"/>\n',
    "history.jsonl": '{"run":1}\n',
    "summary.json": '{"verdict":{"exitCode":0}}\n',
  };
  for (const [name, text] of Object.entries(before)) writeFileSync(join(reports, name), text);
  const run = await runCli(["run", "--targets", targetsFile(dir, await closedPort()), "--list"], {
    SP_DOTENV_USER: "emuser",
    SP_DOTENV_PASSWORD: "empass-1234",
    SESSIONPROBE_REPORTS: reports,
  });
  expect(run.code, run.output).toBe(0);
  expect(run.output).toMatch(/\[ctm-staging\] › specs\/conformance\.spec\.ts:\d+:\d+ › .*CTM-S-01/);
  expect(run.output).toMatch(/Total: \d+ tests? in 1 file/);
  for (const [name, text] of Object.entries(before)) expect(readFileSync(join(reports, name), "utf8"), name).toBe(text);
  expect(existsSync(join(reports, "allure-results"))).toBe(false);
  expect(existsSync(join(reports, "allure-report"))).toBe(false);
});

test(".env in the folder sessionprobe runs from is read: it never overrides a variable already set and no value is printed", async () => {
  test.setTimeout(120_000);
  const team = mkdtempSync(join(tmpdir(), "sp-dotenv-"));
  const secret = "dotenv-pw-Wq83";
  const targets = targetsFile(team, await closedPort());
  const broken = join(team, "broken-suites");
  const good = join(team, "good-suites");
  mkdirSync(broken);
  mkdirSync(good);
  writeFileSync(join(broken, "broken.yaml"), "vendor: controlm\nservice: session\nscenarios:\n");
  writeFileSync(
    join(good, "good.yaml"),
    readFileSync(join(ROOT, "specs", "harness", "data", "rehearsal", "controlm-deliberate.yaml"), "utf8"),
  );
  // Without .env the targets file's variables are missing: exit 2 before anything is sent.
  const without = await runCli(["run", "--targets", targets, "--list"], {}, team);
  expect(without.code, without.output).toBe(2);
  expect(without.output).toMatch(/environment variable SP_DOTENV_USER is not set/);

  writeFileSync(
    join(team, ".env"),
    ["# copied from .env.example", "SP_DOTENV_USER=emuser", `SP_DOTENV_PASSWORD="${secret}"`, `SESSIONPROBE_SUITES=${broken}`, ""].join(
      "\n",
    ),
  );
  // The credentials come from .env; the suites the environment names win over the broken ones .env names.
  const listed = await runCli(["run", "--targets", targets, "--list"], { SESSIONPROBE_SUITES: good }, team);
  expect(listed.code, listed.output).toBe(0);
  expect(listed.output).toMatch(/rehearsal fails on purpose midway/);
  // .env names broken suites; validate reads them, unless the environment already names others.
  const fromDotEnv = await runCli(["validate"], {}, team);
  expect(fromDotEnv.code).toBe(2);
  expect(fromDotEnv.output).toMatch(/broken\.yaml:3:11: "scenarios:" has no value/);
  const environmentWins = await runCli(["validate"], { SESSIONPROBE_SUITES: good }, team);
  expect(environmentWins.code, environmentWins.output).toBe(0);
  for (const output of [listed.output, fromDotEnv.output, environmentWins.output]) {
    expect(output).not.toContain(secret);
    expect(output).not.toMatch(/dotenv|injected env/i);
  }
});

test("sessionprobe.json is documented, and an unknown key in it says where its keys are listed", async () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.split(/^### Project settings: sessionprobe\.json$/m)[1]?.split(/^##/m)[0] ?? "";
  expect(section, 'README section "Project settings: sessionprobe.json"').not.toBe("");
  for (const key of PROJECT_CONFIG_KEYS) expect(section).toContain(`| \`${key}\` |`);
  const team = mkdtempSync(join(tmpdir(), "sp-project-"));
  writeFileSync(join(team, "sessionprobe.json"), '{ "suite": ["team-suites"] }\n');
  const run = await runCli(["validate"], {}, team);
  expect(run.code).toBe(2);
  expect(run.output).toContain(
    'sessionprobe.json: unknown key(s) "suite"; expected: suites, targets, reports, behaviours, vendors (README, "Project settings: sessionprobe.json")',
  );
});
