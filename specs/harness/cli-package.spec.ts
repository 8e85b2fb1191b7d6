import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join } from "node:path";
import { expect, test } from "@playwright/test";
import { childEnv, ROOT } from "./support/processes.ts";
import "../../test-support/drivers.ts";
import { installNode, npm, PACKED_ENV, packedTarball } from "../../test-support/installed-package.ts";

/**
 * The package as a team gets it: `npm pack` (which compiles it into dist/ at prepack), installed by npm into an
 * empty repository with only the team's own suite and a sessionprobe.json, then the five commands a team starts
 * with, each run by one Node. Without SESSIONPROBE_NODE_VERSIONS that is this machine's Node (npm test); with it,
 * each listed version from the npm registry's `node` package (npm run test:nodes; a major alone, like 24, is its
 * newest release), so a Node minor's module-loading behaviour cannot break the installed package unseen.
 * SESSIONPROBE_PACKED names a tarball already packed from this checkout, to install instead of packing again.
 */
const NODE_VERSIONS_ENV = "SESSIONPROBE_NODE_VERSIONS";
const wantedNodes = (process.env[NODE_VERSIONS_ENV] ?? "")
  .split(",")
  .map((v) => v.trim())
  .filter(Boolean);

const mockUsers = { CTM_USER: "emuser", CTM_PASSWORD: "empass-1234", CTM_OTHER_USER: "opsuser", CTM_OTHER_PASSWORD: "opspass-5678" };
const mockSecrets = { CTM_API_KEY: "ctm-seeded-api-token-emuser-public-0001", CTM_PASSWORD_SECRET: "emuser-password" };

interface Installed {
  /** The folder holding the tarball and the team's repository: removed after the file's tests. */
  dir: string;
  team: string;
  tarballFiles: string[];
}

function packAndInstall(): Installed {
  const dir = mkdtempSync(join(tmpdir(), "sp-pack-"));
  const tarball = packedTarball(dir);
  const tarballFiles = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).trim().split("\n");
  const team = join(dir, "team");
  mkdirSync(join(team, "team-suites"), { recursive: true });
  writeFileSync(join(team, "package.json"), '{ "name": "team-conformance", "private": true }\n');
  // The package's own dependencies, as npm resolves them for a team: nothing borrowed from this checkout.
  npm(["install", "--prefer-offline", "--loglevel=error", tarball], team);
  writeFileSync(join(team, "sessionprobe.json"), '{ "suites": ["team-suites"], "reports": "out" }\n');
  writeFileSync(
    join(team, "team-suites", "smoke.yaml"),
    [
      "vendor: controlm",
      "service: session",
      "scenarios:",
      "  - name: team smoke login and logout",
      "    covers: [CTM-S-01]",
      "    steps:",
      "      - login: {}",
      "        expect: { status: 200 }",
      "      - logout: {}",
      "",
    ].join("\n"),
  );
  return { dir, team, tarballFiles };
}

interface Cli {
  /** Each command's wall time, for the run's log: how long a Node takes is part of what this test reports. */
  timings: string[];
  run(args: readonly string[], options?: { env?: Record<string, string> }): Promise<{ code: number | null; output: string }>;
}

/** `npx sessionprobe ARGS` in the team's repository, run by `node` (and every child it starts: they take its execPath). */
function cliOf(team: string, node: string): Cli {
  const bin = join(team, "node_modules", ".bin", "sessionprobe");
  const timings: string[] = [];
  return {
    timings,
    run: (args, options = {}) =>
      new Promise((resolve) => {
        const env = childEnv(options.env ?? {});
        env.PATH = [dirname(node), env.PATH].filter(Boolean).join(delimiter);
        const child = spawn(node, [bin, ...args], { cwd: team, env, stdio: ["ignore", "pipe", "pipe"] });
        let output = "";
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
        };
        child.stdout.on("data", onData);
        child.stderr.on("data", onData);
        const started = performance.now();
        child.once("exit", (code) => {
          timings.push(`${args[0]} ${seconds(started)}`);
          resolve({ code, output });
        });
      }),
  };
}

