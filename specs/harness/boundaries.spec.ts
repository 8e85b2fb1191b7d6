import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { vendorRecords } from "../../src/vendors/registry.ts";

/**
 * Issue 18: the import boundaries in .dependency-cruiser.cjs are enforced by `npm run lint`
 * (scripts/check-boundaries.mjs). A tree that breaks every rule once must fail with exactly
 * those violations; the real tree must report nothing beyond the known exceptions below.
 */
const ROOT = join(import.meta.dirname, "..", "..");
const CHECK = join(ROOT, "scripts", "check-boundaries.mjs");
const BROKEN_TREE = join(ROOT, "lint-fixtures", "broken-tree");

interface Violation {
  rule: string;
  from: string;
  to: string;
  cycle?: string[];
}

function check(cwd: string, json = true): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, [CHECK, ...(json ? ["--json"] : [])], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
    // Playwright's workers force colour on; the report is read as plain text.
    env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
  });
  return { status: run.status, output: run.stdout + run.stderr };
}

/** One line per violation: the rule, then what imports what (a folder cycle shows the folders it goes through). */
function lines(output: string): string[] {
  const violations = JSON.parse(output) as Violation[];
  return violations.map((v) => `${v.rule}: ${v.from} → ${v.cycle ? v.cycle.join(" → ") : v.to}`).sort();
}

test("npm run lint runs Biome (lint and formatter) and the import-boundary check", () => {
  const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<string, string>;
  // `biome check` is the linter and the formatter's check together.
  expect(scripts.lint).toMatch(/\bbiome check\b/);
  expect(scripts.lint).toContain("scripts/check-boundaries.mjs");
  expect(scripts.lint).toMatch(/&&/);
});

test("the formatter is on with the project's settings: it rewrites a badly laid-out file and keeps a formatted one", () => {
  const biome = join(ROOT, "node_modules", "@biomejs", "biome", "bin", "biome");
  // What `biome check` (in npm run lint) would demand of a file with this text.
  const formatted = (source: string) =>
    spawnSync(process.execPath, [biome, "format", "--stdin-file-path=src/example.ts"], {
      cwd: ROOT,
      input: source,
      encoding: "utf8",
      timeout: 60_000,
      env: { ...process.env, FORCE_COLOR: "0", NO_COLOR: "1" },
    }).stdout;
  const tidy = "export const answer = { value: 42 };\n";
  expect(formatted("export   const  answer={value:42}\n")).toBe(tidy);
  expect(formatted(tidy)).toBe(tidy);
  // The line width is 140: a 150-character call is broken, a 120-character one is not.
  const call = (width: number) => `f(${"a".repeat(width - 20)}, bbbbbbbbbbbbbbbb);\n`;
  expect(formatted(call(150)).split("\n").length).toBeGreaterThan(2);
  expect(formatted(call(120))).toBe(call(120));
});

test("test support has one home: nothing under src/ but *.test.ts is named as test code", () => {
  const files = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" }).map((f) => f.replaceAll("\\", "/"));
  const helpers = files.filter(
    (f) => !f.endsWith(".test.ts") && /(^|[/.-])(test|tests|testing|test-support|test-helpers?|fixtures?)([/.-]|$)/.test(f),
  );
  expect(helpers, "move shared test helpers to test-support/").toEqual([]);
});

