import { randomBytes } from "node:crypto";
import type { Credentials, StepResult, VendorDriver } from "../vendor-api/driver.ts";
import { optionScope } from "../targets/options.ts";
import { stepsFor } from "./plan.ts";
import type { Transport } from "../http/transport.ts";
import { redact } from "../redact/secrets.ts";
import { InterpolationError, type InterpolationScope, interpolate, REFERENCE, resolveReference } from "../scenario/interpolate.ts";
import { TransportError } from "../http/transport.ts";
import type { LoadedScenario, LoadedStep, LoadedSuite } from "../scenario/load.ts";
import type { StepVerb } from "../scenario/schema.ts";
import type { ResolvedTarget } from "../targets/types.ts";
import { createDriverContext, type RecordingContext } from "./driver-context.ts";
import { checkResponse } from "./expectations.ts";
import { ConfigurationError, ExpectationFailure, HarnessError, SessionprobeError, type StepLocation, TransportFailure } from "./failure.ts";
import type { EngineHooks } from "./hooks.ts";
import { SessionLedger } from "./session-ledger.ts";
import { describeStep } from "./step-title.ts";
import { sessionNamed, type StepEnv } from "./steps/env.ts";
import { runStepVerb } from "./steps/index.ts";
import { judgeSession } from "./session-judge.ts";
import { type Bystander, judgeBystander, openBystander, resolveBystanders } from "./bystanders.ts";
import type { TimeControl } from "./time.ts";
import { parseDuration } from "../time/duration.ts";
import { select, show } from "./selectors.ts";

/**
 * Every error a step raises names the step and keeps its kind: a failed assertion is
 * an expectation failure; a hang, reset, garbage or TLS problem a transport failure;
 * an undefined ${…} a configuration error; anything else is our bug.
 */
function located(where: string, location: StepLocation, error: unknown, ids: readonly string[]): SessionprobeError {
  let out: SessionprobeError;
  // Lower layers' errors are SessionprobeErrors too: told at the step first, so the message names it.
  if (error instanceof TransportError) out = new TransportFailure(where, error.message);
  else if (error instanceof InterpolationError) out = new ConfigurationError(where, error.message);
  else if (error instanceof SessionprobeError) out = error;
  else {
    const e = error instanceof Error ? error : new Error(String(error));
    out = new HarnessError(where, `unexpected ${e.name} (a harness or driver bug, please report it): ${e.message}`, { cause: e });
  }
  out.location ??= location;
  out.ids ??= ids;
  return out;
}

export interface ScenarioOutcome {
  observations: { step: number; label: string; value: unknown }[];
  serverVersion?: string;
  closedInTeardown: number;
  teardownFailures: string[];
}

export interface ScenarioRunOptions {
  suite: LoadedSuite;
  loaded: LoadedScenario;
  target: ResolvedTarget;
  driver: VendorDriver;
  transport: Transport;
  time: TimeControl;
  hooks: EngineHooks;
  /**
   * The scenario's credentials when not the target's: on a real target, wrong-password
   * scenarios run as the disposable account (lockout.account), so a wrong password never
   * reaches the account the other scenarios use.
   */
  credentials?: Credentials | undefined;
}

/**
 * Runs one scenario's steps in order; the first failed step ends it with a
 * ExpectationFailure. `teardown()` is separate so a runner can call it even after a
 * timeout abandoned `execute()`.
 */
export class ScenarioRunner {
  readonly ledger = new SessionLedger();
  readonly outcome: ScenarioOutcome = { observations: [], closedInTeardown: 0, teardownFailures: [] };
  private readonly ctx: RecordingContext;
  private readonly captures: Record<string, string> = {};
  private readonly random = randomBytes(4).toString("hex");
  /** The running step's own `timeout:`, if it has one. */
  private stepTimeoutMs: number | undefined;
  /** `${options.…}` for this target: the same for every step of the run, so resolved once (on first use). */
  private resolvedOptionScope: Readonly<Record<string, string | undefined>> | undefined;

  constructor(private readonly options: ScenarioRunOptions) {
    const { target, transport, time } = options;
    this.ctx = createDriverContext({
      target: { name: target.name, vendor: target.vendor, baseUrl: target.baseUrl, options: target.options },
      transport,
      now: () => time.now(),
      stepTimeoutMs: () => this.stepTimeoutMs ?? target.stepTimeoutMs,
    });
  }

  private get credentials(): Credentials {
    return this.options.credentials ?? this.options.target.credentials;
  }

  private get optionScope(): Readonly<Record<string, string | undefined>> {
    this.resolvedOptionScope ??= optionScope(this.options.driver, this.options.target.options);
    return this.resolvedOptionScope;
  }

