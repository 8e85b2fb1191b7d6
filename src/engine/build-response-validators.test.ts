import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { responseSchemas, responseValidatorsSource } from "./build-response-validators.ts";
import { RESPONSE_VALIDATORS_MODULE, schemaTextHash, schemaValidator } from "./response-schemas.ts";

test("the generated response validators are what `npm run schema` writes from fixtures/schemas (run it after changing a schema)", () => {
  expect(readFileSync(RESPONSE_VALIDATORS_MODULE, "utf8")).toBe(responseValidatorsSource());
});

test("every response schema has its generated validator, and the engine uses it", () => {
  const schemas = responseSchemas();
  expect(schemas.size).toBeGreaterThan(20);
  const module = readFileSync(RESPONSE_VALIDATORS_MODULE, "utf8");
  for (const [ref, text] of schemas) expect(module, ref).toContain(`"${ref}": "${schemaTextHash(text)}"`);
  const validate = schemaValidator("controlm/login-response");
  expect(validate({ username: "u", token: "t", version: "9.21" })).toBe(true);
  expect(validate({ username: "u" })).toBe(false);
  expect(validate.errors?.map((e) => e.message)).toContain("must have required property 'token'");
});
