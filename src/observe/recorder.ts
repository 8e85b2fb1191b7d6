import type { VendorDriver, Verdict } from "../vendor-api/driver.ts";
import type { EngineHooks } from "../engine/hooks.ts";
import type { Exchange } from "../http/exchange.ts";
import type { LoadedScenario, LoadedSuite } from "../scenario/load.ts";
import { exchangeRecord } from "./exchange-shape.ts";
import { probingDriver } from "./probing-driver.ts";
import { clip, type Scrubber, scrubberFor, stableStringify } from "./stable-text.ts";
import type { ObservedValue, ScenarioObservation, ScenarioOutcome, StepRecord } from "./types.ts";

/** What the engine hands back after a scenario (a structural subset of its ScenarioOutcome). */
export interface EngineOutcome {
  observations: readonly { step: number; label: string; value: unknown }[];
  serverVersion?: string | undefined;
}

/**
 * Builds one scenario's observation record while the engine runs it: wrap the hooks
 * (steps and exchanges arrive through them, in order) and hand the engine `driver`
 * (its probes are marked). Teardown traffic is not recorded: it is not a step.
 */
export class ScenarioRecorder {
  readonly driver: VendorDriver;
  private readonly probes = new WeakMap<Exchange, Verdict>();
  private readonly steps: StepRecord[] = [];
  private current: StepRecord | undefined;
  private readonly scrub: Scrubber;

  constructor(private readonly options: { suite: LoadedSuite; loaded: LoadedScenario; baseUrl: string; driver: VendorDriver }) {
    this.scrub = scrubberFor(options.baseUrl);
    this.driver = probingDriver(options.driver, (exchange, verdict) => this.probes.set(exchange, verdict));
  }

  hooks(inner: EngineHooks): EngineHooks {
    return {
      step: async (title, location, body, meta) => {
        const record: StepRecord = { step: meta?.step ?? this.steps.length + 1, title: this.scrub(title), exchanges: [], observations: {} };
        const own = meta?.covers;
        if (own && own.join() !== this.options.loaded.scenario.covers.join()) record.covers = [...own];
        this.steps.push(record);
        this.current = record;
        try {
          return await inner.step(title, location, body, meta);
        } finally {
          this.current = undefined;
        }
      },
      exchange: async (exchange) => {
        this.current?.exchanges.push(this.exchange(exchange));
        await inner.exchange(exchange);
      },
      note: (kind, text) => inner.note(kind, text),
      log: (line) => inner.log(line),
    };
  }

  private exchange(exchange: Exchange) {
    const verdict = this.probes.get(exchange);
    const harnessNow = exchange.startedAt + exchange.durationMs;
    return exchangeRecord(exchange, { role: verdict === undefined ? "step" : "probe", verdict, harnessNow, scrub: this.scrub });
  }

  /** The finished record; `outcome` is the test's (a reporter may overwrite it with the runner's final word). */
  finish(engine: EngineOutcome, outcome: ScenarioOutcome): ScenarioObservation {
    const { suite, loaded } = this.options;
    for (const { step, label, value } of engine.observations) {
      const record = this.steps.find((s) => s.step === step);
      if (record) record.observations[this.scrub(label)] = this.value(value);
    }
    const observes = new Set<string>();
    for (const { step } of loaded.steps) for (const selector of Object.values(step.expect?.observe ?? {})) observes.add(selector);
    const record: ScenarioObservation = {
      service: `${suite.vendor}/${suite.service}`,
      name: loaded.scenario.name,
      covers: [...loaded.scenario.covers],
      observes: [...observes].sort(),
      outcome,
      steps: this.steps,
    };
    if (engine.serverVersion) record.serverVersion = this.scrub(engine.serverVersion);
    return record;
  }

  private value(value: unknown): ObservedValue {
    if (value === undefined) return "«absent»";
    if (value === null || typeof value === "number" || typeof value === "boolean") return value;
    return clip(this.scrub(typeof value === "string" ? value : stableStringify(value)));
  }
}