  async execute(): Promise<ScenarioOutcome> {
    const { loaded, target, driver } = this.options;
    let steps: LoadedStep[];
    try {
      steps = stepsFor(loaded, target, driver, this.optionScope);
    } catch (error) {
      throw new ConfigurationError(`[${target.name}] ${this.options.suite.file} "${loaded.scenario.name}"`, (error as Error).message);
    }
    const bystanders = resolveBystanders(loaded.scenario.bystanders ?? [], { driver, target, credentials: this.credentials });
    for (const bystander of bystanders) await this.bystanderStep(bystander, "open", 0);
    for (const loadedStep of steps) await this.runStep(loadedStep);
    for (const bystander of bystanders) await this.bystanderStep(bystander, "judge", steps.length + 1);
    return this.outcome;
  }

  /**
   * A bystander's opening (before step 1) or judgement (after the last step), reported as a
   * step of its own at the scenario's `bystanders:` line. A bystander the target cannot
   * provide is reported as not asserted there, never as passed.
   */
  private async bystanderStep(bystander: Bystander, phase: "open" | "judge", stepNumber: number): Promise<void> {
    const { suite, loaded, hooks } = this.options;
    const position = loaded.bystandersPosition ?? loaded.position;
    const title = bystander.notAsserted
      ? `bystander ${bystander.kind}: not asserted here (${bystander.notAsserted})`
      : phase === "open"
        ? `bystander ${bystander.kind}: open ${bystander.describe}`
        : `bystander ${bystander.kind}: ${bystander.describe} is untouched`;
    if (bystander.notAsserted && phase === "judge") return;
    const where = `[${this.options.target.name}] ${phase === "open" ? "before step 1" : "after the last step"}, ${title} (${suite.file}:${position.line}:${position.column})`;
    const meta = { step: stepNumber, covers: loaded.scenario.covers };
    await hooks.step(
      title,
      { file: suite.absolutePath, line: position.line, column: position.column },
      async () => {
        if (bystander.notAsserted) {
          hooks.note("warning", redact(`${where}: not asserted`));
          return;
        }
        const env = this.stepEnv(where);
        try {
          if (phase === "open") await openBystander(env, bystander);
          else {
            const session = sessionNamed(env, bystander.sessionName);
            this.observe(stepNumber - 1, await judgeBystander(env, session, bystander));
          }
        } catch (error) {
          throw located(
            where,
            { file: suite.file, line: position.line, column: position.column, step: stepNumber },
            error,
            loaded.scenario.covers,
          );
        } finally {
          for (const exchange of this.ctx.take()) await hooks.exchange(exchange);
        }
      },
      meta,
    );
  }

  private stepEnv(where: string): StepEnv {
    const { hooks } = this.options;
    return {
      driver: this.options.driver,
      target: this.options.target,
      ctx: this.ctx,
      ledger: this.ledger,
      where,
      credentials: this.credentials,
      optionScope: this.optionScope,
      onServerVersion: (version) => {
        this.outcome.serverVersion = version;
        hooks.note("server-version", version);
      },
    };
  }

  async teardown(): Promise<ScenarioOutcome> {
    const { closed, failed } = await this.ledger.closeAll(this.options.driver, this.ctx);
    for (const exchange of this.ctx.take()) await this.options.hooks.exchange(exchange);
    this.outcome.closedInTeardown = closed;
    this.outcome.teardownFailures = failed.map(redact);
    return this.outcome;
  }

  private where(loadedStep: LoadedStep, title: string): string {
    const { suite, target } = this.options;
    return `[${target.name}] step ${loadedStep.index + 1} "${title}" (${suite.file}:${loadedStep.position.line}:${loadedStep.position.column})`;
  }

  /**
   * One step, now, with this runner's sessions, captures and clock: for a caller that
   * decides each step from the answers to the last (exploration). The step's answer is
   * returned once its expectations held; a failed one throws like in `execute`.
   */
  runOne(loadedStep: LoadedStep): Promise<StepResult | undefined> {
    return this.runStep(loadedStep);
  }

  private async runStep(loadedStep: LoadedStep): Promise<StepResult | undefined> {
    const { hooks, suite } = this.options;
    const title = this.titleOf(loadedStep);
    const where = this.where(loadedStep, title);
    const covers = loadedStep.step.covers ?? this.options.loaded.scenario.covers;
    return hooks.step(
      title,
      { file: suite.absolutePath, line: loadedStep.position.line, column: loadedStep.position.column },
      () =>
        this.runStepBody(loadedStep, where).catch((error: unknown) => {
          throw located(
            where,
            { file: suite.file, line: loadedStep.position.line, column: loadedStep.position.column, step: loadedStep.index + 1 },
            error,
            covers,
          );
        }),
      { step: loadedStep.index + 1, covers },
    );
  }

