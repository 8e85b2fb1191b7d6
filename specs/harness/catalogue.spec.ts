import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { behaviours } from "../../src/catalogue/behaviours.ts";
import { corrections } from "../../src/vendors/openam/corrections.ts";
import { vendorRecords } from "../../src/vendors/registry.ts";
import { loadCorpus } from "../../src/evidence/corpus.ts";
import { mocks } from "../../test-support/mocks.ts";
import { publishedScenarioSchema } from "../../src/scenario/publish-schema.ts";
import { findSuiteFiles } from "../../src/scenario/discover.ts";
import { loadSuitesOrThrow } from "../../src/scenario/load.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const SHARED_CATALOGUE = join(ROOT, "..", "shared", "vendor-docs", "BEHAVIOURS.md");

test("the catalogue in src/ has exactly the ids and wording of the vendor catalogue", () => {
  test.skip(!existsSync(SHARED_CATALOGUE), "the shared vendor catalogue is not beside this checkout");
  const rows = [...readFileSync(SHARED_CATALOGUE, "utf8").matchAll(/^\| ((?:CTM-S|CTM-A|HMC|VM|AM)-\d\d) \| (.+) \| (.+) \|$/gm)].map(
    (m) => ({ id: m[1], text: m[2]?.trim(), sureness: m[3]?.trim() }),
  );
  expect(rows.length).toBeGreaterThan(50);
  // A row corrected by recorded traffic must still read, in BEHAVIOURS.md, what its correction says it does.
  for (const c of corrections)
    expect(
      rows.find((r) => r.id === c.id),
      `${c.id}: the shared row its correction departs from`,
    ).toEqual({ id: c.id, ...c.shared });
  const expected = rows.map((r) => {
    const corrected = corrections.find((c) => c.id === r.id)?.corrected;
    return corrected ? { id: r.id, ...corrected } : r;
  });
  expect(behaviours().map((b) => ({ id: b.id, text: b.text, sureness: b.sureness }))).toEqual(expected);
});

test("every correction of the shared catalogue changes its row and cites recorded exchanges the corpus holds, with the status it claims", () => {
  const corpus = loadCorpus();
  for (const c of corrections) {
    expect(c.corrected, `${c.id}: a correction that changes nothing`).not.toEqual(c.shared);
    expect(c.corrected.sureness, `${c.id}: a row corrected by recordings says so in its sureness`).toContain("RECORDED");
    expect(c.evidence.length, `${c.id}: evidence`).toBeGreaterThan(0);
    const vendor = behaviours().find((b) => b.id === c.id)?.vendor;
    for (const e of c.evidence) {
      const file = corpus.find((f) => f.vendor === vendor && f.file.endsWith(`/${e.file}`));
      expect(file, `${c.id}: evidence/recordings/${vendor}/${e.file}`).toBeDefined();
      const [method, path] = e.request.split(" ");
      const recorded = file?.exchanges.filter((x) => x.request.method === method && x.request.path === path).map((x) => x.response.status);
      expect(recorded, `${c.id}: ${e.request} in ${e.file}`).toContain(e.status);
    }
  }
});

test("every documented behaviour of every driven service is covered by a scenario", async () => {
  const covered = new Set(loadSuitesOrThrow(findSuiteFiles()).flatMap((s) => s.scenarios.flatMap((sc) => sc.scenario.covers)));
  const driven = (await Promise.all(vendorRecords().map((v) => v.driver()))).flatMap((d) =>
    d.services.map((service) => `${d.id}/${service}`),
  );
  const uncovered = behaviours()
    .filter((b) => driven.includes(`${b.vendor}/${b.service}`) && !covered.has(b.id))
    .map((b) => b.id);
  expect(uncovered).toEqual([]);
});

test("every mock defect breaks ids that exist in its vendor's catalogue", () => {
  for (const mock of Object.values(mocks)) {
    for (const defect of mock.defects) {
      expect(defect.breaks.length, `${mock.id}/${defect.name}`).toBeGreaterThan(0);
      for (const id of defect.breaks)
        expect(behaviours().find((b) => b.id === id)?.vendor, `${mock.id}/${defect.name} breaks ${id}`).toBe(mock.id);
    }
  }
});

test("the published scenario schema is the one generated from the source (run npm run schema after changing it)", () => {
  const published = readFileSync(join(ROOT, "fixtures", "schemas", "scenario.schema.json"), "utf8");
  expect(published).toBe(publishedScenarioSchema());
});
