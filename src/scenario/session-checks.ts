import type { VendorDriver } from "../vendor-api/driver.ts";
import type { PathSegment } from "./positions.ts";
import { isRepeat } from "./repeat.ts";
import type { PlainStep, Scenario } from "./schema.ts";

export interface SessionProblem {
  path: PathSegment[];
  message: string;
}

/** Why a step needs its session (`as:`, default "default") to have been logged in, or undefined when it does not. */
function needsSession(step: PlainStep, driver: VendorDriver): string | undefined {
  if ("use" in step) return "use";
  if ("logout" in step) return "logout";
  if ("action" in step && (driver.actions as Record<string, { needsSession?: boolean } | undefined>)[step.action]?.needsSession)
    return `action ${step.action}`;
  if ("request" in step && step.request.auth === "session") return "request with auth: session";
  if ("expire" in step && (step.expire.since === "login" || step.expire.keepAlive))
    return step.expire.keepAlive ? "expire with keepAlive" : "expire since: login";
  if (step.expect?.session) return "expect: { session: … }";
  return undefined;
}

/** A name with ${…} in it (a repeat's index): as a pattern that any value of the index matches. */
function namePattern(name: string): RegExp {
  const parts = name.split(/\$\{[^}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`);
}

/**
 * A step about a session that no earlier step logged in (`logout` with `as: admin` and no
 * `login` with `as: admin` before it) would fail at run time, after the scenario's earlier
 * requests were sent: it is told when the file loads, at the step's `as:`.
 */
export function sessionProblems(scenario: Scenario, at: PathSegment[], driver: VendorDriver): SessionProblem[] {
  const problems: SessionProblem[] = [];
  const opened: string[] = (scenario.bystanders ?? []).map((kind) => `bystander-${kind}`);
  const isOpen = (name: string) =>
    opened.some((o) => o === name || (o.includes("${") && namePattern(o).test(name)) || (name.includes("${") && namePattern(name).test(o)));
  const check = (step: PlainStep, path: PathSegment[]) => {
    const name = step.as ?? "default";
    if ("login" in step) {
      opened.push(name);
      return;
    }
    const why = needsSession(step, driver);
    if (!why || isOpen(name)) return;
    problems.push({
      path: step.as === undefined ? path : [...path, "as"],
      message: `${why} needs session "${name}", which no earlier step logs in: add a login step${name === "default" ? "" : ` with as: ${name}`} before this one${opened.length ? `, or use one of the sessions logged in: ${[...new Set(opened)].join(", ")}` : ""}`,
    });
  };
  scenario.steps.forEach((step, i) => {
    if (!isRepeat(step)) {
      check(step, [...at, "steps", i]);
      return;
    }
    step.steps.forEach((inner, k) => {
      check(inner, [...at, "steps", i, "steps", k]);
    });
  });
  return problems;
}
