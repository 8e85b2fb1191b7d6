import type { ErrorObject } from "ajv";
import { emptyValueMessage } from "./empty-values.ts";
import { pointerToPath } from "./positions.ts";
import { KEY_PATTERNS } from "./schema-names.ts";
import { showValue } from "./show-value.ts";

interface ParentSchema {
  description?: string;
  properties?: object;
  patternProperties?: Record<string, unknown>;
  minimum?: number;
  maximum?: number;
}

/** The field a range error is about, as a person names it: `status`, `status[1]`, `times`. */
function fieldName(instancePath: string): string {
  const path = pointerToPath(instancePath);
  let name = "";
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i] as string | number;
    if (typeof segment === "number") name = `[${segment}]${name}`;
    else return `${segment}${name}`;
  }
  return name || "the value";
}

function range(schema: ParentSchema): string {
  if (schema.minimum !== undefined && schema.maximum !== undefined) return `a number from ${schema.minimum} to ${schema.maximum}`;
  return schema.minimum !== undefined ? `at least ${schema.minimum}` : `at most ${schema.maximum}`;
}

/** Keywords that fail on a key left without a value: the message then says which key is empty. */
const EMPTY_VALUE_KEYWORDS = new Set(["type", "anyOf", "const", "enum", "pattern"]);

/**
 * An ajv error as "what was expected", using the schema's own `description` where it has one.
 * `whole` says what a whole file holds, for a file that is empty.
 */
export function expected(error: ErrorObject, whole?: string): string {
  const parent = (error.parentSchema ?? {}) as ParentSchema;
  const described = parent.description;
  if (error.data === null && EMPTY_VALUE_KEYWORDS.has(error.keyword)) {
    const type = (error.params as { type?: unknown }).type;
    return emptyValueMessage({
      instancePath: error.instancePath,
      ...(typeof type === "string" ? { type } : {}),
      ...(described ? { described } : {}),
      ...(whole ? { whole } : {}),
    });
  }
  const got = showValue(error.data);
  switch (error.keyword) {
    case "required":
      return `missing required key "${(error.params as { missingProperty: string }).missingProperty}"`;
    case "additionalProperties": {
      const key = (error.params as { additionalProperty: string }).additionalProperty;
      const pattern = Object.keys(parent.patternProperties ?? {})[0];
      if (pattern !== undefined && !Object.keys(parent.properties ?? {}).length)
        return `${showValue(key)} is not ${KEY_PATTERNS[pattern] ?? `a key matching /${pattern}/`}`;
      const known = Object.keys(parent.properties ?? {});
      return `unknown key ${showValue(key)}; expected one of: ${known.join(", ")}`;
    }
    case "type":
      return `expected ${described ?? `a value of type ${(error.params as { type: string }).type}`}, got ${got}`;
    case "pattern":
    case "const":
    case "enum":
    case "anyOf":
      return `expected ${described ?? "a valid value"}, got ${got}`;
    case "minItems":
      return `expected at least ${(error.params as { limit: number }).limit} item(s)`;
    case "minProperties":
      return `expected ${described ?? "at least one key"}`;
    case "uniqueItems":
      return "expected no duplicate items";
    case "minimum":
    case "maximum":
      // ajv says "must be >= 100"; a person reads "status must be an HTTP status from 100 to 599, got 1".
      return `${fieldName(error.instancePath)} must be ${described ?? range(parent)}, got ${got}`;
    default:
      return `${error.message ?? "invalid"}${described ? ` (expected ${described})` : ""}`;
  }
}
