import type { Credentials, DriverContext, Session, StepResult, VendorDriver, Verdict } from "../../vendor-api/driver.ts";
import type { ResolvedTarget } from "../../targets/types.ts";
import { ConfigurationError } from "../failure.ts";
import { probeSession } from "../probe.ts";
import type { SessionLedger } from "../session-ledger.ts";

/** What every step, bystander and keep-alive of one scenario run works with. */
export interface StepEnv {
  driver: VendorDriver;
  target: ResolvedTarget;
  ctx: DriverContext;
  ledger: SessionLedger;
  where: string;
  onServerVersion(version: string): void;
  /** The scenario's own credentials: the target's, or its disposable account's for wrong-password scenarios. */
  credentials: Credentials;
  /**
   * `${options.<name>}` as this target resolves them (declared options and the driver's facts):
   * computed once per scenario run, so every step reads the same values.
   */
  optionScope: Readonly<Record<string, string | undefined>>;
}

export function sessionNamed(env: StepEnv, name: string): Session {
  const session = env.ledger.get(name);
  if (!session)
    throw new ConfigurationError(env.where, `session "${name}" was never logged in: add a login step with as: ${name} before this one`);
  return session;
}

/** Asks the server whether the session is alive, the vendor's way. */
export async function probe(env: StepEnv, session: Session): Promise<{ verdict: Verdict; result: StepResult }> {
  const { verdict, exchange } = await probeSession(env.driver, env.ctx, session);
  return { verdict, result: { exchange } };
}
