import { sessionNamed } from "./env.ts";
import type { StepHandler } from "./handler.ts";

/** The driver's logout; the ledger stops counting the session as open only when the server accepted it. */
export const logout: StepHandler<"logout"> = {
  verb: "logout",
  async run(step, context) {
    const session = sessionNamed(context, context.sessionName);
    const result = await context.driver.logout(context.ctx, session, step.with ?? {});
    if (context.driver.classify(result.exchange) === "ok") session.open = false;
    return result;
  },
};
