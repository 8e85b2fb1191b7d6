import type { Credentials, Session } from "../vendor-api/driver.ts";
import { ConfigurationError, ExpectationFailure } from "./failure.ts";
import { judgeSession } from "./session-judge.ts";
import type { StepEnv } from "./steps/env.ts";
import { runLogin } from "./steps/login.ts";

/**
 * Bystanders: sessions a scenario opens before its first step and judges after its last,
 * to test what a behaviour must not touch — a second session of the same account, a session
 * of another user. A logout that ends every session of the user, a logoff that ends the
 * oldest session instead of the one presented, fail here, though the scenario's own session
 * behaved.
 */
export type BystanderKind = "same-user" | "other-user";

export interface Bystander {
  kind: BystanderKind;
  /** The ledger's name for it: teardown logs it out like any session of the scenario. */
  sessionName: string;
  /** What it stands for, for step titles. */
  describe: string;
  /** Why it cannot be opened on this target (no second user declared), when it cannot. */
  notAsserted?: string;
  credentials?: Credentials;
}

/** The bystanders a scenario asks for, resolved against the target's users. */
export function resolveBystanders(kinds: readonly BystanderKind[], env: Pick<StepEnv, "driver" | "target" | "credentials">): Bystander[] {
  return kinds.map((kind): Bystander => {
    const sessionName = `bystander-${kind}`;
    if (kind === "same-user")
      return { kind, sessionName, describe: "a second session of the scenario's account", credentials: env.credentials };
    const name = env.driver.secondUser ?? "";
    const user = env.target.users[name];
    const describe = `a session of the second user (users.${name})`;
    if (!user)
      return {
        kind,
        sessionName,
        describe,
        notAsserted: `target ${env.target.name} declares no user "${name}" under users:, so no other user's session can be watched`,
      };
    return { kind, sessionName, describe, credentials: user };
  });
}

/** Logs the bystander in; it must be live before the scenario starts, or nothing can be said of it afterwards. */
export async function openBystander(env: StepEnv, bystander: Bystander): Promise<Session> {
  const result = await runLogin({ ...env, credentials: bystander.credentials ?? env.credentials }, { login: {} }, bystander.sessionName);
  const session = env.ledger.get(bystander.sessionName);
  if (!result.ok || !session)
    throw new ConfigurationError(
      env.where,
      `the ${bystander.kind} bystander could not log in (status ${result.exchange.response.status}): check the target's credentials and users`,
    );
  // Logged in, yet not live through every documented carrier: the server broke the behaviour under test, not the setup.
  const judgement = await judgeSession(env, session, "valid", env.where);
  if (judgement.failures.length)
    throw new ExpectationFailure(
      env.where,
      judgement.failures.map((f) => `${bystander.describe}, just logged in, must be live: ${f}`),
      {},
    );
  return session;
}

/** After the last step: the bystander must still be live, through every carrier. */
export async function judgeBystander(env: StepEnv, session: Session, bystander: Bystander): Promise<{ label: string; value: string }[]> {
  const judgement = await judgeSession(env, session, "valid", env.where);
  if (judgement.failures.length)
    throw new ExpectationFailure(
      env.where,
      judgement.failures.map((f) => `${bystander.describe} must be untouched: ${f}`),
      {
        hint: "the behaviour reached a session it must leave alone (another session of the user, or another user's)",
      },
    );
  return judgement.observations;
}
