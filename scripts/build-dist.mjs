#!/usr/bin/env node
// The package as it ships (npm runs this at prepack): the TypeScript compiled into dist/ with its declarations,
// beside the files the code reads at run time, in the same layout as the repository. Every path the code computes
// from its own location (src/vendors/<vendor>/suites/, templates/, fixtures/schemas/, allurerc.mjs, the report scripts) then holds
// in both places, and the installed package needs no TypeScript loader.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "..");
const dist = join(root, "dist");
const require = createRequire(import.meta.url);

/** What the code reads beside itself that tsc does not emit: schemas, the JUnit XSD, the Allure scripts. */
const isAsset = (file) => !file.endsWith(".ts") || file.endsWith(".d.ts");
/** Whole folders and files the package reads at run time, copied as they are (a vendor's suites, schemas and recordings are assets of src/vendors/). */
const VERBATIM = ["templates", "allurerc.mjs"];

rmSync(dist, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [require.resolve("typescript/bin/tsc"), "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    // On stderr: `npm pack`'s stdout is the tarball's name alone, which scripts read.
    stdio: ["ignore", 2, 2],
  });
} catch {
  console.error("build-dist: tsc -p tsconfig.build.json failed (errors above): fix them, then npm pack again");
  process.exit(1);
}

let assets = 0;
for (const folder of ["src", "fixtures"]) {
  for (const entry of readdirSync(join(root, folder), { recursive: true, withFileTypes: true })) {
    const from = join(entry.parentPath, entry.name);
    if (!entry.isFile() || !isAsset(from)) continue;
    cpSync(from, join(dist, relative(root, from)));
    assets++;
  }
}
for (const part of VERBATIM) cpSync(join(root, part), join(dist, part), { recursive: true });

// The code reads its name and version from the package.json above it, which in dist/ is this one; "type" keeps
// the compiled files ES modules whatever Node finds first.
const { name, version } = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
writeFileSync(
  join(dist, "package.json"),
  `${JSON.stringify({ name, version, private: true, type: "module", description: "compiled code of sessionprobe; its manifest is ../package.json" }, null, 2)}\n`,
);

// The ajv validators, compiled ahead of time into dist/generated/ (where dist/src/ looks, as src/ looks in generated/),
// by the compiled code itself: the scenario module's key hashes the sources that run, here the JavaScript.
const compiled = (path) => import(pathToFileURL(join(dist, path)).href);
await compiled("src/scenario/scenario-validators.js");
const { RESPONSE_VALIDATORS_MODULE } = await compiled("src/engine/response-schemas.js");
const { responseValidatorsSource } = await compiled("src/engine/build-response-validators.js");
mkdirSync(join(dist, "generated"), { recursive: true });
writeFileSync(RESPONSE_VALIDATORS_MODULE, responseValidatorsSource());
console.error(
  `build-dist: ${relative(process.cwd(), dist) || "."}: compiled sources, ${assets} assets, ${VERBATIM.join(", ")}, generated/`,
);
