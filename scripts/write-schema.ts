import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { responseValidatorsSource } from "../src/engine/build-response-validators.ts";
import { RESPONSE_VALIDATORS_MODULE } from "../src/engine/response-schemas.ts";
import {
  scenarioValidatorsSource,
  scenarioValidatorsTypes,
  VALIDATORS_MODULE,
  VALIDATORS_TYPES,
} from "../src/scenario/build-validators.ts";
import { publishedBehavioursSchema } from "../src/catalogue/team-behaviours-schema.ts";
import { publishedScenarioSchema } from "../src/scenario/publish-schema.ts";

/**
 * `npm run schema`: everything generated from the scenario schema (src/scenario/schema.ts):
 * the JSON Schema editors read, and the ajv validators the loader runs (standalone code,
 * so no process compiles the schema at run time); and the validators of the response
 * schemas under fixtures/schemas/<vendor>/. Tests fail when any of them is stale.
 */
const published = join(import.meta.dirname, "..", "fixtures", "schemas", "scenario.schema.json");
writeFileSync(published, publishedScenarioSchema());
writeFileSync(VALIDATORS_MODULE, scenarioValidatorsSource());
writeFileSync(VALIDATORS_TYPES, scenarioValidatorsTypes());
writeFileSync(RESPONSE_VALIDATORS_MODULE, responseValidatorsSource());
// A team's behaviours file (sessionprobe.json "behaviours"): validated at run time, published for editors.
const behaviours = join(import.meta.dirname, "..", "fixtures", "schemas", "behaviours.schema.json");
writeFileSync(behaviours, publishedBehavioursSchema());
for (const file of [published, behaviours, VALIDATORS_MODULE, VALIDATORS_TYPES, RESPONSE_VALIDATORS_MODULE]) console.log(`wrote ${file}`);
