import type { ErrorObject, ValidateFunction } from "ajv";
import { expected } from "./ajv-messages.ts";
import { type PathSegment, pointerToPath } from "./positions.ts";
import { scenarioValidators as generated } from "./scenario-validators.ts";
import { STEP_VERBS, type StepVerb } from "./schema-names.ts";

export interface SchemaProblem {
  path: PathSegment[];
  /** For unknown keys: the key itself, so the position points at it. */
  key?: string;
  message: string;
  /** Reported by a union (anyOf) as a whole. */
  union?: boolean;
  /** A number out of range (minimum / maximum), with the range its schema allows. */
  range?: { minimum?: number; maximum?: number };
}

/**
 * The schema's validators, compiled ahead of time into generated/ (src/scenario/scenario-validators.ts
 * writes them again when src/scenario/schema.ts changed): compiling them here took most of a second
 * in every process that validated a file.
 */
const compiled: { suite: ValidateFunction; steps: Record<StepVerb, ValidateFunction>; repeatArgs: ValidateFunction } = {
  suite: generated.suite,
  steps: {
    login: generated.login,
    use: generated.use,
    expire: generated.expire,
    logout: generated.logout,
    action: generated.action,
    request: generated.request,
  } satisfies Record<StepVerb, ValidateFunction>,
  repeatArgs: generated.repeatArgs,
};

const validators = () => compiled;

/** What a suite file holds: said when a file is empty. */
const WHOLE_SUITE = "a suite needs vendor:, service: and scenarios: (see src/vendors/controlm/suites/session.yaml)";

function toProblem(error: ErrorObject, prefix: PathSegment[] = []): SchemaProblem {
  const path = [...prefix, ...pointerToPath(error.instancePath)];
  // A step's validator sees the step alone: its paths are relative, so the prefix says whether this is the file's root.
  const problem: SchemaProblem = { path, message: expected(error, prefix.length ? undefined : WHOLE_SUITE) };
  if (error.keyword === "additionalProperties") problem.key = (error.params as { additionalProperty: string }).additionalProperty;
  if (error.keyword === "anyOf") problem.union = true;
  if (error.keyword === "minimum" || error.keyword === "maximum") {
    const { minimum, maximum } = error.parentSchema as { minimum?: number; maximum?: number };
    problem.range = { ...(minimum === undefined ? {} : { minimum }), ...(maximum === undefined ? {} : { maximum }) };
  }
  return problem;
}

/**
 * A step is one of several shapes; ajv's anyOf errors would list every shape's
 * complaint. Instead the step's verb picks its shape, and only that shape's errors are told.
 */
const ALL_VERBS = [...STEP_VERBS, "repeat"];

function stepProblems(step: unknown, path: PathSegment[], insideRepeat = false): SchemaProblem[] {
  if (step === null || step === undefined)
    return [
      {
        path,
        message: `step ${Number(path.at(-1)) + 1} has no value (a "-" with nothing after it); write one verb: ${ALL_VERBS.join(", ")}, e.g. "- login: {}"`,
      },
    ];
  if (typeof step !== "object" || Array.isArray(step))
    return [{ path, message: `expected a step (a map with one of: ${ALL_VERBS.join(", ")})` }];
  const verbs = ALL_VERBS.filter((verb) => verb in step);
  if (verbs.length === 0)
    return [
      { path, message: `a step needs exactly one verb: ${ALL_VERBS.join(", ")}; found keys: ${Object.keys(step).join(", ") || "none"}` },
    ];
  if (verbs.length > 1)
    return [{ path, message: `a step has exactly one verb, found ${verbs.join(" and ")}: split it into ${verbs.length} steps` }];
  if (verbs[0] === "repeat")
    return insideRepeat
      ? [{ path, key: "repeat", message: "a repeat cannot hold another repeat" }]
      : repeatProblems(step as Record<string, unknown>, path);
  const validate = validators().steps[verbs[0] as StepVerb];
  if (validate(step)) return [];
  return dedupeNullableNoise((validate.errors ?? []).map((e) => toProblem(e, path)));
}

/** A repeat's own keys by its schema; each of its steps as a step of its own, for clear messages. */
function repeatProblems(step: Record<string, unknown>, path: PathSegment[]): SchemaProblem[] {
  const problems: SchemaProblem[] = [];
  for (const key of Object.keys(step)) {
    if (!["repeat", "steps", "title"].includes(key))
      problems.push({ path, key, message: `unknown key "${key}"; expected one of: repeat, steps, title` });
  }
  const validateArgs = validators().repeatArgs;
  if (!validateArgs(step.repeat)) problems.push(...(validateArgs.errors ?? []).map((e) => toProblem(e, [...path, "repeat"])));
  if (!Array.isArray(step.steps) || step.steps.length === 0)
    return [...problems, { path, key: "steps", message: "a repeat needs steps: a list of at least one step" }];
  step.steps.forEach((inner: unknown, k: number) => {
    problems.push(...stepProblems(inner, [...path, "steps", k], true));
  });
  return problems;
}

function isStepPath(path: PathSegment[]): boolean {
  return path.length >= 4 && path[0] === "scenarios" && path[2] === "steps" && typeof path[3] === "number";
}

export function schemaProblems(data: unknown): SchemaProblem[] {
  const validateSuite = validators().suite;
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

/** Does the union's own text already say the range (e.g. "1 to 1000")? Then it is the better message. */
function statesRange(union: SchemaProblem, range: SchemaProblem["range"]): boolean {
  return [range?.minimum, range?.maximum].every((n) => n === undefined || union.message.includes(String(n)));
}

/**
 * A union (anyOf) fails with one error per member plus its own. Keep what helps:
 * the deeper errors when the value has the right shape but wrong insides; a number out
 * of a member's range as that range ("status must be an HTTP status from 100 to 599,
 * got 1") unless the union already says it; else the union's own "expected …" alone.
 */
function dedupeNullableNoise(problems: SchemaProblem[]): SchemaProblem[] {
  const key = (p: SchemaProblem) => p.path.join("/");
  const unions = problems.filter((p) => p.union);
  const rangeFor = (union: SchemaProblem) => problems.find((q) => q.range && key(q) === key(union) && !statesRange(union, q.range));
  return problems.filter((p) => {
    if (p.union) return !rangeFor(p) && !problems.some((q) => q.path.length > p.path.length && key(q).startsWith(`${key(p)}/`));
    const union = unions.find((u) => key(u) === key(p));
    return !union || rangeFor(union) === p;
  });
}
