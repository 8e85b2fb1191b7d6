import type { ErrorObject } from "ajv";

/** An ajv error as "what was expected", using the schema's own `description` where it has one. */
export function expected(error: ErrorObject): string {
  const described = (error.parentSchema as { description?: string } | undefined)?.description;
  switch (error.keyword) {
    case "required":
      return `missing required key "${(error.params as { missingProperty: string }).missingProperty}"`;
    case "additionalProperties": {
      const known = Object.keys((error.parentSchema as { properties?: object }).properties ?? {});
      return `unknown key "${(error.params as { additionalProperty: string }).additionalProperty}"; expected one of: ${known.join(", ")}`;
    }
    case "type":
      return `expected ${described ?? `a value of type ${(error.params as { type: string }).type}`}, got ${JSON.stringify(error.data)}`;
    case "pattern":
    case "const":
    case "enum":
    case "anyOf":
      return `expected ${described ?? "a valid value"}, got ${JSON.stringify(error.data)}`;
    case "minItems":
      return `expected at least ${(error.params as { limit: number }).limit} item(s)`;
    case "minProperties":
      return `expected ${described ?? "at least one key"}`;
    case "uniqueItems":
      return "expected no duplicate items";
    case "minimum":
    case "maximum":
      return `expected ${error.message ?? "a number in range"}, got ${JSON.stringify(error.data)}`;
    default:
      return `${error.message ?? "invalid"}${described ? ` (expected ${described})` : ""}`;
  }
}
