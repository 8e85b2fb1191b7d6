import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { vendorIds } from "../drivers/registry.ts";
import { type PathSegment, pointerToPath } from "./positions.ts";
import { STEP_VERBS, type StepVerb, stepSchemas, suiteSchema } from "./schema.ts";

export interface SchemaProblem {
  path: PathSegment[];
  /** For unknown keys: the key itself, so the position points at it. */
  key?: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
const validateSuite = ajv.compile(suiteSchema(vendorIds));
const validateStep = Object.fromEntries(STEP_VERBS.map((verb) => [verb, ajv.compile(stepSchemas[verb])])) as Record<StepVerb, ValidateFunction>;

function expected(error: ErrorObject): string {
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

function toProblem(error: ErrorObject, prefix: PathSegment[] = []): SchemaProblem {
  const path = [...prefix, ...pointerToPath(error.instancePath)];
  const problem: SchemaProblem = { path, message: expected(error) };
  if (error.keyword === "additionalProperties") problem.key = (error.params as { additionalProperty: string }).additionalProperty;
  return problem;
}

/**
 * A step is one of several shapes; ajv's anyOf errors would list every shape's
 * complaint. Instead the step's verb picks its shape, and only that shape's errors are told.
 */
function stepProblems(step: unknown, path: PathSegment[]): SchemaProblem[] {
  if (!step || typeof step !== "object" || Array.isArray(step)) return [{ path, message: `expected a step (a map with one of: ${STEP_VERBS.join(", ")})` }];
  const verbs = STEP_VERBS.filter((verb) => verb in step);
  if (verbs.length === 0) return [{ path, message: `a step needs exactly one verb: ${STEP_VERBS.join(", ")}; found keys: ${Object.keys(step).join(", ") || "none"}` }];
  if (verbs.length > 1) return [{ path, message: `a step has exactly one verb, found ${verbs.join(" and ")}: split it into ${verbs.length} steps` }];
  const validate = validateStep[verbs[0] as StepVerb];
  if (validate(step)) return [];
  return (validate.errors ?? []).map((e) => toProblem(e, path));
}

function isStepPath(path: PathSegment[]): boolean {
  return path.length >= 4 && path[0] === "scenarios" && path[2] === "steps" && typeof path[3] === "number";
}

export function schemaProblems(data: unknown): SchemaProblem[] {
  if (validateSuite(data)) return [];
  const problems: SchemaProblem[] = [];
  const stepsSeen = new Set<string>();
  for (const error of validateSuite.errors ?? []) {
    const path = pointerToPath(error.instancePath);
    if (isStepPath(path)) {
      const stepPath = path.slice(0, 4);
      const key = stepPath.join("/");
      if (stepsSeen.has(key)) continue;
      stepsSeen.add(key);
      const scenarios = (data as { scenarios: { steps: unknown[] }[] }).scenarios;
      problems.push(...stepProblems(scenarios[stepPath[1] as number]?.steps[stepPath[3] as number], stepPath));
      continue;
    }
    problems.push(toProblem(error));
  }
  return dedupeNullableNoise(problems);
}

/** `login: {…}` is "null or an object": drop the "expected null" half when the object half is told. */
function dedupeNullableNoise(problems: SchemaProblem[]): SchemaProblem[] {
  return problems.filter((p) => !/expected a value of type null/.test(p.message) && !(/^expected a valid value, got/.test(p.message) && problems.some((q) => q !== p && q.path.length > p.path.length && q.path.slice(0, p.path.length).join("/") === p.path.join("/"))));
}
