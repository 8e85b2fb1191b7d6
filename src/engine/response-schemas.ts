import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import { schemaFile } from "../scenario/schema-files.ts";

/**
 * The validators generated from src/vendors/<vendor>/schemas/ (src/engine/build-response-validators.ts) into
 * generated/ beside src/ — the repository's root, or dist/ in the package — by `npm install` (prepare),
 * `npm pack` (prepack) and `npm run schema`. Not in git: a missing one only means compiling at run time.
 */
export const RESPONSE_VALIDATORS_MODULE = join(import.meta.dirname, "..", "..", "generated", "response-validators.cjs");

/** The options responses are checked with, whether the validator was generated ahead of time or compiled here. */
export const RESPONSE_AJV_OPTIONS = { allErrors: true, strict: false } as const;

/** A schema's identity: the hash of its file's text. */
export const schemaTextHash = (text: string) => createHash("sha256").update(text).digest("hex");

export interface Generated {
  hashes: Record<string, string>;
  [ref: string]: ValidateFunction | Record<string, string>;
}

// Synchronous loading (the checks are synchronous): both the generated module and ajv are CommonJS.
const require = createRequire(import.meta.url);
const compiled = new Map<string, ValidateFunction>();
let generated: Generated | undefined;

/** The generated module, or none (never written, or unreadable): every schema is then compiled here. */
export function loadResponseValidators(file: string = RESPONSE_VALIDATORS_MODULE): Generated {
  if (!existsSync(file)) return { hashes: {} };
  try {
    const loaded = require(file) as Partial<Generated>;
    return typeof loaded.hashes === "object" && loaded.hashes !== null ? (loaded as Generated) : { hashes: {} };
  } catch {
    return { hashes: {} };
  }
}
let ajv: Ajv | undefined;

/** The generated validator of `ref` when it was generated from this very text, else none (stale or absent). */
export function aheadOfTime(module: Generated, ref: string, text: string): ValidateFunction | undefined {
  const ahead = module[ref];
  return typeof ahead === "function" && module.hashes[ref] === schemaTextHash(text) ? ahead : undefined;
}

/**
 * Loads the generated validators now. For a Playwright runner: it compiles and caches what
 * its workers will load (Playwright writes its compile cache only from the runner).
 */
export function preloadResponseValidators(): void {
  generated ??= loadResponseValidators();
}

/**
 * The validator of `schema: <vendor>/<name>`, made once per process: the generated one
 * when it was generated from this very file, else compiled here (a schema added or changed
 * since generated/ was written, or no generated/ at all: ≈ 60 ms for the first, never a failure).
 */
export function schemaValidator(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (validate) return validate;
  const file = schemaFile(ref);
  if (file === undefined) throw new Error(`no JSON Schema "${ref}": the vendor before the slash is unknown`);
  const text = readFileSync(file, "utf8");
  generated ??= loadResponseValidators();
  validate = aheadOfTime(generated, ref, text);
  if (!validate) {
    ajv ??= new (require("ajv") as typeof import("ajv")).Ajv(RESPONSE_AJV_OPTIONS);
    validate = ajv.compile(JSON.parse(text) as object);
  }
  compiled.set(ref, validate);
  return validate;
}
