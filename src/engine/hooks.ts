import type { Exchange } from "../http/exchange.ts";

export interface SourceLocation {
  file: string;
  line: number;
  column: number;
}

/**
 * How a runner sees the engine work: Playwright maps `step` to test.step and
 * attachments to Allure; the defect test and benchmarks use plain functions.
 */
/** Which step a hook's step is: its number in the scenario (0 before the first, one past the last after it) and the ids it asserts. */
export interface StepMeta {
  step: number;
  covers: readonly string[];
}

export interface EngineHooks {
  step<T>(title: string, location: SourceLocation, body: () => Promise<T>, meta?: StepMeta): Promise<T>;
  exchange(exchange: Exchange): Promise<void>;
  /** Things the report should carry: observations, the server version, warnings. */
  note(kind: "observation" | "server-version" | "warning" | "info", text: string): void;
  log(line: string): void;
}

export const silentHooks: EngineHooks = {
  step: (_title, _location, body) => body(),
  exchange: async () => {},
  note: () => {},
  log: () => {},
};
