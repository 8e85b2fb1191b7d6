/**
 * docs/vendors/<id>.md, one page per vendor, generated from its Vendor record (src/vendors/<id>/index.ts) and
 * its mock: services, behaviours with their sureness, documented timeouts, deployment options, legal variants
 * with the evidence they stand for, defects with the ids they break, the mock's users and options, and the
 * recorded traffic. `npm run docs:vendors` writes them; specs/harness/readme.spec.ts fails when one falls behind.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { VendorDriver } from "../src/vendor-api/driver.ts";
import type { VendorMock } from "../src/vendor-api/mock.ts";
import type { Vendor } from "../src/vendor-api/vendor.ts";
import { formatDuration } from "../src/time/duration.ts";
import { loadMock, vendorRecords } from "../src/vendors/registry.ts";

export const VENDOR_PAGES = join(import.meta.dirname, "..", "docs", "vendors");

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
const timeout = (ms: number | undefined) => (ms === undefined ? "none documented" : formatDuration(ms));

export function vendorPage(vendor: Vendor, mock: VendorMock, driver: VendorDriver): string {
  const lines = [
    `# ${vendor.title} (\`${vendor.id}\`)`,
    "",
    `Generated from \`src/vendors/${vendor.id}/\` by \`npm run docs:vendors\`: do not edit (a test fails when it falls behind).`,
    "",
    "## Services",
    "",
    "| service | documentation |",
    "|---|---|",
    ...vendor.services.map((s) => `| \`${s.service}\`: ${cell(s.title)} | ${s.docUrl} |`),
    "",
    "## Behaviours",
    "",
    "DOC and WIRE behaviours are asserted; an OPEN part is observed, each legal answer accepted.",
    "",
    "| id | service | sureness | behaviour |",
    "|---|---|---|---|",
    ...vendor.behaviours.map((b) => `| ${b.id} | ${b.service} | ${b.sureness} | ${cell(b.text)} |`),
    "",
    ...(vendor.corrections?.length
      ? [
          "Where this catalogue departs from the shared one, forced by recorded traffic:",
          "",
          ...vendor.corrections.map((c) => `- **${c.id}**: ${cell(c.reason)}`),
          "",
        ]
      : []),
    "## Timeouts",
    "",
    `Documented: idle ${timeout(vendor.documentedTimeouts.idleMs)}, lifetime ${timeout(vendor.documentedTimeouts.lifetimeMs)}. ` +
      "A target declares its own under `timeouts:`; the suites are right at any declared value.",
    "",
    "## Deployment options (a target's `options:`, the mock's `--set`)",
    "",
    "| option | documented default | meaning |",
    "|---|---|---|",
    ...Object.entries(driver.deploymentOptions).map(
      ([name, o]) =>
        `| \`${name}\` | ${o.default === undefined ? "(none documented)" : `\`${cell(o.default)}\``} | ${cell(o.description)} |`,
    ),
    "",
    `## Legal variants (\`sessionprobe mock ${vendor.id} --variant NAME\`)`,
    "",
    "Every suite passes against each (a release is a variant; its alias in brackets).",
    "",
    "| variant | what it models | evidence |",
    "|---|---|---|",
    ...mock.variants.map(
      (v) => `| \`${v.name}\`${v.aliases?.length ? ` [${v.aliases.join(", ")}]` : ""} | ${cell(v.description)} | ${cell(v.evidence)} |`,
    ),
    "",
    "## Defects (`--defect NAME`)",
    "",
    "Each must fail a scenario covering an id it breaks (the kill matrix).",
    "",
    "| defect | breaks | what it does |",
    "|---|---|---|",
    ...mock.defects.map((d) => `| \`${d.name}\` | ${d.breaks.join(", ")} | ${cell(d.description)} |`),
    "",
    "## The mock",
    "",
    `Public test users (never use these values anywhere real): ${Object.entries(mock.users)
      .map(([name, u]) => `${name} \`${u.username}\``)
      .join(", ")}. Mock options (\`--set\`):`,
    "",
    ...Object.entries(mock.optionHelp).map(([name, help]) => `- \`${name}\`: ${cell(help)}`),
    "",
  ];
  const recordings = join(vendor.home, "recordings");
  const files = existsSync(recordings) ? readdirSync(recordings).filter((f) => f.endsWith(".json")) : [];
  lines.push(
    "## Recorded traffic",
    "",
    files.length
      ? `${files.length} file(s) in \`src/vendors/${vendor.id}/recordings/\` (${files.join(", ")}); \`sessionprobe fidelity\` compares a HAR with the mock the same way.`
      : "None recorded.",
    "",
  );
  return lines.join("\n");
}

/** Every registered vendor's page, by file name. */
export async function vendorPages(): Promise<Map<string, string>> {
  const pages = new Map<string, string>();
  for (const vendor of vendorRecords()) {
    const mock = await loadMock(vendor.id);
    if (mock) pages.set(`${vendor.id}.md`, vendorPage(vendor, mock, await vendor.driver()));
  }
  return pages;
}

if (process.argv[1] === import.meta.filename) {
  mkdirSync(VENDOR_PAGES, { recursive: true });
  for (const [file, text] of await vendorPages()) writeFileSync(join(VENDOR_PAGES, file), text);
  console.log(`wrote ${VENDOR_PAGES}`);
}
