import type { Exchange } from "../http/exchange.ts";
import { requestLine } from "../http/exchange.ts";
import { SessionprobeError } from "../errors/errors.ts";
import type { FailureKind } from "../errors/errors.ts";
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

// The hierarchy lives in src/errors (a leaf every layer may import); the engine's four
// verdict classes below extend it, and the names the rest of the code imports from here stay.
export {
  FAILURE_CODES,
  type FailureKind,
  failureKind,
  SessionprobeError,
  type StepLocation,
} from "../errors/errors.ts";

/** A step did not do what the scenario says: the only error that means "the server broke a behaviour". */
export class ExpectationFailure extends SessionprobeError {
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
    super("SP_EXPECTATION_FAILED", redact(lines.join("\n")));
    this.exchange = evidence.exchange;
    this.name = "ExpectationFailure";
    // A verdict on the server, not on our code: no harness stack under it in reports.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The server could not be talked to: no verdict about any behaviour can be drawn from it. */
export class TransportFailure extends SessionprobeError {
  constructor(where: string, message: string) {
    super("SP_TRANSPORT_FAILED", redact(`${where}: ${message}`));
    this.name = "TransportFailure";
    // A verdict on the server, not on our code: no harness stack under it in reports.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** The scenario cannot run here as written (no timeout declared, a missing user…): a setup problem, not a vendor defect. */
export class ConfigurationError extends SessionprobeError {
  constructor(where: string, message: string) {
    super("SP_CONFIGURATION", redact(`${where}: ${message}`));
    this.name = "ConfigurationError";
    // A verdict on the server, not on our code: no harness stack under it in reports.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** Our own bug: reported as such, with its stack kept for the report. */
export class HarnessError extends SessionprobeError {
  constructor(where: string, message: string, options?: { cause?: unknown }) {
    super("SP_HARNESS_BUG", redact(`${where}: ${message}`), options);
    this.name = "HarnessError";
  }
}

/** Marks the first line of a report's message so a reader of plain text (JUnit, logs) sees the kind. */
export function kindLabel(kind: FailureKind): string {
  return { expectation: "non-conformance", transport: "transport failure", configuration: "configuration error", harness: "harness bug" }[
    kind
  ];
}
