import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { publishedScenarioSchema } from "../src/scenario/publish-schema.ts";

const target = join(import.meta.dirname, "..", "fixtures", "schemas", "scenario.schema.json");
writeFileSync(target, publishedScenarioSchema());
console.log(`wrote ${target}`);
