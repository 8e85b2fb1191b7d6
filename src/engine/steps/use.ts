import type { Session, StepResult } from "../../vendor-api/driver.ts";
import { ConfigurationError } from "../failure.ts";
import { sessionNamed, type StepEnv } from "./env.ts";
import type { StepHandler } from "./handler.ts";

/** One named call of the driver, authorized with the session: one request, one answer. */
export async function runUse(env: StepEnv, call: string, args: Record<string, unknown>, session: Session): Promise<StepResult> {
  const spec = Object.hasOwn(env.driver.calls, call) ? env.driver.calls[call] : undefined;
  if (!spec) throw new ConfigurationError(env.where, `unknown call ${call}`);
  const request = env.driver.authorize(env.ctx, session, spec.build(env.ctx, args));
  return { exchange: await env.ctx.send(request, { label: `use ${call}`, session }) };
}

export const use: StepHandler<"use"> = {
  verb: "use",
  run: (step, context) => runUse(context, step.use, step.with ?? {}, sessionNamed(context, context.sessionName)),
};
