import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { findDriver, findVendor, vendorIds } from "../vendors/registry.ts";
import type { DeploymentOption } from "../vendor-api/driver.ts";
import { UsageError } from "./usage-error.ts";

/** The driver's deployment options, each commented with what it means and its documented default. */
export function optionsBlock(options: Readonly<Record<string, DeploymentOption>>): string {
  const entries = Object.entries(options);
  if (!entries.length) return "    options: {}                        # this vendor has no deployment options";
  const lines: string[] = [];
  for (const [name, option] of entries) {
    lines.push(`      # ${option.description}${option.values ? ` (one of: ${option.values.join(", ")})` : ""}`);
    lines.push(
      option.default === undefined
        ? `      # ${name}: (no documented default: declare it, or the scenarios that need it are skipped)`
        : `      ${name}: "${option.default}"`,
    );
  }
  // Only comments under "options:" would make it null: then it is an empty map, with the comments below.
  const anyValue = lines.some((line) => !line.trimStart().startsWith("#"));
  return [
    `    options:${anyValue ? "" : " {}"}                           # how THIS deployment is configured (names as the mock's --set)`,
    ...lines,
  ].join("\n");
}

/** Every ${env:NAME} the targets file names, once each, in order: the .env.example. */
export function envExample(targets: string, vendor: string): string {
  const names = [...new Set([...targets.replace(/#.*$/gm, "").matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1] as string))];
  return [
    `# The variables targets.yaml reads (sessionprobe init ${vendor}). Copy this file to .env in the folder you run`,
    "# sessionprobe from, fill it in, and keep .env out of git: sessionprobe reads it at start and never overrides a",
    "# variable already set. In CI, set them from the CI's secret store. A missing one stops the run before anything",
    "# is sent (exit 2).",
    ...names.map((name) => `${name}=`),
    "",
  ].join("\n");
}

/** `sessionprobe init <vendor>`: a commented starter targets file and the .env.example of its variables. */
export function runInit(vendor: string, options: { dir: string; force: boolean }): number {
  const driver = findDriver(vendor);
  if (!driver) throw new UsageError(`init: expected a vendor: ${vendorIds.join(", ")} (got "${vendor}")`);
  const targets = readFileSync(join(findVendor(vendor)?.home ?? "", "targets.template.yaml"), "utf8").replace(
    "{{options}}",
    optionsBlock(driver.deploymentOptions),
  );
  const dir = resolve(options.dir);
  const files = { "targets.yaml": targets, ".env.example": envExample(targets, vendor) };
  const existing = Object.keys(files).filter((name) => existsSync(join(dir, name)));
  if (existing.length && !options.force)
    throw new UsageError(`init: ${existing.join(" and ")} already exist in ${dir}; use --force to overwrite`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const shown = relative(process.cwd(), dir) || ".";
  process.stdout.write(
    [
      `wrote ${join(shown, "targets.yaml")} and ${join(shown, ".env.example")} for ${driver.title}`,
      "next:",
      `  1. edit baseUrl, the timeouts and options in ${join(shown, "targets.yaml")} to match your deployment`,
      "  2. set the variables of .env.example in your shell or CI secret store",
      `  3. npx sessionprobe run --targets ${join(shown, "targets.yaml")} --list    (checks the file, sends nothing)`,
      `  4. npx sessionprobe run --targets ${join(shown, "targets.yaml")}`,
      "",
    ].join("\n"),
  );
  return 0;
}
