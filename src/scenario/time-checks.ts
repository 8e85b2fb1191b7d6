import { timeExprKind } from "../time/time-expr.ts";
import type { PathSegment } from "./positions.ts";
import { isRepeat } from "./repeat.ts";
import type { Scenario } from "./schema.ts";

interface TimeTerm {
  expr: string;
  kind: ReturnType<typeof timeExprKind>;
  path: PathSegment[];
}

/**
 * Expressions whose meaning depends on the timeout's length. `before` then `10%` on one
 * session crosses the timeout at 30 minutes (29 min + 3 min) but not at 6 s (5 s + 0.6 s):
 * the margin and the percentage scale differently. A session's idle waits that mix the two
 * since its login are refused; `idle: past, since: login` says the intent at any scale.
 */
export function scaleDependentTime(scenario: Scenario, base: PathSegment[]): { path: PathSegment[]; message: string }[] {
  const problems: { path: PathSegment[]; message: string }[] = [];
  const terms = new Map<string, TimeTerm[]>();
  scenario.steps.forEach((step, i) => {
    if (isRepeat(step)) return;
    const session = step.as ?? "default";
    if ("login" in step) terms.set(session, []);
    if (!("expire" in step) || !step.expire.idle) return;
    const path = [...base, "steps", i, "expire", "idle"];
    // Counting from the login restates the whole wait: nothing before it is summed.
    if (step.expire.since === "login") {
      terms.set(session, [{ expr: step.expire.idle, kind: timeExprKind(step.expire.idle), path }]);
      return;
    }
    const term: TimeTerm = { expr: step.expire.idle, kind: timeExprKind(step.expire.idle), path };
    const earlier = terms.get(session) ?? [];
    const clash = earlier.find((t) => (t.kind === "margin" && term.kind === "share") || (t.kind === "share" && term.kind === "margin"));
    if (clash) {
      problems.push({
        path,
        message: `idle: ${term.expr} after idle: ${clash.expr} on session "${session}": whether the sum crosses the timeout depends on its length (${clash.kind === "margin" ? clash.expr : term.expr} moves by a margin of at least 1 s, ${clash.kind === "share" ? clash.expr : term.expr} by a share of the timeout); write idle: past, since: login (or before, since: login)`,
      });
    }
    earlier.push(term);
    terms.set(session, earlier);
  });
  return problems;
}
