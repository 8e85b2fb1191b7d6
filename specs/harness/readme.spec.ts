import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { vendors } from "../../src/drivers/registry.ts";
import { mocks } from "../../src/mocks/registry.ts";

/** docs/mocks.md names every variant, deployment option and defect the code has (npx tsx scripts/vendor-tables.ts writes the tables). */
test("docs/mocks.md lists every legal variant, deployment option and defect", () => {
  const readme = readFileSync(join(import.meta.dirname, "..", "..", "docs", "mocks.md"), "utf8");
  const missing: string[] = [];
  for (const [id, driver] of Object.entries(vendors)) {
    const mock = mocks[id];
    for (const v of mock?.variants ?? []) if (!readme.includes(`| \`${v.name}\` |`)) missing.push(`${id} variant ${v.name}`);
    for (const d of mock?.defects ?? []) if (!readme.includes(`| \`${d.name}\` |`)) missing.push(`${id} defect ${d.name}`);
    for (const name of Object.keys(driver.deploymentOptions)) if (!readme.includes(`| \`${name}\` |`)) missing.push(`${id} option ${name}`);
  }
  expect(missing, "run npx tsx scripts/vendor-tables.ts and paste its tables into docs/mocks.md").toEqual([]);
});
