import type { DeploymentOption } from "../../../vendor-api/driver.ts";

/**
 * What an HMC deployment configures that the suites depend on, by the mock's `--set`
 * names. The idle timeout is per user ("Idle timeout minutes" in User Properties,
 * wire notes §2.2): the target's `session.idleTimeout` is its default account's, and
 * `operatorIdleTimeout` that of the account under `users: operator`. The HMC documents
 * no default for either, so neither has one here: a target that does not declare the
 * operator's skips the scenario that needs it, with the reason. (The mock seeds 5m.)
 */
export const hmcDeploymentOptions: Record<string, DeploymentOption> = {
  operatorIdleTimeout: {
    description:
      "idle timeout of the users: operator account (its own Idle timeout minutes), a duration or whole seconds; no documented default (the mock seeds 5m)",
    duration: true,
  },
};