test("a tree that breaks each import rule once fails the check with exactly those violations", () => {
  const run = check(BROKEN_TREE);
  expect(run.status, run.output).toBe(15);
  expect(lines(run.output)).toEqual(
    [
      "driver-imports-outside-its-room: src/vendors/acme/driver/index.ts → src/engine/selectors.ts",
      "drivers-and-mocks-import-playwright: src/vendors/acme/driver/report.ts → ../../node_modules/@playwright/test/index.js",
      "engine-imports-runner-cli-mocks-or-reporters: src/engine/expect.ts → ../../node_modules/@playwright/test/index.js",
      "engine-imports-runner-cli-mocks-or-reporters: src/engine/run.ts → src/mock-kit/host.ts",
      "explore-model-imports-a-mock: src/explore/models/acme/index.ts → src/vendors/acme/mock/routes.ts",
      "folder-cycle: src/cli → src/report → src/cli",
      "folder-cycle: src/report → src/cli → src/report",
      "mock-kit-imports-outside-its-room: src/mock-kit/host.ts → src/http/transport.ts",
      "mock-imports-outside-its-room: src/vendors/acme/mock/login.ts → src/vendors/acme/driver/index.ts",
      "mock-imports-outside-its-room: src/vendors/acme/mock/routes.ts → src/redact/secrets.ts",
      "production-code-imports-test-support: src/scenario/load.ts → test-support/sample-suite.ts",
      "vendor-facts-import-outside-their-room: src/vendors/other/behaviours.ts → src/vendors/acme/index.ts",
      "vendor-imports-another-vendor: src/vendors/other/behaviours.ts → src/vendors/acme/index.ts",
      "vendor-record-loads-its-code-eagerly: src/vendors/acme/index.ts → src/vendors/acme/driver/index.ts",
      "vendor-record-loads-its-code-eagerly: src/vendors/acme/index.ts → src/vendors/acme/mock/login.ts",
    ].sort(),
  );
});

test("the error report a developer sees names the rule and explains it", () => {
  const run = check(BROKEN_TREE, false);
  expect(run.status).not.toBe(0);
  expect(run.output).toContain("error driver-imports-outside-its-room: src/vendors/acme/driver/index.ts → src/engine/selectors.ts");
  // The rule's comment, rewrapped by dependency-cruiser, is the explanation.
  expect(run.output.replace(/\s+/g, " ")).toContain(
    "A vendor driver (src/vendors/<vendor>/driver/) may import only src/http, src/redact, src/time, src/text, src/vendor-api and its own vendor's folder, never that vendor's mock/.",
  );
  expect(run.output).toMatch(/15 dependency violations/);
});

/** Violations the tree is allowed today: none. A new one fails the test. */
const KNOWN_EXCEPTIONS: string[] = [];

test("the real tree breaks no import rule beyond the known exceptions", () => {
  const run = check(ROOT);
  const found = lines(run.output);
  const unexpected = found.filter((line) => !KNOWN_EXCEPTIONS.includes(line));
  const fixed = KNOWN_EXCEPTIONS.filter((line) => !found.includes(line));
  expect(unexpected, "new violations: fix the import (the rule's comment in .dependency-cruiser.cjs says how)").toEqual([]);
  expect(fixed, "fixed: delete these lines from KNOWN_EXCEPTIONS in specs/harness/boundaries.spec.ts").toEqual([]);
  expect(run.status).toBe(KNOWN_EXCEPTIONS.length);
});

test("no vendor id is spelled outside its vendor folder: what differs per vendor lives in src/vendors/<vendor>/", () => {
  const ids = vendorRecords().map((v) => v.id);
  const literal = new RegExp(`["'\`](${ids.join("|")})["'\`]`);
  const found: string[] = [];
  for (const dir of ["src", "fixtures"]) {
    for (const file of readdirSync(join(ROOT, dir), { recursive: true, encoding: "utf8" })) {
      const path = `${dir}/${file.replaceAll("\\", "/")}`;
      if (!/\.(ts|mjs)$/.test(path) || path.endsWith(".test.ts") || /^src\/(vendors|explore\/models)\//.test(path)) continue;
      readFileSync(join(ROOT, path), "utf8")
        .split("\n")
        .forEach((line, i) => {
          const code = line.replace(/\/\/.*$/, "").replace(/^\s*\*.*$/, "");
          if (literal.test(code)) found.push(`${path}:${i + 1}: ${line.trim()}`);
        });
    }
  }
  expect(found, "move the vendor-specific part into the vendor's folder (its Vendor record) and read it through the registry").toEqual([]);
});
