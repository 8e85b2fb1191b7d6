import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { responseSchemas, responseValidatorsSource } from "./build-response-validators.ts";
import { aheadOfTime, loadResponseValidators, schemaTextHash, schemaValidator } from "./response-schemas.ts";

test("the generator is deterministic, and its module names every response schema with the hash of its text", () => {
  const source = responseValidatorsSource();
  expect(responseValidatorsSource()).toBe(source);
  const schemas = responseSchemas();
  expect(schemas.size).toBeGreaterThan(20);
  for (const [ref, text] of schemas) expect(source, ref).toContain(`"${ref}": "${schemaTextHash(text)}"`);
});

test("a generated validator is used only for the very text it was generated from: a changed schema is compiled again", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-response-validators-"));
  const file = join(dir, "response-validators.cjs");
  const text = '{"type":"object"}';
  writeFileSync(file, `exports["acme/x"] = () => true;\nexports.hashes = { "acme/x": "${schemaTextHash(text)}" };\n`);
  const module = loadResponseValidators(file);
  expect(aheadOfTime(module, "acme/x", text)).toBeInstanceOf(Function);
  expect(aheadOfTime(module, "acme/x", '{"type":"array"}')).toBeUndefined();
  expect(aheadOfTime(module, "acme/y", text)).toBeUndefined();
});

test("no generated module, or a broken one, is no failure: every schema is compiled at run time", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-response-validators-"));
  expect(loadResponseValidators(join(dir, "missing.cjs"))).toEqual({ hashes: {} });
  writeFileSync(join(dir, "broken.cjs"), "this is not JavaScript(");
  expect(loadResponseValidators(join(dir, "broken.cjs"))).toEqual({ hashes: {} });
});

test("the engine validates responses against the vendor's schema", () => {
  const validate = schemaValidator("controlm/login-response");
  expect(validate({ username: "u", token: "t", version: "9.21" })).toBe(true);
  expect(validate({ username: "u" })).toBe(false);
  expect(validate.errors?.map((e) => e.message)).toContain("must have required property 'token'");
});
