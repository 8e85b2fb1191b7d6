/**
 * The observation record: what a target did, step by step, in shapes rather than
 * values, so two runs (before and after a vendor upgrade) can be compared line by
 * line. Nothing here may carry a secret, a fingerprint, a timestamp or a port: a
 * record of the same server must come out byte-identical run after run.
 */

/** Content type of the per-test Playwright attachment that carries one scenario's record. */
export const OBSERVATION_MEDIA_TYPE = "application/vnd.sessionprobe.observation+json";
export const RECORD_FORMAT = "sessionprobe-observations/1";

/** `step`: sent by the step itself (or its driver); `probe`: the engine asking "is this session alive?". */
export type ExchangeRole = "step" | "probe";

export interface CookieShape {
  httpOnly: boolean;
  secure: boolean;
  path?: string;
  domain?: string;
  sameSite?: string;
  /** The response tells the client to forget the cookie. */
  cleared: boolean;
  /** An Expires attribute is present (its date is not recorded: it moves with the clock). */
  expires: boolean;
  maxAge?: number;
}

export interface ExchangeRecord {
  label: string;
  role: ExchangeRole;
  /** Probes only: the driver's verdict (ok, unauthenticated, forbidden…). */
  verdict?: string;
  /** Method and path; query values are left out (nocache counters, tokens). */
  request: string;
  status: number;
  /** Normalized: lower-case type, `; ` between parameters, lower-case charset. */
  contentType: string | null;
  /** Response header names, lower-case and sorted; set-cookie is under cookies. */
  headers: string[];
  cookies: Record<string, CookieShape>;
  /** Path → type: `$.errors[].message: string`, `/LogonResponse/X-API-Session: element text`. */
  body: Record<string, string>;
  /** The few stable values worth keeping: versions (body keys, version headers). */
  values: Record<string, string>;
}

/** An observed value as recorded: scalars as they are, anything else as scrubbed JSON text. */
export type ObservedValue = string | number | boolean | null;

export interface StepRecord {
  /** The step's number in the scenario: 0 for what runs before the first (bystanders), one past the last for what runs after it. */
  step: number;
  title: string;
  /** The ids the step asserts, when narrower than the scenario's (its own `covers:`). */
  covers?: string[];
  exchanges: ExchangeRecord[];
  /** `observe:` label → value (after redaction and scrubbing). */
  observations: Record<string, ObservedValue>;
}

export type ScenarioOutcome = "passed" | "failed" | "skipped";

export interface ScenarioObservation {
  /** `<vendor>/<service>`. */
  service: string;
  name: string;
  covers: string[];
  /** Every selector the scenario's `observe:` blocks read: the aspects it leaves OPEN. */
  observes: string[];
  outcome: ScenarioOutcome;
  serverVersion?: string;
  steps: StepRecord[];
}

/** One timeout of one service: what the vendor documents, what the target declares, what was measured. */
export interface TimeoutResult {
  /** null: the vendor documents no such limit. */
  documentedMs: number | null;
  /** The target's declared value (mock configuration or targets file); null: declared as none; absent: not declared. */
  configuredMs?: number | null;
  /** First age at which the session was found dead; null: still alive at `aliveAtMs`. */
  measuredMs: number | null;
  /** Largest age at which it was seen alive. */
  aliveAtMs: number;
  resolutionMs: number;
  method: "bisection" | "staggered";
  /** Why it was not measured. */
  skipped?: string;
}

export interface ServiceTimeouts {
  idle: TimeoutResult;
  absolute: TimeoutResult;
}

export interface TargetRecord {
  format: string;
  target: string;
  vendor: string;
  serverVersions: string[];
  /** Keyed `<vendor>/<service> › <scenario name>`. */
  scenarios: Record<string, ScenarioObservation>;
  /** `<vendor>/<service>` → measured timeouts, when they were measured. */
  timeouts?: Record<string, ServiceTimeouts>;
}

export function scenarioKey(service: string, name: string): string {
  return `${service} › ${name}`;
}
