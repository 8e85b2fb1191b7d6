import type { StepResult } from "../../vendor-api/driver.ts";
import type { PlainStep, StepVerb } from "../../scenario/schema.ts";
import type { TimeControl } from "../time.ts";
import type { StepEnv } from "./env.ts";

/** The step of one verb, as the loader typed it (`{ login: … }`, `{ use: … }` …). */
export type StepOf<V extends StepVerb> = Extract<PlainStep, Record<V, unknown>>;

/** What a step's handler gets beside the step: the run's environment and this step's session and clock. */
export interface StepContext extends StepEnv {
  /** The session the step names (`as:`), "default" when it names none. */
  sessionName: string;
  time: TimeControl;
  /** A line for the run's log, already located at the step. */
  log(line: string): void;
  /** When the scenario's last response arrived (an `idle: past` wait counts from it). */
  lastAnsweredAt: number | undefined;
}

/**
 * Carries out one verb. It only acts: interpolation, expectations, captures and the
 * session judgement are the runner's, the same for every verb. No result means the step
 * sent nothing whose answer could be judged (expire).
 */
export interface StepHandler<V extends StepVerb = StepVerb> {
  readonly verb: V;
  run(step: StepOf<V>, context: StepContext): Promise<StepResult | undefined>;
}
