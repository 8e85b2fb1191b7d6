import type { LoadedSuite } from "../src/scenario/load.ts";

/** Suites as plain data, for comparing loads: a target-dependent repeat as its steps for a session cap of 4 (3 repeated logins). */
export const suitesAsData = (suites: readonly LoadedSuite[]) =>
  JSON.parse(
    JSON.stringify(
      suites.map((s) => ({
        ...s,
        scenarios: s.scenarios.map(({ stepsFor, ...rest }) => ({ ...rest, targetSteps: stepsFor?.({ sessionCap: "4" }) })),
      })),
    ),
  );
