import type { StepResult } from "../../vendor-api/driver.ts";
import type { PlainStep, StepVerb } from "../../scenario/schema.ts";
import { action } from "./action.ts";
import { expire } from "./expire.ts";
import type { StepContext, StepHandler } from "./handler.ts";
import { login } from "./login.ts";
import { logout } from "./logout.ts";
import { request } from "./request.ts";
import { use } from "./use.ts";

export type { StepContext, StepHandler, StepOf } from "./handler.ts";

/** One handler per verb of the scenario language: a verb added to STEP_VERBS without one does not compile. */
export const stepHandlers = { login, use, request, logout, action, expire } as const satisfies {
  readonly [V in StepVerb]: StepHandler<V>;
};

/**
 * Runs a step by the verb the loader found in it. The step and its verb travel apart
 * (a loaded step, a step exploration builds), so a mismatch is refused here rather than
 * read as some other verb's arguments.
 */
export async function runStepVerb(verb: StepVerb, step: PlainStep, context: StepContext): Promise<StepResult | undefined> {
  if (!Object.hasOwn(step, verb)) throw new Error(`a step given as ${verb} has no ${verb}: key (keys: ${Object.keys(step).join(", ")})`);
  // The table is keyed by verb and the key was just checked: the step is this handler's kind.
  const handler = stepHandlers[verb] as StepHandler;
  return handler.run(step as never, context);
}
