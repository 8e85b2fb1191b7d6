import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { loadTargets } from "../../src/targets/load.ts";
import { runCli } from "./support/processes.ts";
import "../../test-support/drivers.ts";

const COMMANDS = [
  "conformance",
  "run",
  "validate",
  "mock",
  "report",
  "init",
  "baseline",
  "baseline save",
  "baseline compare",
  "baseline measure",
  "merge",
];

test("every command answers --help with exit 0, and --version prints the package's version", async () => {
  test.setTimeout(90_000);
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { version: string };
  const version = await runCli(["--version"], {});
  expect(version).toEqual({ code: 0, output: `${pkg.version}\n` });
  const top = await runCli(["--help"], {});
  expect(top.code).toBe(0);
  expect(top.output).toMatch(/Exit codes:\n {2}0 {2}conformed/);
  const helps = await Promise.all(COMMANDS.map((command) => runCli([...command.split(" "), "--help"], {})));
  helps.forEach((help, i) => {
    expect(help.code, COMMANDS[i]).toBe(0);
    expect(help.output, COMMANDS[i]).toContain(`Usage: sessionprobe ${COMMANDS[i]}`);
  });
});

test("usage mistakes exit 2 with the flag, the expected form and what was given", async () => {
  test.setTimeout(90_000);
  const cases: [string[], RegExp][] = [
    [["mock", "controlm", "--port", "abc"], /--port must be a port number from 0 to 65535, got abc/],
    [["mock", "controlm", "--port=70000"], /--port must be a port number from 0 to 65535, got 70000/],
    [["mock", "controlm", "--idle", "soon"], /--idle must be a duration such as 30m, or none, got soon/],
    [["mock", "controlm", "--set", "novalue"], /--set must be option=value, got novalue/],
    [["baseline", "measure", "--target", "controlm", "--window", "wide"], /--window must be a duration such as 20s, 30m or 24h, got wide/],
    [["frobnicate"], /unknown command 'frobnicate'/],
    [["mock", "acme"], /mock: expected a vendor: controlm, hmc, vmanage, openam \(got "acme"\)/],
    [["run"], /run: name the targets file with --targets FILE/],
  ];
  const runs = await Promise.all(cases.map(([args]) => runCli(args, {})));
  runs.forEach((run, i) => {
    const [args, message] = cases[i] as [string[], RegExp];
    expect(run.code, args.join(" ")).toBe(2);
    expect(run.output, args.join(" ")).toMatch(message);
  });
});

test("a malformed targets file and a missing environment variable exit 2 before anything is sent; --targets=FILE is accepted", async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-cli-targets-"));
  const malformed = join(dir, "malformed.yaml");
  writeFileSync(malformed, "targets:\n  - name: Bad Name\n    vendor: controlm\n    baseUrl: ftp://x\n");
  const missing = join(dir, "missing.yaml");
  writeFileSync(
    missing,
    "targets:\n  - name: ctm\n    vendor: controlm\n    baseUrl: http://127.0.0.1:9\n    credentials:\n      username: ${env:SP_TEST_UNSET_USER}\n      password: ${env:SP_TEST_UNSET_PASSWORD}\n",
  );
  const [bad, unset] = await Promise.all([runCli(["run", `--targets=${malformed}`], {}), runCli(["run", "--targets", missing], {})]);
  expect(bad.code).toBe(2);
  expect(bad.output).toMatch(/malformed\.yaml:2:11: .*kebab-case/);
  expect(bad.output).toMatch(/malformed\.yaml:4:14: expected an http\(s\) URL, got "ftp:\/\/x"/);
  expect(unset.code).toBe(2);
  expect(unset.output).toMatch(/SP_TEST_UNSET_USER/);
});

test("validate reports schema and semantic problems of a file in one pass, each located, and exits 2", async () => {
  test.setTimeout(60_000);
  const file = join(mkdtempSync(join(tmpdir(), "sp-cli-validate-")), "three.yaml");
  writeFileSync(
    file,
    [
      "vendor: controlm",
      "service: session",
      "scenarios:",
      "  - name: three mistakes",
      "    covers: [CTM-S-99]",
      "    steps:",
      "      - login: {}",
      "        expect: { status: two hundred }",
      "      - use: no-such-call",
      "",
    ].join("\n"),
  );
  const run = await runCli(["validate", file], {});
  expect(run.code).toBe(2);
  expect(run.output).toMatch(/three\.yaml:5:14: unknown behaviour id "CTM-S-99"/);
  expect(run.output).toMatch(/three\.yaml:8:27: expected an HTTP status or a list of accepted ones, got "two hundred"/);
  expect(run.output).toMatch(/three\.yaml:9:14: unknown call "no-such-call" for controlm/);
  expect(run.output).toMatch(/3 problems in 1 file/);
});

test("init writes a commented targets file that loads once its .env.example variables are set, and refuses to overwrite", async () => {
  test.setTimeout(90_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-cli-init-"));
  for (const vendor of ["controlm", "hmc", "vmanage", "openam"]) {
    const at = join(dir, vendor);
    const run = await runCli(["init", vendor, "--dir", at], {});
    expect(run.code, run.output).toBe(0);
    const targets = readFileSync(join(at, "targets.yaml"), "utf8");
    const example = readFileSync(join(at, ".env.example"), "utf8");
    expect(targets).toMatch(/^# sessionprobe targets file for /);
    const names = example
      .split("\n")
      .filter((line) => /^[A-Z_]+=$/.test(line))
      .map((line) => line.slice(0, -1));
    expect(names.length).toBeGreaterThanOrEqual(2);
    // Every variable the file names is in .env.example, and nothing else: with them set, the file loads.
    const env = Object.fromEntries(names.map((name) => [name, name === "AM_ALPHA_REALM" ? "/alpha" : `value-of-${name}`]));
    const [target] = loadTargets(join(at, "targets.yaml"), env);
    expect(target?.vendor).toBe(vendor);
    expect(() => loadTargets(join(at, "targets.yaml"), { ...env, [names[0] as string]: undefined })).toThrow(
      new RegExp(names[0] as string),
    );
  }
  const again = await runCli(["init", "controlm", "--dir", join(dir, "controlm")], {});
  expect(again.code).toBe(2);
  expect(again.output).toMatch(/already exist.*--force/);
});
