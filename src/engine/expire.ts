import type { ExpireArgs } from "../scenario/schema.ts";
import { formatDuration } from "../time/duration.ts";
import { StepFailure } from "./failure.ts";
import { timeoutFor } from "./plan.ts";
import type { Session, StepResult, Verdict } from "../drivers/types.ts";
import { probe, runUse, sessionNamed, type StepEnv } from "./step-runners.ts";
import { resolveTimeExpr, type TimeControl } from "./time.ts";

/**
 * Lets time pass: idle (no activity), or absolute while the session is kept busy
 * every `keepAlive`. A keep-alive that finds the session already gone fails the
 * step: the session did not live as long as it must.
 */
export async function runExpire(env: StepEnv, options: { args: ExpireArgs; sessionName: string; time: TimeControl; log: (line: string) => void }): Promise<void> {
  const { args, time, log } = options;
  const { target, driver } = env;
  const margin = target.timeouts.marginMs;
  if (args.idle) await time.pass(resolveTimeExpr(args.idle, timeoutFor("idle", target, driver), margin), log);
  if (!args.absolute) return;
  const total = resolveTimeExpr(args.absolute, timeoutFor("absolute", target, driver), margin);
  if (!args.keepAlive) {
    await time.pass(total, log);
    return;
  }
  const every = resolveTimeExpr(args.keepAlive, timeoutFor("idle", target, driver));
  if (every <= 0) throw new StepFailure(env.where, [`keepAlive resolves to ${every} ms; it must be positive`], {});
  const session = sessionNamed(env, options.sessionName);
  let elapsed = 0;
  while (elapsed < total) {
    const chunk = Math.min(every, total - elapsed);
    await time.pass(chunk, log);
    elapsed += chunk;
    if (elapsed >= total) break;
    const { verdict, result } = await keepAlive(env, session, args.using);
    if (verdict !== "ok") {
      throw new StepFailure(env.where, [`keep-alive after ${formatDuration(elapsed)}: the session is already ${verdict}, before the ${formatDuration(total)} this step lets pass`], { exchange: result.exchange });
    }
  }
}

/**
 * One keep-alive: the step's `using` (a call or an action), else the driver's probe.
 * A probe need not count as use (AM's validate does not), so a scenario that needs
 * the session kept busy names what keeps it busy.
 */
async function keepAlive(env: StepEnv, session: Session, using: string | undefined): Promise<{ verdict: Verdict; result: StepResult }> {
  if (!using) return probe(env, session);
  const action = env.driver.actions[using];
  const result = action ? await action.run(env.ctx, session, {}) : await runUse(env, using, {}, session);
  return { verdict: env.driver.classify(result.exchange), result };
}
