import type { Session, StepResult, Verdict } from "../vendor-api/driver.ts";
import type { ExpireArgs } from "../scenario/schema.ts";
import { formatDuration } from "../time/duration.ts";
import { ConfigurationError, ExpectationFailure } from "./failure.ts";
import { marginFor, timeoutFor } from "./plan.ts";
import { probe, sessionNamed, type StepEnv } from "./steps/env.ts";
import { runUse } from "./steps/use.ts";
import { keepAliveSchedule, resolveTimeExpr, type TimeControl } from "./time.ts";

/**
 * Lets time pass: idle (no activity, counted from now or from the session's login), or
 * absolute while the session is kept busy every `keepAlive`. Keep-alives stop at the
 * lifetime less its margin — the last instant the session must be alive — with one
 * exactly then; one that finds the session gone fails the step: it did not live as long
 * as it must. None fires between the lifetime and `past`, where either answer is right.
 */
export async function runExpire(
  env: StepEnv,
  options: {
    args: ExpireArgs;
    sessionName: string;
    time: TimeControl;
    log: (line: string) => void;
    /** When the scenario's last response arrived: `idle: past` counts from it (see below). */
    lastAnsweredAt?: number | undefined;
  },
): Promise<void> {
  const { args, time, log } = options;
  const { target, driver } = env;
  const margin = target.timeouts.marginMs;
  const scope = env.optionScope;
  if (args.idle) {
    let wait = resolveTimeExpr(args.idle, timeoutFor("idle", target, driver), margin, scope);
    if (args.since === "login") {
      const session = sessionNamed(env, options.sessionName);
      if (session.openedAt === undefined)
        throw new ConfigurationError(env.where, `session "${options.sessionName}" has no login to count from`);
      wait = Math.max(0, wait - (time.now() - session.openedAt));
    } else if (args.idle === "past" && options.lastAnsweredAt !== undefined) {
      // The server last saw this session no later than the scenario's last response, so `past` counts
      // from that response, not from this step: the time the steps in between took (attaching evidence,
      // a busy machine) is already idle time, and a wait from the last answer still ends past the timeout.
      // `before` and the other forms keep counting from now, the side that cannot land past it.
      wait = Math.max(0, wait - (time.now() - options.lastAnsweredAt));
    }
    await time.pass(wait, log);
  }
  if (!args.absolute) return;
  const lifetime = timeoutFor("absolute", target, driver);
  const total = resolveTimeExpr(args.absolute, lifetime, margin, scope);
  if (!args.keepAlive) {
    await time.pass(total, log);
    return;
  }
  const every = resolveTimeExpr(args.keepAlive, timeoutFor("idle", target, driver), undefined, scope);
  if (every <= 0) throw new ConfigurationError(env.where, `keepAlive resolves to ${every} ms; it must be positive`);
  const session = sessionNamed(env, options.sessionName);
  // The lifetime runs from the login, not from this step: time spent since (a slow login, earlier steps) comes off.
  const age = session.openedAt === undefined ? 0 : Math.max(0, time.now() - session.openedAt);
  const lastSafe = lifetime === undefined ? total : lifetime - marginFor(lifetime, target) - age;
  let elapsed = 0;
  for (const at of keepAliveSchedule(total, every, lastSafe)) {
    await time.pass(at - elapsed, log);
    elapsed = at;
    const { verdict, result } = await keepAlive(env, session, args.using);
    if (verdict !== "ok") {
      throw new ExpectationFailure(
        env.where,
        [
          `keep-alive after ${formatDuration(elapsed)}: the session is already ${verdict}, before the lifetime of ${lifetime === undefined ? "?" : formatDuration(lifetime)} (the last keep-alive is at ${formatDuration(lastSafe)})`,
        ],
        { exchange: result.exchange },
      );
    }
  }
  await time.pass(total - elapsed, log);
}

/**
 * One keep-alive: the step's `using` (a call or an action), else the driver's probe.
 * A probe need not count as use (AM's validate does not), so a scenario that needs
 * the session kept busy names what keeps it busy.
 */
async function keepAlive(env: StepEnv, session: Session, using: string | undefined): Promise<{ verdict: Verdict; result: StepResult }> {
  if (!using) return probe(env, session);
  const action = Object.hasOwn(env.driver.actions, using) ? env.driver.actions[using] : undefined;
  const result = action ? await action.run(env.ctx, session, {}) : await runUse(env, using, {}, session);
  return { verdict: env.driver.classify(result.exchange), result };
}