/** `sessionprobe mock controlm` left running while `run` goes against it; resolves with its API endpoint. */
function startMock(team: string, node: string): Promise<{ baseUrl: string; stop: () => Promise<number | null> }> {
  const bin = join(team, "node_modules", ".bin", "sessionprobe");
  const child = spawn(node, [bin, "mock", "controlm", "--port", "0"], { cwd: team, env: childEnv({}), stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  let output = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the mock printed no API endpoint within 30 s:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const baseUrl = output.match(/API endpoint \(baseUrl for a targets file\): (http:\/\/127\.0\.0\.1:\d+\S*)\n/)?.[1];
      if (!baseUrl) return;
      clearTimeout(timer);
      resolve({
        baseUrl,
        stop: () => {
          child.kill("SIGTERM");
          return exited;
        },
      });
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    void exited.then((code) => reject(new Error(`the mock exited with ${String(code)} before printing its API endpoint:\n${output}`)));
  });
}

const summaryOf = (team: string) =>
  JSON.parse(readFileSync(join(team, "out", "summary.json"), "utf8")) as {
    verdict: { exitCode: number };
    scenarios: { title: string; status: string }[];
  };

/** Files under a folder, none when it is missing. */
const filesIn = (dir: string) =>
  existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0;

/**
 * Node's compiled code kept in sessionprobe's cache folder (src/cache/compiled-code.ts), on a Node that has the
 * cache (≥ 22.1), by every process of a run: Playwright's runner, its workers and the Allure report compile
 * hundreds of modules the CLI never loads, so a run keeps far more than `validate` (the CLI alone). A Node without
 * the cache keeps nothing.
 */
