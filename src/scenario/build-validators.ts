import { createHash } from "node:crypto";
import { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import { RepeatArgs, STEP_VERBS, stepSchemas, suiteSchema } from "./schema.ts";

/**
 * The scenario schema (src/scenario/schema.ts, TypeBox) compiled by ajv into standalone
 * validator code, so that loading scenarios needs neither TypeBox nor ajv's compiler —
 * compiling took most of a second in every process that validated a file. Run by
 * src/scenario/scenario-validators.ts when generated/ lacks a current module (prepare,
 * prepack, or the first load after the schema changed); its types are declared there.
 */

/** The validators the module exports: the whole file, a repeat's own arguments, and one per step verb. */
export const VALIDATOR_NAMES = ["suite", "repeatArgs", ...STEP_VERBS] as const;

const HEADER =
  "// Generated from src/scenario/schema.ts by src/scenario/build-validators.ts (npm run schema, or on first use): do not edit.";
/** Subschemas this large that occur more than once become one shared definition (one function in the code). */
const SHARE_AT_CHARS = 50;
const ID = "sessionprobe-scenario";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const isObject = (v: Json | undefined): v is { [key: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);
/** Keywords whose value is data, not a schema. */
const DATA_KEYWORDS = new Set(["const", "enum", "default", "examples", "required"]);
/** Keywords whose value maps names to schemas. */
const MAP_KEYWORDS = new Set(["properties", "patternProperties", "definitions", "$defs"]);

/**
 * The same subschema written out many times (TypeBox inlines everything: the matcher
 * appears in every verb's expectations, every verb inside and outside a repeat) is
 * moved into `definitions` once and referenced, so ajv generates one function for it
 * instead of hundreds of copies (3.7 MB of code inlined, ≈ 160 KB shared). Errors stay
 * the same: same instance paths, and each error's parentSchema holds the same keywords.
 */
function shareRepeated(roots: Record<string, Json>): { definitions: Record<string, Json>; roots: Record<string, Json> } {
  const seen = new Map<string, number>();
  const count = (node: Json) => {
    if (Array.isArray(node)) return node.forEach(count);
    if (!isObject(node)) return;
    const text = JSON.stringify(node);
    seen.set(text, (seen.get(text) ?? 0) + 1);
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYWORDS.has(key)) continue;
      if (MAP_KEYWORDS.has(key) && isObject(value)) Object.values(value).forEach(count);
      else count(value);
    }
  };
  Object.values(roots).forEach(count);
  const definitions: Record<string, Json> = {};
  const intern = (node: Json, root = false): Json => {
    if (Array.isArray(node)) return node.map((n) => intern(n));
    if (!isObject(node)) return node;
    const text = JSON.stringify(node);
    const out: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYWORDS.has(key)) out[key] = value;
      else if (MAP_KEYWORDS.has(key) && isObject(value))
        out[key] = Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, intern(schema)]));
      else out[key] = intern(value);
    }
    if (root || (seen.get(text) ?? 0) < 2 || text.length < SHARE_AT_CHARS) return out;
    const name = `s${createHash("sha256").update(text).digest("hex").slice(0, 12)}`;
    definitions[name] ??= out;
    return { $ref: `${ID}#/definitions/${name}` };
  };
  const shared = Object.fromEntries(Object.entries(roots).map(([name, schema]) => [name, intern(schema, true)]));
  return { definitions, roots: shared };
}

/**
 * The generated module's text: ESM, its few runtime helpers required from ajv/dist/runtime;
 * `key` (src/scenario/scenario-validators.ts) tells a later process whether it is current.
 * `requireFrom` (an expression) is where those helpers resolve from: the module's own place
 * in generated/ (ajv in the node_modules above it), or a module's URL when written elsewhere.
 * Deterministic: the same schema, ids and key give the same text.
 */
export function scenarioValidatorsSource(ids: readonly string[], key: string, requireFrom = "import.meta.url"): string {
  const plain = (schema: unknown) => JSON.parse(JSON.stringify(schema)) as Json;
  // The published $id names the file for editors; inside the module every reference is local.
  const { $id: _published, ...suite } = plain(suiteSchema(ids)) as { [key: string]: Json };
  const roots: Record<string, Json> = {
    suite,
    repeatArgs: plain(RepeatArgs),
    ...Object.fromEntries(STEP_VERBS.map((verb) => [verb, plain(stepSchemas[verb])])),
  };
  const { definitions, roots: shared } = shareRepeated(roots);
  const ajv = new Ajv({ allErrors: true, strict: false, verbose: true, inlineRefs: false, code: { source: true, esm: true, lines: true } });
  ajv.addSchema({ $id: ID, definitions: { ...definitions, ...shared } });
  // A CommonJS module whose default export is itself: the same function either way it is imported.
  const code = standalone.default(ajv, Object.fromEntries(VALIDATOR_NAMES.map((name) => [name, `${ID}#/definitions/${name}`])));
  // ajv's ESM output still calls require() for its runtime helpers (ucs2length for minLength).
  const preamble = `${HEADER}\nimport { createRequire } from "node:module";\nconst require = createRequire(${requireFrom});\n`;
  return `${preamble}${code}\nexport const key = ${JSON.stringify(key)};\n`;
}
