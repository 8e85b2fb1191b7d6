#!/usr/bin/env node
// Checks the import boundaries in .dependency-cruiser.cjs on ./src of the current directory
// (the repository, or a lint fixture). Exit code: the number of violations (0 = clean).
// `--json` prints the violations as JSON instead of dependency-cruiser's error report.
//
// Why not the `depcruise` command: dependency-cruiser's CLI refuses to start on Node 20
// (it declares node ^22), and this project supports Node >= 20.10. Its API runs fine on
// Node 20, so this calls the API with the same config the CLI would read. On Node >= 22
// `npx depcruise src --config .dependency-cruiser.cjs` gives the same verdict.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise, format } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const json = process.argv.includes("--json");

const options = await extractDepcruiseOptions(join(root, ".dependency-cruiser.cjs"));
// The repository's tsconfig resolves imports wherever the checked tree is.
const tsConfigFile = join(root, "tsconfig.json");
const tsConfig = extractTSConfig(tsConfigFile);
const { output: cruised } = await cruise(["src"], { ...options, tsConfig: { fileName: tsConfigFile } }, undefined, { tsConfig });

if (json) {
  const violations = cruised.summary.violations.map((v) => ({
    rule: v.rule.name,
    from: v.from,
    to: v.to,
    ...(v.cycle ? { cycle: v.cycle.map((step) => step.name) } : {}),
  }));
  process.stdout.write(`${JSON.stringify(violations, null, 2)}\n`);
} else {
  const { output } = await format(cruised, { outputType: "err-long" });
  process.stdout.write(output || "import boundaries: no violations\n");
}
// Every rule is an error: the exit code is how many were broken (capped below the shell's special codes).
process.exitCode = Math.min(cruised.summary.error, 125);
