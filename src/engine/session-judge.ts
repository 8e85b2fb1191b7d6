import type { CredentialCarrier, Session, Verdict } from "../vendor-api/driver.ts";
import { ConfigurationError } from "./failure.ts";
import { probeName } from "./probe.ts";
import { probe, type StepEnv } from "./steps/env.ts";

/** Does the session carry anything a probe would send (a token, a cookie)? */
export function holdsCredential(session: Session): boolean {
  return Object.values(session.state).some((v) => v !== "") || session.cookies.hasAny();
}

/**
 * The verdicts that prove a session dead for `session: invalid`. A vendor whose "no session"
 * looks like something else (HMC's 403 with reason code 4 or 5) says so in its classify.
 */
const DEAD: readonly Verdict[] = ["unauthenticated"];

export interface SessionJudgement {
  failures: string[];
  /** What an unverified carrier (or an inconclusive answer) showed: recorded, not judged. */
  observations: { label: string; value: string }[];
}

/**
 * `session: valid` needs the probe's ok; `session: invalid` needs the driver's
 * unauthenticated verdict.
 * A 5xx or a refused request says nothing about the session and fails the step. A
 * session that holds no credential cannot be proved dead by a probe that sends none.
 *
 * Then every carrier the driver lists for the credential, alone: a dead session must be
 * refused whichever way its token travels; a live one must be accepted through every
 * documented carrier, while an unverified carrier's acceptance is only recorded.
 */
export async function judgeSession(
  env: StepEnv,
  session: Session,
  expected: "valid" | "invalid",
  where: string,
): Promise<SessionJudgement> {
  const name = session.name;
  if (expected === "invalid" && !holdsCredential(session)) {
    throw new ConfigurationError(
      where,
      `session "${name}" holds no credential (its login was refused or never completed), so a probe sends none and cannot prove it invalid: drop session: invalid here, or assert what the response shows`,
    );
  }
  const judgement: SessionJudgement = { failures: [], observations: [] };
  const { verdict } = await probe(env, session);
  if (verdict !== "ok") session.open = false;
  const by = `the probe (${probeName(env.driver)})`;
  judgement.failures.push(...verdictFailures({ name, expected, verdict, dead: DEAD, by }));
  for (const carrier of env.driver.carriers?.(session) ?? [])
    await judgeCarrier(env, { session, carrier, expected, dead: DEAD, judgement });
  return judgement;
}

function verdictFailures(v: {
  name: string;
  expected: "valid" | "invalid";
  verdict: Verdict;
  dead: readonly Verdict[];
  by: string;
}): string[] {
  if (v.expected === "valid" && v.verdict !== "ok") return [`session "${v.name}": expected valid, but ${v.by} says ${v.verdict}`];
  if (v.expected === "invalid" && !v.dead.includes(v.verdict))
    return [`session "${v.name}": expected invalid (the server's ${v.dead.join(" or ")} answer), but ${v.by} says ${v.verdict}`];
  return [];
}

async function judgeCarrier(
  env: StepEnv,
  c: { session: Session; carrier: CredentialCarrier; expected: "valid" | "invalid"; dead: readonly Verdict[]; judgement: SessionJudgement },
): Promise<void> {
  const { session, carrier, expected, judgement } = c;
  const { verdict, exchange, inconclusive } = await carrier.probe(env.ctx, session);
  const label = `session ${session.name} ${expected === "valid" ? "live" : "ended"}, credential sent as ${carrier.name}`;
  const seen = `${exchange.response.status} (${verdict})`;
  if (inconclusive) {
    judgement.observations.push({ label, value: `${seen}: not judged, ${inconclusive}` });
    return;
  }
  // Whether an unverified carrier works at all is not known: its acceptance is recorded, never assumed either way.
  if (expected === "valid" && carrier.sureness === "unverified") {
    judgement.observations.push({ label, value: seen });
    return;
  }
  // An unverified carrier must stop working: any answer but acceptance is a refusal here.
  const dead = carrier.sureness === "unverified" && verdict !== "ok" ? [verdict] : c.dead;
  judgement.failures.push(
    ...verdictFailures({ name: session.name, expected, verdict, dead, by: `its credential sent as ${carrier.name}` }),
  );
}
