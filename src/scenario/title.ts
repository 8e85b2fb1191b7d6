import type { Scenario } from "./schema.ts";

/** A scenario's test title: the behaviour ids it covers, then its name. Reports, JUnit and the learned timings know it by this. */
export function scenarioTitle(scenario: Pick<Scenario, "covers" | "name">): string {
  return `${scenario.covers.join(" ")} ${scenario.name}`;
}
