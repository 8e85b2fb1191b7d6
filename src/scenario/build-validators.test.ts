import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { scenarioValidatorsSource, scenarioValidatorsTypes, VALIDATORS_MODULE, VALIDATORS_TYPES } from "./build-validators.ts";
import * as generated from "./scenario-validators.generated.js";

test("the generated scenario validators are what `npm run schema` writes from src/scenario/schema.ts (run it after changing the schema)", () => {
  expect(readFileSync(VALIDATORS_MODULE, "utf8")).toBe(scenarioValidatorsSource());
  expect(readFileSync(VALIDATORS_TYPES, "utf8")).toBe(scenarioValidatorsTypes());
});

test("the generated validators refuse what the schema refuses, with the schema's own words", () => {
  const suite = { vendor: "controlm", service: "session", scenarios: [{ name: "n", covers: ["CTM-S-01"], steps: [{ login: null }] }] };
  expect(generated.suite(suite)).toBe(true);
  expect(generated.login({ login: { user: "Not-Kebab" } })).toBe(false);
  const [error] = generated.login.errors ?? [];
  expect(error?.instancePath).toBe("/login");
  expect(generated.expire({ expire: { idle: "past" }, expect: { status: 99 } })).toBe(false);
  const status = (generated.expire.errors ?? []).find((e) => e.keyword === "minimum");
  expect((status?.parentSchema as { description?: string } | undefined)?.description).toBe("an HTTP status from 100 to 599");
});