  private scope(): InterpolationScope {
    const { target, time } = this.options;
    return {
      captures: this.captures,
      credentials: this.credentials,
      users: target.users,
      random: this.random,
      now: time.now(),
      options: this.optionScope,
    };
  }

  /**
   * A step's title as the reports show it: its `${…}` resolved as the step will be (an option's
   * value, a capture so far), a reference that cannot be resolved yet left as written, and any
   * secret it names replaced by its fingerprint.
   */
  private titleOf(loadedStep: LoadedStep): string {
    const title = loadedStep.step.title ?? describeStep(loadedStep.step);
    const scope = this.scope();
    return redact(
      title.replace(REFERENCE, (written, name: string) => {
        try {
          return resolveReference(name.trim(), scope);
        } catch {
          return written;
        }
      }),
    );
  }

  private async runStepBody(loadedStep: LoadedStep, where: string): Promise<StepResult | undefined> {
    const { hooks, time } = this.options;
    const step = interpolate(loadedStep.step, this.scope());
    const env = this.stepEnv(where);
    const sessionName = step.as ?? "default";
    let result: StepResult | undefined;
    this.stepTimeoutMs = step.timeout ? parseDuration(step.timeout) : undefined;
    try {
      result = await runStepVerb(loadedStep.verb, step, {
        ...env,
        sessionName,
        time,
        log: (line) => hooks.log(redact(`${where}: ${line}`)),
        lastAnsweredAt: this.ctx.lastAnsweredAt(),
      });
    } finally {
      this.stepTimeoutMs = undefined;
      for (const exchange of this.ctx.take()) await hooks.exchange(exchange);
    }
    if (!result) {
      if (step.expect) throw new ConfigurationError(where, "an expire step has no response to expect anything of");
      return undefined;
    }
    await this.judge(env, { step, verb: loadedStep.verb, result, sessionName, where, index: loadedStep.index });
    return result;
  }

  private observe(index: number, observations: readonly { label: string; value: unknown }[]): void {
    for (const { label, value } of observations) {
      this.outcome.observations.push({ step: index + 1, label, value });
      this.options.hooks.note("observation", redact(`${label} = ${show(value)}`));
    }
  }

  /** The step's answer against its `expect:` and `session:`; all failures are told together, then captures are taken. */
  private async judge(env: StepEnv, s: Judged): Promise<void> {
    const failures = this.responseFailures(s);
    if (s.step.expect?.session) failures.push(...(await this.sessionFailures(env, s, s.step.expect.session)));
    if (failures.length)
      throw new ExpectationFailure(s.where, failures, {
        exchange: s.result.exchange,
        clock: `${new Date(this.options.time.now()).toISOString()} (${this.options.time.description})`,
      });
    this.capture(s);
  }

  /** `expect:` on the response (its `observe:` recorded), and a refused login nobody said to expect. */
  private responseFailures(s: Judged): string[] {
    const response = s.result.exchange.response;
    const { failures, observations } = checkResponse(response, s.step.expect, this.options.time.now());
    if (s.verb === "login" && !s.step.expect && !(s.result as { ok?: boolean }).ok)
      failures.push(`login failed (status ${response.status}); add expect: to assert a refused login`);
    this.observe(s.index, observations);
    return failures;
  }

  /** `session: valid | invalid`, asked of the server; its probes' exchanges are reported with the step. */
  private async sessionFailures(env: StepEnv, s: Judged, expected: "valid" | "invalid"): Promise<string[]> {
    const judgement = await judgeSession(env, sessionNamed(env, s.sessionName), expected, s.where);
    for (const exchange of this.ctx.take()) await this.options.hooks.exchange(exchange);
    this.observe(s.index, judgement.observations);
    return judgement.failures;
  }

  /** `capture:` from a response whose expectations held; an absent value fails the step, it never captures "undefined". */
  private capture(s: Judged): void {
    const response = s.result.exchange.response;
    for (const [name, selector] of Object.entries(s.step.capture ?? {})) {
      const value = select(response, selector, this.options.time.now());
      if (value === undefined)
        throw new ExpectationFailure(s.where, [`capture ${name}: ${selector} is absent in the response`], { exchange: s.result.exchange });
      this.captures[name] = typeof value === "string" ? value : JSON.stringify(value);
    }
  }
}

/** A step that answered, as the runner judges it. */
interface Judged {
  step: LoadedStep["step"];
  verb: StepVerb;
  result: StepResult;
  sessionName: string;
  where: string;
  index: number;
}
