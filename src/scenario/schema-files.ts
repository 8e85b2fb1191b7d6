import { join } from "node:path";

/** Where `expect: { schema: <vendor>/<name> }` finds its JSON Schema: fixtures/schemas/<vendor>/<name>.schema.json. */
export const SCHEMA_DIR = join(import.meta.dirname, "..", "..", "fixtures", "schemas");

export function schemaFile(ref: string): string {
  return join(SCHEMA_DIR, `${ref}.schema.json`);
}
