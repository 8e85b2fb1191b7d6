import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { loaderProperty, summarise } from "../../fuzz/loader-mutations.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { references } from "../../src/scenario/interpolate.ts";
import { loadSuiteFiles } from "../../src/scenario/load.ts";
import { formatProblem } from "../../src/scenario/problems.ts";
import { resolveReference } from "../../src/scenario/interpolate.ts";
import "../../test-support/drivers.ts";

/**
 * The examples of issue 14, each a regression test: hostile or mistaken scenario files
 * are refused at load time with a located, readable problem, and never crash the batch.
 */
const dir = mkdtempSync(join(tmpdir(), "sp-hostile-"));
let n = 0;
function file(text: string, name = `f${++n}.yaml`): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const problemsOf = (...paths: string[]) => loadSuiteFiles(paths).problems.map(formatProblem);

/** A Control-M session file with one scenario whose steps are given as YAML lines (6 spaces in). */
function scenario(steps: string, header = ""): string {
  return `vendor: controlm\nservice: session\nscenarios:\n  - name: hostile\n    covers: [CTM-S-01]\n${header}    steps:\n${steps}`;
}

test("circular YAML aliases are located errors, and the other files of the batch are still reported", () => {
  const selfMap = file(scenario("      - login: {}\n        with: &a { self: *a }\n"));
  const matcher = file(scenario("      - login: {}\n        expect: { body: { token: &m { equals: *m } } }\n"));
  const other = file(scenario("      - login: {}\n      - use: no-such-call\n"));
  const problems = problemsOf(selfMap, matcher, other);
  expect(problems).toEqual([
    expect.stringMatching(/f\d+\.yaml:8:26: circular YAML alias \*a: the anchor &a contains it; write the value out instead$/),
    expect.stringMatching(/f\d+\.yaml:8:47: circular YAML alias \*m: the anchor &m contains it; write the value out instead$/),
    expect.stringMatching(/f\d+\.yaml:8:14: unknown call "no-such-call" for controlm/),
  ]);
  // The helpers themselves survive a cycle handed to them by other callers.
  const cyclic: Record<string, unknown> = { a: "${x}" };
  cyclic.self = cyclic;
  expect(references(cyclic)).toEqual(["x"]);
});

test("validate on the command line reports every file when one holds a circular alias", () => {
  const cyclic = file(scenario("      - login: {}\n        with: &a { self: *a }\n"));
  const other = file(scenario("      - login: {}\n      - use: no-such-call\n"));
  const run = spawnSync(process.execPath, ["bin/sessionprobe.mjs", "validate", cyclic, other], { encoding: "utf8", timeout: 60_000 });
  expect(run.stderr).not.toMatch(/Maximum call stack|RangeError|Converting circular/);
  expect(run.stderr).toMatch(/f\d+\.yaml:8:26: circular YAML alias \*a/);
  expect(run.stderr).toMatch(/f\d+\.yaml:8:14: unknown call "no-such-call"/);
  expect(run.status).toBe(2);
});

test("under SESSIONPROBE_SUITES a circular alias is one located problem at collection, not a 200-frame RangeError", () => {
  test.setTimeout(120_000);
  const extra = mkdtempSync(join(tmpdir(), "sp-suites-"));
  writeFileSync(join(extra, "cyclic.yaml"), scenario("      - login: {}\n        with: &a { self: *a }\n"));
  const run = spawnSync(process.execPath, ["node_modules/@playwright/test/cli.js", "test", "--project", "mocks", "--list"], {
    encoding: "utf8",
    timeout: 100_000,
    env: { ...process.env, SESSIONPROBE_SUITES: extra },
  });
  const output = `${run.stdout}${run.stderr}`;
  expect(output).toMatch(/cyclic\.yaml:8:26: circular YAML alias \*a: the anchor &a contains it; write the value out instead/);
  expect(output).not.toMatch(/RangeError|Maximum call stack|Converting circular/);
  expect(output.split("\n").length).toBeLessThan(60);
});