function expectCompiledCodeKept(node: string, cliAlone: string, wholeRun: string): void {
  const hasCache =
    execFileSync(node, ["-p", "typeof require('node:module').enableCompileCache"], { encoding: "utf8" }).trim() === "function";
  const [alone, run] = [filesIn(join(cliAlone, "compiled-code")), filesIn(join(wholeRun, "compiled-code"))];
  if (!hasCache) {
    expect(run).toBe(0);
    return;
  }
  expect(alone).toBeGreaterThan(0);
  expect(run, `compiled-code entries: ${run} for a conformance run, ${alone} for validate alone`).toBeGreaterThan(alone + 300);
}

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** init, validate, mock, run against that mock, conformance: each must exit 0 under `node`. Returns each one's time. */
async function exerciseInstalled(team: string, node: string): Promise<string[]> {
  const cli = cliOf(team, node);
  const initDir = mkdtempSync(join(team, "init-"));
  const init = await cli.run(["init", "controlm", "--dir", initDir]);
  expect(init.code, init.output).toBe(0);
  const targets = readFileSync(join(initDir, "targets.yaml"), "utf8");
  expect(readFileSync(join(initDir, ".env.example"), "utf8")).toMatch(/^CTM_USER=$/m);

  // Each of the two commands with a cache folder of its own: what the CLI alone compiles, and what a whole run does.
  const cacheOf = (command: string) => join(team, `cache-${command}`);
  const validate = await cli.run(["validate"], { env: { SESSIONPROBE_CACHE_DIR: cacheOf("validate") } });
  expect(validate.code, validate.output).toBe(0);
  const shipped = join(team, "node_modules", "sessionprobe", "dist", "src", "vendors");
  const builtIn = readdirSync(shipped, { recursive: true }).filter((f) => /[/\\]suites[/\\].*\.yaml$/.test(String(f))).length;
  expect(builtIn).toBeGreaterThan(0);
  expect(validate.output).toContain(`${builtIn + 1} files`);

  const mockStarted = performance.now();
  const mock = await startMock(team, node);
  let mockExit: number | null = null;
  try {
    // init's own targets file, pointed at the mock, its variables from the environment as a team's CI would set them.
    const file = join(initDir, "targets.yaml");
    writeFileSync(file, targets.replace(/^( {4}baseUrl: ).*$/m, `$1${mock.baseUrl}`));
    const run = await cli.run(["run", "--targets", file, "--grep", "CTM-S-01|CTM-S-07"], { env: { ...mockUsers, ...mockSecrets } });
    expect(run.code, run.output).toBe(0);
    const ran = summaryOf(team).scenarios;
    expect(ran.filter((s) => s.status === "passed").length, run.output).toBeGreaterThanOrEqual(2);
    expect(
      ran.filter((s) => s.status !== "passed" && s.status !== "skipped"),
      run.output,
    ).toEqual([]);
  } finally {
    mockExit = await mock.stop();
  }
  // Stopped as a terminal's Ctrl-C or a CI job's end would stop it: it closes and exits 0.
  expect(mockExit).toBe(0);
  cli.timings.push(`mock (serving the run) ${seconds(mockStarted)}`);

  const conformance = await cli.run(["conformance"], { env: { SESSIONPROBE_CACHE_DIR: cacheOf("conformance") } });
  expect(conformance.code, conformance.output).toBe(0);
  expectCompiledCodeKept(node, cacheOf("validate"), cacheOf("conformance"));
  const summary = summaryOf(team);
  expect(summary.verdict.exitCode).toBe(0);
  expect(summary.scenarios.find((s) => s.title === "CTM-S-01 team smoke login and logout")?.status).toBe("passed");
  for (const file of ["junit.xml", "evidence.json", "statement.md", "allure-report/index.html"])
    expect(existsSync(join(team, "out", file)), file).toBe(true);
  // An installed package has no commit: its build id is the hash of its own sources, said whole (not "unknown (not").
  const environment = readFileSync(join(team, "out", "allure-results", "environment.properties"), "utf8");
  expect(environment).toMatch(/^harness=sessionprobe \d+\.\d+\.\d+, not a git checkout, sources sha256 [0-9a-f]{12}$/m);
  return cli.timings;
}

// One pack and install for every Node of the list, in one worker, in order.
test.describe.configure({ mode: "default" });
let installed: Installed;
test.beforeAll(() => {
  test.setTimeout(300_000);
  const started = performance.now();
  installed = packAndInstall();
  const packed = process.env[PACKED_ENV] ? `${process.env[PACKED_ENV]} installed` : "packed (with the build) and installed";
  console.log(`${packed} into an empty folder in ${seconds(started)}`);
});
// A Node install is about 190 MB and the team's repository about 130 MB: none is left behind.
test.afterAll(() => {
  if (installed) rmSync(installed.dir, { recursive: true, force: true });
});

// What the package holds is the same whichever Node runs it: checked once, in npm test, not again per Node.
const PER_NODE_ONLY = "a Node list runs only the per-Node test; npm test checks the package's contents and types";

