import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { findBehaviour } from "../catalogue/behaviours.ts";
import { TEAM_BEHAVIOURS_ENV } from "../catalogue/team-behaviours.ts";
import { findDriver, vendorIds } from "../vendors/registry.ts";
import { isBuiltinReference, references } from "./interpolate.ts";
import type { PathSegment } from "./positions.ts";
import { requiresRangeProblems, stepRangeProblems } from "./range-checks.ts";
import { isRepeat } from "./repeat.ts";
import { schemaFile } from "./schema-files.ts";
import { sessionProblems } from "./session-checks.ts";
import { scaleDependentTime } from "./time-checks.ts";
import { matcherProblems, referenceProblems } from "./value-checks.ts";
import type { PlainStep, Suite } from "./schema.ts";

export interface SemanticProblem {
  path: PathSegment[];
  key?: string;
  message: string;
}

export { schemaFile } from "./schema-files.ts";

/** Where else an id may come from: the team's own file, or how to declare one. */
function teamFileHint(): string {
  const file = process.env[TEAM_BEHAVIOURS_ENV];
  return file
    ? ` nor in the team's behaviours file ${relative(process.cwd(), resolve(file))}`
    : '; a team declares its own ids in a behaviours file named by sessionprobe.json "behaviours" (docs/team.md, "Team behaviours")';
}

/** What JSON Schema cannot say: names that must exist in the driver, the catalogue, the fixtures, earlier steps. */
export function semanticProblems(suite: Suite): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const driver = findDriver(suite.vendor);
  if (!driver)
    return [
      {
        path: ["vendor"],
        message: `expected a vendor id: ${vendorIds.join(", ")}, got "${suite.vendor}" (a team's own vendor is named in sessionprobe.json "vendors")`,
      },
    ];
  if (!driver.services.includes(suite.service)) {
    problems.push({
      path: ["service"],
      message: `vendor ${suite.vendor} has no service "${suite.service}"; expected one of: ${driver.services.join(", ")}`,
    });
  }
  const names = new Map<string, number>();
  suite.scenarios.forEach((scenario, s) => {
    if (names.has(scenario.name))
      problems.push({
        path: ["scenarios", s, "name"],
        message: `duplicate scenario name (also scenario ${(names.get(scenario.name) ?? 0) + 1}); names must be unique in a file`,
      });
    names.set(scenario.name, s);
    scenario.covers.forEach((id, i) => {
      const behaviour = findBehaviour(id);
      if (!behaviour)
        problems.push({
          path: ["scenarios", s, "covers", i],
          message: `unknown behaviour id "${id}": not in the catalogue (src/catalogue/behaviours.ts)${teamFileHint()}`,
        });
      else if (behaviour.vendor !== suite.vendor || behaviour.service !== suite.service) {
        problems.push({
          path: ["scenarios", s, "covers", i],
          message: `behaviour ${id} belongs to ${behaviour.vendor}/${behaviour.service}, not ${suite.vendor}/${suite.service}`,
        });
      }
    });
    if (scenario.bystanders?.includes("other-user") && !driver.secondUser)
      problems.push({
        path: ["scenarios", s, "bystanders"],
        message: `vendor ${driver.id} names no second user for an other-user bystander: use same-user only`,
      });
    for (const problem of scaleDependentTime(scenario, ["scenarios", s])) problems.push(problem);
    problems.push(...sessionProblems(scenario, ["scenarios", s], driver));
    problems.push(...requiresRangeProblems(scenario, ["scenarios", s]));
    const captured = new Set<string>();
    const check = (step: PlainStep, path: PathSegment[], defined: Set<string>) => {
      problems.push(...stepProblems(step, path, { driver, captured: defined }));
      problems.push(...stepCoversProblems(step, path, scenario.covers));
      if (scenario.bystanders && "expire" in step)
        problems.push({
          path: [...path, "expire"],
          message:
            "a scenario with bystanders: cannot let time pass: the bystanders are judged after the last step, and time would end them too; move the time steps to a scenario of their own",
        });
      for (const name of Object.keys(step.capture ?? {})) captured.add(name);
    };
    scenario.steps.forEach((step, i) => {
      if (!isRepeat(step)) {
        check(step, ["scenarios", s, "steps", i], captured);
        return;
      }
      // Inside a repeat its index is defined too.
      step.steps.forEach((inner, k) => {
        check(inner, ["scenarios", s, "steps", i, "steps", k], new Set([...captured, step.repeat.index ?? "i"]));
      });
    });
  });
  return problems;
}