test("a repeat bomb is refused quickly with a clear message, an option-counted repeat counting 1,000 rounds", () => {
  const many = Array.from({ length: 1000 }, () => "          - use: config-servers\n").join("");
  const bomb = file(scenario(`      - login: {}\n      - repeat: { times: 1000 }\n        steps:\n${many}`));
  const started = performance.now();
  expect(problemsOf(bomb)).toEqual([
    expect.stringMatching(/:8:9: this file unrolls to 1,000,001 steps; the limit is 10,000 steps per file/),
  ]);
  // Before the limit this took 2.4 s and 486 MB; counted first, it is a matter of milliseconds (bound generous for shared CI).
  expect(performance.now() - started).toBeLessThan(10_000);
  // Requests without a session: the file's only problem is its size.
  const byOption = Array.from({ length: 11 }, () => "          - request: { method: GET, path: /config/servers }\n").join("");
  const optionBomb = file(scenario(`      - repeat: { times: "\${options.sessionCap} - 1" }\n        steps:\n${byOption}`));
  expect(problemsOf(optionBomb)).toEqual([
    expect.stringMatching(
      /:7:9: this file unrolls to 11,000 steps \(an option-counted repeat counts as 1,000 rounds\); the limit is 10,000/,
    ),
  ]);
  const fine = file(
    scenario(
      `      - repeat: { times: "\${options.sessionCap} - 1" }\n        steps:\n${Array.from({ length: 10 }, () => "          - request: { method: GET, path: /config/servers }\n").join("")}`,
    ),
  );
  expect(problemsOf(fine)).toEqual([]);
});

test("a named pipe or a directory given as a scenario file is refused without blocking", () => {
  const fifo = join(dir, "pipe.yaml");
  execFileSync("mkfifo", [fifo]);
  const folder = join(dir, "folder.yaml");
  mkdirSync(folder);
  const started = performance.now();
  expect(problemsOf(fifo, folder)).toEqual([
    expect.stringMatching(/pipe\.yaml:1:1: not a regular file \(a named pipe\): give a \.yaml file/),
    expect.stringMatching(/folder\.yaml:1:1: not a regular file \(a directory\): give a \.yaml file/),
  ]);
  expect(performance.now() - started).toBeLessThan(2_000);
});

test("a file with CR-only line ends is read line by line", () => {
  const text = readFileOfSuite().replace(/\r?\n/g, "\r");
  expect(problemsOf(file(text))).toEqual([]);
  const broken = file(scenario("      - login: {}\n      - use: no-such-call\n").replace(/\n/g, "\r"));
  expect(problemsOf(broken)).toEqual([expect.stringMatching(/:8:14: unknown call "no-such-call"/)]);
});

function readFileOfSuite(): string {
  return execFileSync("cat", [join(import.meta.dirname, "..", "..", "src", "vendors", "controlm", "suites", "session.yaml")], {
    encoding: "utf8",
  });
}

