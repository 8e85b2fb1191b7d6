/**
 * Prints docs/mocks.md's per-vendor tables from the code: legal variants with the evidence
 * they stand for, deployment options with their documented defaults, defects with the
 * ids they break. `npm run docs:tables`; specs/harness/readme.spec.ts keeps the README
 * in step (every variant, option and defect named there).
 */
import { vendors } from "../src/drivers/registry.ts";
import { mocks } from "../src/mocks/registry.ts";

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");

for (const [id, driver] of Object.entries(vendors)) {
  const mock = mocks[id];
  if (!mock) continue;
  console.log(`#### ${driver.title} (\`${id}\`)\n`);
  console.log("| variant | what it models | evidence |\n|---|---|---|");
  for (const v of mock.variants) console.log(`| \`${v.name}\` | ${cell(v.description)} | ${cell(v.evidence)} |`);
  console.log("\n| deployment option | documented default | meaning |\n|---|---|---|");
  for (const [name, o] of Object.entries(driver.deploymentOptions))
    console.log(`| \`${name}\` | ${o.default === undefined ? "(none documented)" : `\`${cell(o.default)}\``} | ${cell(o.description)} |`);
  console.log("\n| defect | breaks | what it does |\n|---|---|---|");
  for (const d of mock.defects) console.log(`| \`${d.name}\` | ${d.breaks.join(", ")} | ${cell(d.description)} |`);
  console.log("");
}
