import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { VENDOR_PAGES, vendorPages } from "../../scripts/vendor-pages.ts";
import { vendorRecords } from "../../src/vendors/registry.ts";

const ROOT = join(import.meta.dirname, "..", "..");

/** docs/vendors/<id>.md is what its vendor folder says today: every behaviour, variant, option and defect. */
test("each vendor's page is generated from its vendor folder and current (npm run docs:vendors)", async () => {
  const pages = await vendorPages();
  expect([...pages.keys()].sort()).toEqual(
    vendorRecords()
      .map((v) => `${v.id}.md`)
      .sort(),
  );
  const stale = [...pages].filter(
    ([file, text]) => !existsSync(join(VENDOR_PAGES, file)) || readFileSync(join(VENDOR_PAGES, file), "utf8") !== text,
  );
  expect(
    stale.map(([file]) => file),
    "run npm run docs:vendors",
  ).toEqual([]);
  expect(
    readdirSync(VENDOR_PAGES).filter((f) => !pages.has(f)),
    "a page without a vendor",
  ).toEqual([]);
  for (const vendor of vendorRecords()) {
    const page = pages.get(`${vendor.id}.md`) ?? "";
    const mock = await vendor.mock();
    for (const v of mock.variants) expect(page).toContain(`| \`${v.name}\``);
    for (const d of mock.defects) expect(page).toContain(`| \`${d.name}\` |`);
    for (const b of vendor.behaviours) expect(page).toContain(`| ${b.id} |`);
  }
});

test("the README stays short and every docs/ page it sends a reader to exists", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  expect(readme.split("\n").length, "README.md: at most 300 lines; move reference material to docs/").toBeLessThanOrEqual(300);
  const links = [...readme.matchAll(/\]\((docs\/[^)#]+)/g)].map((m) => m[1] as string);
  expect(links.length).toBeGreaterThan(5);
  expect(links.filter((link) => !existsSync(join(ROOT, link)))).toEqual([]);
});