test("the package ships compiled JavaScript and declarations, no TypeScript source and no test", () => {
  test.skip(wantedNodes.length > 0, PER_NODE_ONLY);
  const files = installed.tarballFiles.map((f) => f.replace(/^package\//, ""));
  expect(files).toEqual(
    expect.arrayContaining([
      "bin/sessionprobe.mjs",
      "dist/src/cli/main.js",
      "dist/playwright.config.js",
      "dist/specs/conformance.spec.js",
      "dist/fixtures/conformance.js",
      "dist/src/vendor-api/driver.d.ts",
      "dist/src/vendor-api/index.d.ts",
      "dist/src/vendors/controlm/suites/session.yaml",
      "dist/src/vendors/openam/schemas/session-info.schema.json",
      "dist/src/vendors/openam/recordings/frodo-lib-classic-7.5.0.json",
      "dist/allurerc.mjs",
      "dist/fixtures/schemas/scenario.schema.json",
      "dist/src/report/junit-10.xsd",
      "dist/generated/scenario-validators.mjs",
      "dist/generated/response-validators.cjs",
    ]),
  );
  expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
  expect(
    files.filter(
      (f) =>
        /\.(test|spec)\.|specs\/harness|test-support/.test(f) &&
        f !== "dist/specs/conformance.spec.js" &&
        f !== "dist/specs/conformance.spec.d.ts",
    ),
  ).toEqual([]);
  const team = installed.team;
  // No TypeScript loader came with it: tsx is a development tool of this repository only.
  expect(existsSync(join(team, "node_modules", "tsx"))).toBe(false);
  const manifest = JSON.parse(readFileSync(join(team, "node_modules", "sessionprobe", "package.json"), "utf8")) as {
    engines: { node: string };
    exports: Record<string, string | { types: string; default: string }>;
  };
  for (const [name, target] of Object.entries(manifest.exports))
    for (const path of typeof target === "string" ? [target] : [target.types, target.default])
      expect(existsSync(join(team, "node_modules", "sessionprobe", path)), `exports["${name}"]: ${path}`).toBe(true);
});

test("the installed package's public types compile in a team's TypeScript project", () => {
  test.skip(wantedNodes.length > 0, PER_NODE_ONLY);
  const team = installed.team;
  writeFileSync(
    join(team, "own-driver.ts"),
    [
      'import { applyProjectConfig } from "sessionprobe/config";',
      'import type { VendorDriver } from "sessionprobe/drivers";',
      'import type { VendorMock } from "sessionprobe/mocks";',
      'import { loadTargets } from "sessionprobe/targets";',
      "export const named = (driver: VendorDriver, mock: VendorMock): string => `${driver.id}: ${driver.title}, ${mock.defects.length}`;",
      "export function targetNames(file: string): string[] {",
      "  applyProjectConfig();",
      "  return loadTargets(file).map((target) => target.name);",
      "}",
      "",
    ].join("\n"),
  );
  const tsc = join(ROOT, "node_modules", "typescript", "bin", "tsc");
  const args = [
    "--noEmit",
    "--strict",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--types",
    "node",
    "--typeRoots",
    join(ROOT, "node_modules", "@types"),
    "own-driver.ts",
  ];
  let output = "";
  try {
    output = execFileSync(process.execPath, [tsc, ...args], { cwd: team, encoding: "utf8" });
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe("");
  // And the same entry points load in plain Node, as a team's own script would import them.
  const loaded = execFileSync(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      'const [c, t] = await Promise.all([import("sessionprobe/config"), import("sessionprobe/targets")]); console.log(typeof c.applyProjectConfig, typeof t.loadTargets);',
    ],
    { cwd: team, encoding: "utf8" },
  );
  expect(loaded.trim()).toBe("function function");
});

const MACHINE = "this machine's Node";
for (const wanted of wantedNodes.length ? wantedNodes : [MACHINE])
  test(`under ${wanted === MACHINE ? wanted : `Node ${wanted}`}, the installed package runs init, validate, mock, a run against that mock and conformance`, async () => {
    test.setTimeout(300_000);
    const started = performance.now();
    const node = wanted === MACHINE ? { node: process.execPath, version: process.version, dir: undefined } : installNode(wanted);
    const installing = seconds(started);
    if (wanted !== MACHINE) expect(`${node.version}.`).toMatch(new RegExp(`^v${wanted.replaceAll(".", "\\.")}\\.`));
    test.info().annotations.push({ type: "node", description: node.version });
    const timings = await exerciseInstalled(installed.team, node.node).finally(() => {
      if (node.dir) rmSync(node.dir, { recursive: true, force: true });
    });
    console.log(`Node ${node.version} (${wanted}): installed in ${installing}; ${timings.join(", ")}; all exit 0`);
  });
