import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { publishedBehavioursSchema } from "../src/catalogue/team-behaviours-schema.ts";
import { responseValidatorsSource } from "../src/engine/build-response-validators.ts";
import { RESPONSE_VALIDATORS_MODULE } from "../src/engine/response-schemas.ts";
import { publishedScenarioSchema } from "../src/scenario/publish-schema.ts";
import { GENERATED_DIR, writeScenarioValidators } from "../src/scenario/scenario-validators.ts";

/**
 * `npm run schema`: everything generated from the scenario schema (src/scenario/schema.ts) and
 * the response schemas (src/vendors/<vendor>/schemas/): the JSON Schemas editors read (committed,
 * under fixtures/schemas/; tests fail when they are stale), and the ajv validators the loader and
 * the engine run, into generated/ (not committed: a missing or stale one is rebuilt or compiled
 * on first use). `--generated` writes generated/ alone: the prepare script, on `npm install`.
 */
const generatedOnly = process.argv.includes("--generated");
const written: string[] = [];

if (!generatedOnly) {
  const published = join(import.meta.dirname, "..", "fixtures", "schemas", "scenario.schema.json");
  writeFileSync(published, publishedScenarioSchema());
  // A team's behaviours file (sessionprobe.json "behaviours"): validated at run time, published for editors.
  const behaviours = join(import.meta.dirname, "..", "fixtures", "schemas", "behaviours.schema.json");
  writeFileSync(behaviours, publishedBehavioursSchema());
  written.push(published, behaviours);
}
// Importing the loader's module already rewrote a stale scenario module; this writes it whatever its state.
written.push(await writeScenarioValidators(GENERATED_DIR));
mkdirSync(dirname(RESPONSE_VALIDATORS_MODULE), { recursive: true });
writeFileSync(RESPONSE_VALIDATORS_MODULE, responseValidatorsSource());
written.push(RESPONSE_VALIDATORS_MODULE);
for (const file of written) console.log(`wrote ${file}`);
