import type { MockVariant, VendorMock } from "../vendor-api/mock.ts";
import { findVendor } from "../vendors/registry.ts";
import { formatDuration } from "../time/duration.ts";

const timeout = (flag: string, value: number | null | undefined) =>
  value === undefined ? [] : [`${flag} ${value === null ? "none" : formatDuration(value)}`];

/** The flags that start the mock as this legal variant. */
function variantFlags(variant: MockVariant): string {
  const flags = [
    ...Object.entries(variant.options ?? {}).map(([name, value]) => `--set ${name}=${value}`),
    ...timeout("--idle", variant.idleMs),
    ...timeout("--lifetime", variant.lifetimeMs),
  ];
  return flags.join(" ") || "(the defaults)";
}

/** Rows as "  name  text", the names in one column. */
function table(rows: readonly [string, string][]): string[] {
  const width = Math.max(0, ...rows.map(([name]) => name.length));
  return rows.map(([name, text]) => `  ${name.padEnd(width)}  ${text}`);
}

/** What `sessionprobe mock <vendor> --help` adds below the usage: everything the flags can name for that vendor. */
export function vendorMockHelp(mock: VendorMock): string {
  return [
    "",
    `${mock.title} mock (${mock.id}):`,
    "",
    "Defects (--defect NAME, repeatable; each breaks the behaviour ids in brackets):",
    ...table(mock.defects.map((d) => [d.name, `[${d.breaks.join(", ")}] ${d.description}`])),
    "",
    "Options (--set NAME=VALUE, repeatable):",
    ...table(Object.entries(mock.optionHelp)),
    "",
    "Legal variants (--variant NAME, or its release in brackets; a server that conforms either way, every suite passes against each):",
    ...table(
      mock.variants.map((v) => [
        v.aliases?.length ? `${v.name} [${v.aliases.join(", ")}]` : v.name,
        `${variantFlags(v)}: ${v.description}`,
      ]),
    ),
  ].join("\n");
}

/** The vendor named on a `mock … --help` command line, if any. */
export async function mockHelpFor(argv: readonly string[]): Promise<string | undefined> {
  const vendor = argv.slice(1).find((arg) => findVendor(arg) !== undefined);
  return vendor ? vendorMockHelp(await (findVendor(vendor) as { mock(): Promise<VendorMock> }).mock()) : undefined;
}
