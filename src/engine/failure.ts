import type { Exchange } from "../http/exchange.ts";
import { requestLine } from "../http/exchange.ts";
import { redact } from "../redact/secrets.ts";

const EXCERPT = 600;

/** A body as a failure shows it: secrets replaced first, so a cut never leaves part of one behind. */
function excerpt(text: string): string {
  const flat = redact(text).replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}… (${flat.length} characters)` : flat || "(empty)";
}

/** The request line, status and a redacted body excerpt: the evidence under a failure. */
export function describeExchange(exchange: Exchange): string {
  const { request, response } = exchange;
  const lines = [
    `${requestLine(request)} → ${response.status} ${response.headers["content-type"] ?? "(no content type)"} (${exchange.durationMs} ms)`,
  ];
  if (request.body) lines.push(`request body: ${excerpt(request.body)}`);
  lines.push(`response body: ${excerpt(response.text)}`);
  if (response.headers.location) lines.push(`location: ${response.headers.location}`);
  return redact(lines.join("\n"));
}

/**
 * The four kinds of failure a run can end in, and only these. Reports, JUnit, Allure
 * categories, exit codes and the defect matrix all read the kind, never the message:
 * - expectation: the server broke a documented behaviour (an assertion failed);
 * - transport: the server could not be talked to (refused, reset, hang, TLS, garbage);
 * - configuration: the target or the scenario cannot run as written here (a missing
 *   user, an undeclared timeout, a session that holds no credential to probe with);
 * - harness: our own bug.
 */
export type FailureKind = "expectation" | "transport" | "configuration" | "harness";

/** Stable codes, one per kind: what a CI log or a dashboard matches on. */
export const FAILURE_CODES: Record<FailureKind, string> = {
  expectation: "SP_EXPECTATION_FAILED",
  transport: "SP_TRANSPORT_FAILED",
  configuration: "SP_CONFIGURATION",
  harness: "SP_HARNESS_BUG",
};

/** Where in a suite a failure happened, for the matrix's "caught by suites/x.yaml:14". */
export interface StepLocation {
  file: string;
  line: number;
  column: number;
  /** 1-based step number. */
  step: number;
}

export abstract class SessionprobeError extends Error {
  abstract readonly kind: FailureKind;
  location?: StepLocation;
  /** The behaviour ids the failed step asserts (its own `covers:`, else the scenario's): what a report says is broken. */
  ids?: readonly string[];
  get code(): string {
    return FAILURE_CODES[this.kind];
  }
}

/** A step did not do what the scenario says: the only error that means "the server broke a behaviour". */
export class ExpectationFailure extends SessionprobeError {
  readonly kind = "expectation" as const;
  /** The exchange the failed assertions were about, when there is one. */
  readonly exchange: Exchange | undefined;
  constructor(
    readonly where: string,
    readonly problems: readonly string[],
    evidence: { exchange?: Exchange; clock?: string; hint?: string },
  ) {
    const lines = [`${where}: ${problems[0] ?? "failed"}`];
    for (const extra of problems.slice(1)) lines.push(`  also: ${extra}`);
    if (evidence.exchange)
      lines.push(
        ...describeExchange(evidence.exchange)
          .split("\n")
          .map((l) => `  ${l}`),
      );
    if (evidence.clock) lines.push(`  clock: ${evidence.clock}`);
    if (evidence.hint) lines.push(`  hint: ${evidence.hint}`);
    super(redact(lines.join("\n")));
    this.exchange = evidence.exchange;
    this.name = "ExpectationFailure";
    // A verdict on the server, not on our code: no harness stack under it in reports.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The server could not be talked to: no verdict about any behaviour can be drawn from it. */
export class TransportFailure extends SessionprobeError {
  readonly kind = "transport" as const;
  constructor(where: string, message: string) {
    super(redact(`${where}: ${message}`));
    this.name = "TransportFailure";
    // A verdict on the server, not on our code: no harness stack under it in reports.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The scenario cannot run here as written (no timeout declared, a missing user…): a setup problem, not a vendor defect. */
export class ConfigurationError extends SessionprobeError {
  readonly kind = "configuration" as const;
  constructor(where: string, message: string) {
    super(redact(`${where}: ${message}`));
    this.name = "ConfigurationError";
    // A verdict on the server, not on our code: no harness stack under it in reports.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Our own bug: reported as such, with its stack kept for the report. */
export class HarnessError extends SessionprobeError {
  readonly kind = "harness" as const;
  constructor(where: string, message: string, options?: { cause?: unknown }) {
    super(redact(`${where}: ${message}`), options);
    this.name = "HarnessError";
  }
}

/** Older names, kept so the rest of the code reads as before. */
export { ExpectationFailure as StepFailure, ConfigurationError as ScenarioSetupError };

/** The kind of any error: ours carry it; anything else escaping the engine is a harness bug. */
export function failureKind(error: unknown): FailureKind {
  return error instanceof SessionprobeError ? error.kind : "harness";
}

/** Marks the first line of a report's message so a reader of plain text (JUnit, logs) sees the kind. */
export function kindLabel(kind: FailureKind): string {
  return { expectation: "non-conformance", transport: "transport failure", configuration: "configuration error", harness: "harness bug" }[
    kind
  ];
}
