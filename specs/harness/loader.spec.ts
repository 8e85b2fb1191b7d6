import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuiteFiles } from "../../src/scenario/load.ts";
import { formatProblem } from "../../src/scenario/problems.ts";
import "../../test-support/drivers.ts";

const data = (name: string) => join(import.meta.dirname, "data", name);
const problemsOf = (name: string) => loadSuiteFiles([data(name)]).problems.map(formatProblem);

test("every shape problem in a file is reported at once, each at its line and column", () => {
  const problems = problemsOf("broken-shapes.yaml");
  expect(problems).toEqual([
    expect.stringMatching(/broken-shapes\.yaml:9:19: expected an HTTP status or a list of accepted ones, got "two hundred"$/),
    expect.stringMatching(
      /broken-shapes\.yaml:11:9: unknown key "expct"; expected one of: use, title, as, with, expect, capture, timeout, covers$/,
    ),
    expect.stringMatching(/broken-shapes\.yaml:12:25: expected past \(just after the timeout\), before .*got "soon"$/),
    expect.stringMatching(/broken-shapes\.yaml:13:9: a step has exactly one verb, found login and use: split it into 2 steps$/),
    expect.stringMatching(
      /broken-shapes\.yaml:15:9: a step needs exactly one verb: login, use, expire, logout, action, request, repeat; found keys: frobnicate$/,
    ),
    expect.stringMatching(/broken-shapes\.yaml:18:12: expected at least 1 item\(s\)$/),
  ]);
});

test("names that do not exist are errors with positions, not skips", () => {
  const problems = problemsOf("broken-meaning.yaml");
  expect(problems).toEqual([
    expect.stringMatching(/:5:14: unknown behaviour id "CTM-S-99": not in the catalogue/),
    expect.stringMatching(/:5:24: behaviour VM-01 belongs to vmanage\/session, not controlm\/session$/),
    expect.stringMatching(/:8:14: unknown call "no-such-call" for controlm; expected one of: config-servers$/),
    expect.stringMatching(/:9:17: unknown action "no-such-action" for controlm; expected one of: .*change-password/),
    expect.stringMatching(/:10:9: \$\{undefinedCapture\} is not defined before this step/),
    expect.stringMatching(
      /:11:27: no JSON Schema "controlm\/no-such-schema": expected a file src\/vendors\/controlm\/schemas\/no-such-schema\.schema\.json$/,
    ),
  ]);
});

test("an unknown vendor and broken YAML are reported with positions", () => {
  expect(problemsOf("broken-vendor.yaml")).toEqual([
    expect.stringMatching(
      /broken-vendor\.yaml:1:9: expected a vendor id: .*controlm.*, got "acme" \(a team's own vendor is named in sessionprobe\.json "vendors"\)$/,
    ),
  ]);
  const yaml = problemsOf("broken-yaml.yaml");
  expect(yaml.length).toBeGreaterThan(0);
  expect(yaml[0]).toMatch(/broken-yaml\.yaml:5:\d+: YAML syntax: /);
});

test("problems from several files come together in one run", () => {
  const { problems, suites } = loadSuiteFiles(["broken-shapes.yaml", "broken-meaning.yaml", "broken-vendor.yaml"].map(data));
  expect(suites).toEqual([]);
  expect(new Set(problems.map((p) => p.file.split("/").at(-1)))).toEqual(
    new Set(["broken-shapes.yaml", "broken-meaning.yaml", "broken-vendor.yaml"]),
  );
});

test("the shipped suites load cleanly and every step knows its YAML line", () => {
  const { suites, problems } = loadSuiteFiles(findSuiteFiles());
  expect(problems.map(formatProblem)).toEqual([]);
  for (const suite of suites) {
    for (const { steps } of suite.scenarios) for (const step of steps) expect(step.position.line).toBeGreaterThan(1);
  }
});

test("a YAML alias bomb is reported as a problem of its file, not a crash", () => {
  const text = `vendor: controlm\nservice: session\nscenarios:\n  - name: bomb\n    covers: [CTM-S-01]\n    steps:\n      - &s { login: {} }\n${"      - *s\n".repeat(150)}`;
  const file = join(mkdtempSync(join(tmpdir(), "sp-alias-")), "bomb.yaml");
  writeFileSync(file, text);
  const { problems } = loadSuiteFiles([file]);
  expect(problems.map(formatProblem)).toEqual([expect.stringMatching(/bomb\.yaml:1:1: the YAML cannot be read: Excessive alias count/)]);
});

test("repeat unrolls its steps with ${index} replaced, each pointing at its own YAML line; its mistakes are located", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-repeat-"));
  const good = join(dir, "repeat.yaml");
  writeFileSync(
    good,
    `vendor: controlm
service: session
scenarios:
  - name: three sessions
    covers: [CTM-S-03]
    steps:
      - login: {}
        capture: { token: body.token }
      - repeat: { times: 3, from: 2, index: n }
        steps:
          - { login: {}, as: "s\${n}" }
          - { use: config-servers, as: "s\${n}", title: "use s\${n} (\${token})" }
`,
  );
  const { suites, problems } = loadSuiteFiles([good]);
  expect(problems.map(formatProblem)).toEqual([]);
  const steps = suites[0]?.scenarios[0]?.steps ?? [];
  expect(steps.map((s) => [s.index, s.verb, s.step.as ?? "default", s.position.line])).toEqual([
    [0, "login", "default", 7],
    [1, "login", "s2", 11],
    [2, "use", "s2", 12],
    [3, "login", "s3", 11],
    [4, "use", "s3", 12],
    [5, "login", "s4", 11],
    [6, "use", "s4", 12],
  ]);
  // Only the index is replaced at load time; captures stay for the run.
  expect(steps[2]?.step.title).toBe("use s2 (${token})");

  const bad = join(dir, "bad-repeat.yaml");
  writeFileSync(
    bad,
    `vendor: controlm
service: session
scenarios:
  - name: broken repeat
    covers: [CTM-S-03]
    steps:
      - repeat: { times: 0, index: n }
        steps:
          - { login: {}, as: "s\${m}" }
          - { repeat: { times: 2 }, steps: [{ logout: {} }] }
`,
  );
  expect(loadSuiteFiles([bad]).problems.map(formatProblem)).toEqual([
    expect.stringMatching(/bad-repeat\.yaml:7:26: expected .*1/),
    expect.stringMatching(/bad-repeat\.yaml:10:15: a repeat cannot hold another repeat$/),
  ]);
});

