import { ConfigurationError } from "../failure.ts";
import { sessionNamed } from "./env.ts";
import type { StepHandler } from "./handler.ts";

/**
 * A vendor action: a procedure of the driver's own (any number of requests, possibly no
 * session at all), where `use` is one authorized request built from a call.
 */
export const action: StepHandler<"action"> = {
  verb: "action",
  async run(step, context) {
    const spec = Object.hasOwn(context.driver.actions, step.action) ? context.driver.actions[step.action] : undefined;
    if (!spec) throw new ConfigurationError(context.where, `unknown action ${step.action}`);
    const session = spec.needsSession ? sessionNamed(context, context.sessionName) : context.ledger.get(context.sessionName);
    return spec.run(context.ctx, session, step.with ?? {});
  },
};