test("invalid regular expressions are refused at load time, at the pattern", () => {
  const bad = file(
    scenario(`      - login: {}
        expect:
          headers: { content-type: { matches: "(" } }
          body: { token: { matches: "[a-" }, version: { matches: "a{2,1}" } }
          text: { matches: "^\${date}(" }
`),
  );
  expect(problemsOf(bad)).toEqual([
    expect.stringMatching(/:9:47: invalid regular expression \/\(\/: Unterminated group$/),
    expect.stringMatching(/:10:37: invalid regular expression \/\[a-\/: Unterminated character class$/),
    expect.stringMatching(/:10:66: invalid regular expression \/a\{2,1\}\/: numbers out of order in \{\} quantifier$/),
    expect.stringMatching(/:11:28: invalid regular expression \/\^\$\{date\}\(\/: Unterminated group$/),
  ]);
});

test("call, action and using names are the driver's own, never a prototype's", () => {
  const bad = file(
    scenario(`      - login: {}
      - use: constructor
      - action: constructor
      - expire: { absolute: 1h, keepAlive: 10m, using: constructor }
`),
  );
  expect(problemsOf(bad)).toEqual([
    expect.stringMatching(/:8:14: unknown call "constructor" for controlm/),
    expect.stringMatching(/:9:17: unknown action "constructor" for controlm/),
    expect.stringMatching(/:10:56: unknown call or action "constructor" for controlm/),
  ]);
});

test("dates, durations and percentages out of range are refused", () => {
  const bad = file(
    scenario(`      - login: {}
        timeout: 0s
        expect: { body: { expirationDate: { after: "not a date" } } }
      - use: config-servers
        timeout: 99999999999999999999999d
      - expire: { idle: 0% }
      - expire: { absolute: 1h, keepAlive: 0s }
      - expire: { idle: "0% of latestAccessUpdateFrequency" }
      - expire: { absolute: 100000d }
`),
  );
  expect(problemsOf(bad)).toEqual([
    expect.stringMatching(/:8:18: timeout 0s: a step timeout must be more than 0 and at most 1h$/),
    expect.stringMatching(/:9:52: after: "not a date" is not an instant: expected ISO-8601 such as 2026-01-15T09:00:00Z or \$\{now\}$/),
    expect.stringMatching(/:11:18: timeout 99999999999999999999999d: a step timeout must be more than 0 and at most 1h$/),
    expect.stringMatching(/:12:25: idle: 0% lets no time pass: a percentage must be more than 0% and at most 1000%$/),
    expect.stringMatching(/:13:44: keepAlive: 0s: a keep-alive interval must be more than 0 and at most 30d$/),
    expect.stringMatching(
      /:14:25: idle: 0% of latestAccessUpdateFrequency lets no time pass: a percentage must be more than 0% and at most 1000%$/,
    ),
    expect.stringMatching(/:15:29: absolute: 100000d: a time to pass must be more than 0 and at most 30d$/),
  ]);
});

test("capture and observe names outside their pattern are refused, and their values checked", () => {
  const bad = file(
    scenario(`      - login: {}
        capture: { "bad name": body.token, __proto__: body.token, good: not-a-selector }
        expect: { observe: { "-dash first": body.token } }
`),
  );
  expect(problemsOf(bad)).toEqual([
    expect.stringMatching(
      /:8:20: "bad name" is not a capture name: letters, digits and _, not starting with a digit \(and not __proto__\)$/,
    ),
    expect.stringMatching(/:8:44: "__proto__" is not a capture name/),
    expect.stringMatching(/:8:73: expected a selector: status, text, .*got "not-a-selector"$/),
    expect.stringMatching(/:9:30: "-dash first" is not an observation label: a letter or digit, then letters, digits, spaces, \., _ or -$/),
  ]);
});

test("an unclosed ${ and prototype names in references are refused; run time never resolves a prototype name", () => {
  const bad = file(
    scenario(`      - login: { username: "\${users.constructor.name}", password: "\${credentials.password" }
      - use: config-servers
        title: "\${credentials.toString}"
`),
  );
  expect(problemsOf(bad)).toEqual([
    expect.stringMatching(
      /:7:28: \$\{users\.constructor\.name\}: "constructor" is a JavaScript built-in name, not a name of the target's$/,
    ),
    expect.stringMatching(/:7:67: an unclosed \$\{ in "\$\{credentials\.password": close it with \}$/),
    expect.stringMatching(/:9:16: \$\{credentials\.toString\}: "toString" is a JavaScript built-in name/),
  ]);
  const scope = { captures: {}, credentials: { username: "u" }, users: { admin: { username: "a" } }, random: "r", now: 0, options: {} };
  expect(() => resolveReference("users.constructor.name", scope)).toThrow(/the target has no user "constructor"/);
  expect(() => resolveReference("credentials.constructor", scope)).toThrow(/no such field/);
  expect(() => resolveReference("options.toString", scope)).toThrow(/declares no option "toString"/);
  expect(() => resolveReference("hasOwnProperty", scope)).toThrow(/is not defined/);
});

test("range messages a person understands: HTTP status, .inf, repeat times; control characters escaped", () => {
  const bad = file(
    scenario(`      - login: {}
        expect: { status: 1 }
      - use: config-servers
        expect: { status: [200, 1000] }
      - use: config-servers
        expect: { status: .inf }
      - repeat: { times: 0 }
        steps: [{ use: config-servers }]
      - login: {}
        "evil\\u001b[31mkey\\u202e": 1
`),
  );
  expect(problemsOf(bad)).toEqual([
    expect.stringMatching(/:8:27: status must be an HTTP status from 100 to 599, got 1$/),
    expect.stringMatching(/:10:33: status\[1\] must be an HTTP status from 100 to 599, got 1000$/),
    expect.stringMatching(/:12:27: status must be an HTTP status from 100 to 599, got \.inf$/),
    expect.stringMatching(/:13:26: expected how many times: 1 to 1000, or a deployment option .*, got 0$/),
    expect.stringMatching(/:16:9: unknown key "evil\\u001b\[31mkey\\u202e"; expected one of/),
  ]);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: none may reach a message.
  for (const problem of problemsOf(bad)) expect(problem).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
});

test("the shipped suites load as before after every change of the loader", () => {
  const { problems, suites } = loadSuiteFiles(findSuiteFiles());
  expect(problems.map(formatProblem)).toEqual([]);
  expect(suites.length).toBeGreaterThanOrEqual(5);
});

test("property: mutated copies of the real suites never crash the loader; every problem is located; a hostile file never hides the others", () => {
  test.setTimeout(90_000);
  const result = loaderProperty({ seed: 1414, runs: 120, files: findSuiteFiles(), dir: mkdtempSync(join(tmpdir(), "sp-fuzz-")) });
  test.info().annotations.push({ type: "fuzz", description: summarise(result) });
  expect(result.crashes).toEqual([]);
  expect(result.unlocated).toEqual([]);
  expect(result.slow).toEqual([]);
  expect(result.tried).toBe(120);
  expect(result.invalidAccepted).toEqual([]);
});
