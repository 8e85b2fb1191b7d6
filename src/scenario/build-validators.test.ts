import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import { vendorIds } from "../vendors/registry.ts";
import { scenarioValidatorsSource } from "./build-validators.ts";
import {
  generatorModules,
  loadScenarioValidators,
  SCENARIO_VALIDATORS_FILE,
  scenarioValidators,
  scenarioValidatorsKey,
} from "./scenario-validators.ts";

const root = join(import.meta.dirname, "..", "..");
const keyOf = (file: string) => /export const key = "([0-9a-f]+)"/.exec(readFileSync(file, "utf8"))?.[1];

test("the generator is deterministic: the same schema, ids and key give the same module, which carries its key", () => {
  const key = scenarioValidatorsKey();
  const source = scenarioValidatorsSource(vendorIds, key);
  expect(scenarioValidatorsSource(vendorIds, key)).toBe(source);
  expect(source).toContain(`export const key = "${key}";`);
});

test("the key covers what the module is made from: the schema's sources, the vendors' ids", () => {
  const modules = generatorModules().map((m) => relative(root, m));
  expect(modules).toEqual(
    expect.arrayContaining(["src/scenario/build-validators.ts", "src/scenario/schema.ts", "src/scenario/schema-names.ts"]),
  );
  expect(scenarioValidatorsKey(["controlm"])).not.toBe(scenarioValidatorsKey(["controlm", "acme"]));
});

test("a missing module is written on first use, a stale one written again, a current one imported as it is", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-validators-"));
  const file = join(dir, SCENARIO_VALIDATORS_FILE);
  const key = scenarioValidatorsKey();
  const missing = await loadScenarioValidators(dir);
  expect(keyOf(file)).toBe(key);
  expect(missing.login({ login: { user: "Not-Kebab" } })).toBe(false);

  // Stale: a module that accepts everything, made from other sources (its own folder: a process imports a path once).
  const acceptAll = (k: string) =>
    `const ok = () => true;\nexport const suite = ok, repeatArgs = ok, login = ok, use = ok, expire = ok, logout = ok, action = ok, request = ok;\nexport const key = "${k}";\n`;
  const staleDir = mkdtempSync(join(tmpdir(), "sp-validators-"));
  writeFileSync(join(staleDir, SCENARIO_VALIDATORS_FILE), acceptAll("0".repeat(64)));
  const stale = await loadScenarioValidators(staleDir);
  expect(stale.login({ login: { user: "Not-Kebab" } })).toBe(false);
  expect(keyOf(join(staleDir, SCENARIO_VALIDATORS_FILE))).toBe(key);

  // Current: imported without being compiled again (this one's verdicts show it is the file's).
  const other = mkdtempSync(join(tmpdir(), "sp-validators-"));
  writeFileSync(join(other, SCENARIO_VALIDATORS_FILE), acceptAll(key));
  const current = await loadScenarioValidators(other);
  expect(current.login({ login: { user: "Not-Kebab" } })).toBe(true);
});

test("the generated validators refuse what the schema refuses, with the schema's own words", () => {
  const generated = scenarioValidators;
  const suite = { vendor: "controlm", service: "session", scenarios: [{ name: "n", covers: ["CTM-S-01"], steps: [{ login: null }] }] };
  expect(generated.suite(suite)).toBe(true);
  expect(generated.login({ login: { user: "Not-Kebab" } })).toBe(false);
  const [error] = generated.login.errors ?? [];
  expect(error?.instancePath).toBe("/login");
  expect(generated.expire({ expire: { idle: "past" }, expect: { status: 99 } })).toBe(false);
  const status = (generated.expire.errors ?? []).find((e) => e.keyword === "minimum");
  expect((status?.parentSchema as { description?: string } | undefined)?.description).toBe("an HTTP status from 100 to 599");
});