test("an empty file, an empty list item and keys left without a value say which is empty and what belongs there", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-empty-"));
  const empty = join(dir, "empty.yaml");
  writeFileSync(empty, "# yaml-language-server: $schema=../../fixtures/schemas/scenario.schema.json\n");
  const keys = join(dir, "keys.yaml");
  writeFileSync(
    keys,
    [
      "vendor: controlm",
      "service: session",
      "scenarios:",
      "  -",
      "  - name: keys without values",
      "    covers:",
      "    steps:",
      "      - login: {}",
      "        expect:",
      "      -",
      "      - use: config-servers",
      "        expect: { status: }",
      "",
    ].join("\n"),
  );
  const problems = loadSuiteFiles([empty, keys]).problems.map(formatProblem);
  expect(problems).toEqual([
    expect.stringMatching(
      /empty\.yaml:1:1: the file is empty \(or holds only comments\): a suite needs vendor:, service: and scenarios: \(see src\/vendors\/controlm\/suites\/session\.yaml\)$/,
    ),
    expect.stringMatching(
      /keys\.yaml:4:4: item 1 of "scenarios:" has no value \(a "-" with nothing after it\); write a scenario: name:, covers: and steps: indented below the "-"$/,
    ),
    expect.stringMatching(/keys\.yaml:6:12: "covers:" has no value; write the behaviour ids this scenario asserts$/),
    expect.stringMatching(/keys\.yaml:9:16: "expect:" has no value; write what the response must be, e.g\. expect: \{ status: 200 \}$/),
    expect.stringMatching(
      /keys\.yaml:10:8: step 2 has no value \(a "-" with nothing after it\); write one verb: login, use, .*, e\.g\. "- login: \{\}"$/,
    ),
    expect.stringMatching(/keys\.yaml:12:27: "status:" has no value; write an HTTP status or a list of accepted ones$/),
  ]);
  expect(problems.join("\n")).not.toMatch(/got null|type object/);
});

test("a step about a session no earlier step logged in is refused when the file loads, not after requests were sent", () => {
  const file = join(mkdtempSync(join(tmpdir(), "sp-sessions-")), "sessions.yaml");
  writeFileSync(
    file,
    [
      "vendor: controlm",
      "service: session",
      "scenarios:",
      "  - name: logout of a session never logged in",
      "    covers: [CTM-S-07]",
      "    steps:",
      "      - login: {}",
      "      - use: config-servers",
      "      - logout: {}",
      "        as: admin",
      "  - name: sessions a repeat logs in",
      "    covers: [CTM-S-03]",
      "    steps:",
      "      - repeat: { times: 2, from: 2, index: n }",
      "        steps:",
      '          - { login: {}, as: "s${n}" }',
      "      - { use: config-servers, as: s2 }",
      "      - { use: config-servers, expect: { session: valid } }",
      "",
    ].join("\n"),
  );
  expect(loadSuiteFiles([file]).problems.map(formatProblem)).toEqual([
    expect.stringMatching(
      /sessions\.yaml:10:13: logout needs session "admin", which no earlier step logs in: add a login step with as: admin before this one, or use one of the sessions logged in: default$/,
    ),
    expect.stringMatching(
      /sessions\.yaml:18:9: use needs session "default", which no earlier step logs in: add a login step before this one/,
    ),
  ]);
});
