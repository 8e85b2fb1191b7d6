import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { childEnv, ROOT } from "./support/processes.ts";

/**
 * The package as a team gets it: `npm pack`, unpacked into an empty repository's
 * node_modules (its dependencies linked to this checkout's, since the registry is not
 * there to install from), with only the team's own suite and a sessionprobe.json.
 */
function installPacked(): string {
  const dir = mkdtempSync(join(tmpdir(), "sp-pack-"));
  const tarball = execFileSync("npm", ["pack", ROOT, "--pack-destination", dir, "--silent"], { cwd: dir, encoding: "utf8" })
    .trim()
    .split("\n")
    .at(-1) as string;
  const team = join(dir, "team");
  const installed = join(team, "node_modules", "sessionprobe");
  mkdirSync(installed, { recursive: true });
  mkdirSync(join(team, "node_modules", ".bin"));
  execFileSync("tar", ["-xzf", join(dir, tarball), "-C", installed, "--strip-components=1"]);
  symlinkSync(join(ROOT, "node_modules"), join(installed, "node_modules"));
  symlinkSync("../sessionprobe/bin/sessionprobe.mjs", join(team, "node_modules", ".bin", "sessionprobe"));
  mkdirSync(join(team, "team-suites"));
  writeFileSync(join(team, "package.json"), '{ "name": "team-conformance", "private": true }\n');
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
  return team;
}

function sessionprobe(team: string, args: readonly string[], until?: RegExp): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(join(team, "node_modules", ".bin", "sessionprobe"), [...args], {
      cwd: team,
      env: childEnv({}),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (until?.test(output)) child.kill("SIGTERM");
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

test("the packed package installs into a team's repository and runs validate, mock and a conformance run from there", async () => {
  test.setTimeout(150_000);
  const team = installPacked();
  const shipped = readdirSync(join(team, "node_modules", "sessionprobe"));
  expect(shipped).toEqual(
    expect.arrayContaining(["bin", "src", "fixtures", "suites", "templates", "playwright.config.ts", "allurerc.mjs"]),
  );
  expect(existsSync(join(team, "node_modules", "sessionprobe", "specs", "harness"))).toBe(false);

  const validate = await sessionprobe(team, ["validate"]);
  expect(validate.code, validate.output).toBe(0);
  const builtIn = readdirSync(join(ROOT, "suites"), { recursive: true }).filter((f) => String(f).endsWith(".yaml")).length;
  expect(validate.output).toContain(`${builtIn + 1} files`);

  const mock = await sessionprobe(team, ["mock", "controlm", "--port", "0"], /listening on http:\/\/127\.0\.0\.1:\d+[\s\S]*\n {2}http/);
  expect(mock.output).toMatch(/Control-M Automation API mock \(controlm\) listening on http:\/\/127\.0\.0\.1:\d+/);

  const run = await sessionprobe(team, ["conformance", "--grep", "team smoke"]);
  expect(run.code, run.output).toBe(0);
  const summary = JSON.parse(readFileSync(join(team, "out", "summary.json"), "utf8")) as {
    verdict: { exitCode: number };
    scenarios: { title: string; status: string }[];
  };
  expect(summary.verdict.exitCode).toBe(0);
  expect(summary.scenarios.map((s) => [s.title, s.status])).toEqual([["CTM-S-01 team smoke login and logout", "passed"]]);
  for (const file of ["junit.xml", "evidence.json", "statement.md", "allure-report/index.html"])
    expect(existsSync(join(team, "out", file)), file).toBe(true);
  // An installed package has no commit: its build id is the hash of its own sources, said whole (not "unknown (not").
  const environment = readFileSync(join(team, "out", "allure-results", "environment.properties"), "utf8");
  expect(environment).toMatch(/^harness=sessionprobe \d+\.\d+\.\d+, not a git checkout, sources sha256 [0-9a-f]{12}$/m);
});
