import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ValidateFunction } from "ajv";
import { vendorIds } from "../vendors/registry.ts";

/**
 * The scenario schema's validators, compiled ahead of time into generated/ (outside src/ and
 * git: `npm install` writes it through the prepare script, `npm pack` into dist/generated/).
 * Compiling them in the process that validates a file took most of a second, so a current
 * module is imported as it is; a missing or stale one (src/scenario/schema.ts changed since)
 * is written again here, once, before the first file is validated — a run never fails on it.
 */

/** The names the module exports: the whole file, a repeat's own arguments, and one per step verb. */
export interface ScenarioValidators {
  suite: ValidateFunction;
  repeatArgs: ValidateFunction;
  login: ValidateFunction;
  use: ValidateFunction;
  expire: ValidateFunction;
  logout: ValidateFunction;
  action: ValidateFunction;
  request: ValidateFunction;
}

/** The shape of generated/scenario-validators.mjs (written by src/scenario/build-validators.ts). */
export type GeneratedScenarioValidators = ScenarioValidators & { key: string };

/** generated/ beside src/: the repository's root in a checkout, dist/ in the package (same relative layout). */
export const GENERATED_DIR = join(import.meta.dirname, "..", "..", "generated");
// .mjs: an ES module wherever it lands, even in a temporary folder no package.json governs.
export const SCENARIO_VALIDATORS_FILE = "scenario-validators.mjs";

/** Bumped when the generated module's layout changes, so an older one counts as stale. */
const FORMAT = "scenario-validators/1";
const GENERATOR = join(import.meta.dirname, `build-validators${import.meta.filename.endsWith(".ts") ? ".ts" : ".js"}`);
const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s*["'](\.{1,2}\/[^"']+)["']/g;
const VENDORS = join(import.meta.dirname, "..", "vendors");

/**
 * The generator's module graph (its relative imports, followed), minus the vendor registry:
 * of the vendors only their ids reach the schema, and those are hashed as such.
 */
export function generatorModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file) || file.startsWith(VENDORS) || !existsSync(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, "utf8").matchAll(RELATIVE_IMPORT)) visit(resolve(dirname(file), match[1] as string));
  };
  visit(GENERATOR);
  return [...seen].sort();
}

function ajvVersion(): string {
  return (createRequire(import.meta.url)("ajv/package.json") as { version: string }).version;
}

/**
 * What the generated module was made from, as a hash: the generator's sources (in a checkout
 * the TypeScript, in the package the compiled JavaScript — each side writes its own), the
 * built-in vendors' ids and ajv's version. The module carries it; a different one means stale.
 */
export function scenarioValidatorsKey(ids: readonly string[] = builtInIds): string {
  const hash = createHash("sha256").update(`${FORMAT}\0ajv@${ajvVersion()}\0${ids.join(",")}\0`);
  for (const file of generatorModules())
    hash
      .update(`${file.slice(join(import.meta.dirname, "..").length)}\0`)
      .update(readFileSync(file))
      .update("\0");
  return hash.digest("hex");
}

/** The ids as this module found them: a team's vendors, registered later, are not in the generated schema. */
const builtInIds = [...vendorIds];

/**
 * Writes the module into `dir` (atomically: a parallel worker never imports half a file) and
 * returns its path; when `dir` cannot be written (an installed package's folder), a private
 * temporary folder instead.
 */
export async function writeScenarioValidators(dir: string = GENERATED_DIR, key: string = scenarioValidatorsKey()): Promise<string> {
  const { scenarioValidatorsSource } = await import("./build-validators.ts");
  const write = (folder: string) => {
    // In generated/ ajv resolves from the module's own place (portable: dist/generated/ ships); elsewhere from here.
    const source = scenarioValidatorsSource(builtInIds, key, folder === GENERATED_DIR ? undefined : JSON.stringify(import.meta.url));
    mkdirSync(folder, { recursive: true });
    const file = join(folder, SCENARIO_VALIDATORS_FILE);
    const partial = `${file}.${process.pid}.tmp`;
    writeFileSync(partial, source);
    renameSync(partial, file);
    return file;
  };
  try {
    return write(dir);
  } catch {
    return write(mkdtempSync(join(tmpdir(), "sessionprobe-validators-")));
  }
}

/** The key a module on disk carries (its last line), read before importing it: a stale module is never imported. */
function keyOnDisk(file: string): string | undefined {
  try {
    return /export const key = "([0-9a-f]+)";\s*$/.exec(readFileSync(file, "utf8"))?.[1];
  } catch {
    return undefined;
  }
}

/** The validators: the generated module when it is current, else written again first. */
export async function loadScenarioValidators(dir: string = GENERATED_DIR): Promise<ScenarioValidators> {
  const key = scenarioValidatorsKey();
  const current = join(dir, SCENARIO_VALIDATORS_FILE);
  const file = keyOnDisk(current) === key ? current : await writeScenarioValidators(dir, key);
  return (await import(pathToFileURL(file).href)) as GeneratedScenarioValidators;
}

/** Loaded once, when the loader is first imported (a top-level await: its callers stay synchronous). */
export const scenarioValidators: ScenarioValidators = await loadScenarioValidators();
