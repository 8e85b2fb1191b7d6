import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import { schemaFile } from "../scenario/schema-files.ts";

/** The validators `npm run schema` generates from fixtures/schemas (src/engine/build-response-validators.ts). */
export const RESPONSE_VALIDATORS_MODULE = join(import.meta.dirname, "response-validators.generated.cjs");

/** The options responses are checked with, whether the validator was generated ahead of time or compiled here. */
export const RESPONSE_AJV_OPTIONS = { allErrors: true, strict: false } as const;

/** A schema's identity: the hash of its file's text. */
export const schemaTextHash = (text: string) => createHash("sha256").update(text).digest("hex");

interface Generated {
  hashes: Record<string, string>;
  [ref: string]: ValidateFunction | Record<string, string>;
}

// Synchronous loading (the checks are synchronous): both the generated module and ajv are CommonJS.
const require = createRequire(import.meta.url);
const compiled = new Map<string, ValidateFunction>();
let generated: Generated | undefined;
let ajv: Ajv | undefined;

/**
 * Loads the generated validators now. For a Playwright runner: it compiles and caches what
 * its workers will load (Playwright writes its compile cache only from the runner).
 */
export function preloadResponseValidators(): void {
  generated ??= require(RESPONSE_VALIDATORS_MODULE) as Generated;
}

/**
 * The validator of `schema: <vendor>/<name>`, made once per process: the generated one
 * when it was generated from this very file, else compiled here (a schema added or changed
 * without `npm run schema`; the drift test fails on that in the repository).
 */
export function schemaValidator(ref: string): ValidateFunction {
  let validate = compiled.get(ref);
  if (validate) return validate;
  const text = readFileSync(schemaFile(ref), "utf8");
  generated ??= require(RESPONSE_VALIDATORS_MODULE) as Generated;
  const ahead = generated[ref];
  if (typeof ahead === "function" && generated.hashes[ref] === schemaTextHash(text)) validate = ahead;
  else {
    ajv ??= new (require("ajv") as typeof import("ajv")).Ajv(RESPONSE_AJV_OPTIONS);
    validate = ajv.compile(JSON.parse(text) as object);
  }
  compiled.set(ref, validate);
  return validate;
}
