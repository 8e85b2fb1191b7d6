import { vendorIds } from "../vendors/registry.ts";
import { suiteSchema } from "./schema.ts";

/** The JSON Schema editors read (`# yaml-language-server: $schema=…`), generated from the TypeBox source. */
export function publishedScenarioSchema(): string {
  const schema = { $schema: "http://json-schema.org/draft-07/schema#", ...suiteSchema(vendorIds) };
  return `${JSON.stringify(schema, null, 2)}\n`;
}
