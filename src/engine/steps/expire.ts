import { runExpire } from "../expire.ts";
import type { StepHandler } from "./handler.ts";

/** Lets time pass; it sends no request of its own to judge (keep-alives fail the step themselves). */
export const expire: StepHandler<"expire"> = {
  verb: "expire",
  async run(step, context) {
    await runExpire(context, {
      args: step.expire,
      sessionName: context.sessionName,
      time: context.time,
      log: context.log,
      lastAnsweredAt: context.lastAnsweredAt,
    });
    return undefined;
  },
};