/** A step's own `covers:` narrows the scenario's: it may only name ids the scenario covers. */
function stepCoversProblems(step: PlainStep, path: PathSegment[], scenarioCovers: readonly string[]): SemanticProblem[] {
  return (step.covers ?? []).flatMap((id, i) =>
    scenarioCovers.includes(id)
      ? []
      : [
          {
            path: [...path, "covers", i],
            message: `${id} is not among the scenario's covers (${scenarioCovers.join(", ")}): a step's covers names which of them its assertions are about`,
          },
        ],
  );
}

function stepProblems(
  step: PlainStep,
  path: PathSegment[],
  context: { driver: NonNullable<ReturnType<typeof findDriver>>; captured: Set<string> },
): SemanticProblem[] {
  const { driver, captured } = context;
  const problems: SemanticProblem[] = [];
  if ("expire" in step && step.expire.since && !step.expire.idle) {
    problems.push({
      path: [...path, "expire", "since"],
      message: "since: login counts idle time from the login: it needs idle: (e.g. idle: past, since: login)",
    });
  }
  // Own properties only: `in` would accept constructor, toString… from Object.prototype.
  const calls = driver.calls as Record<string, unknown>;
  const actions = driver.actions as Record<string, unknown>;
  if ("use" in step && !Object.hasOwn(calls, step.use)) {
    problems.push({
      path: [...path, "use"],
      message: `unknown call "${step.use}" for ${driver.id}; expected one of: ${Object.keys(driver.calls).join(", ")}`,
    });
  }
  if ("action" in step && !Object.hasOwn(actions, step.action)) {
    problems.push({
      path: [...path, "action"],
      message: `unknown action "${step.action}" for ${driver.id}; expected one of: ${Object.keys(driver.actions).join(", ") || "none"}`,
    });
  }
  if ("expire" in step && step.expire.using && !Object.hasOwn(calls, step.expire.using) && !Object.hasOwn(actions, step.expire.using)) {
    problems.push({
      path: [...path, "expire", "using"],
      message: `unknown call or action "${step.expire.using}" for ${driver.id}; expected one of: ${[...Object.keys(driver.calls), ...Object.keys(driver.actions)].join(", ")}`,
    });
  }
  const schemaRef = step.expect?.schema;
  const schemaPath = schemaRef ? schemaFile(schemaRef) : undefined;
  if (schemaRef && (schemaPath === undefined || !existsSync(schemaPath))) {
    const [vendor] = schemaRef.split("/");
    problems.push({
      path: [...path, "expect", "schema"],
      message: schemaPath
        ? `no JSON Schema "${schemaRef}": expected a file ${relative(process.cwd(), schemaPath)}`
        : `no JSON Schema "${schemaRef}": no vendor "${vendor}" holds schemas; write <vendor>/<name>`,
    });
  }
  problems.push(...stepRangeProblems(step, path), ...matcherProblems(step, path), ...referenceProblems(step, path));
  const { capture: _capture, ...rest } = step;
  for (const name of references(rest)) {
    if (!isBuiltinReference(name) && !captured.has(name)) {
      problems.push({
        path,
        message: `\${${name}} is not defined before this step: capture it in an earlier step, or use credentials.<field>, users.<user>.<field>, random, date, date+Nd or now`,
      });
    }
  }
  return problems;
}
