/**
 * The one error hierarchy of sessionprobe. Every error the project throws on purpose is a
 * SessionprobeError with a stable `code` (what a CI log, a dashboard or the CLI's exit code
 * matches on, never the message) and one of four `kind`s (what reports count by).
 * This folder is a leaf: it imports nothing, so every layer (http, scenario, engine, cli …)
 * may extend it without a cycle. docs/errors.md explains every code; errors.test.ts holds
 * the code, the docs and the classes to each other.
 */

/**
 * The four kinds of failure a run can end in, and only these. Reports, JUnit, Allure
 * categories, exit codes and the defect matrix all read the kind, never the message:
 * - expectation: the server broke a documented behaviour (an assertion failed);
 * - transport: the server could not be talked to (refused, reset, hang, TLS, garbage);
 * - configuration: the target, the scenario or the command line cannot run as written here
 *   (a missing user, an undeclared timeout, a malformed targets file, a bad flag);
 * - harness: our own bug.
 */
export type FailureKind = "expectation" | "transport" | "configuration" | "harness";

export const FAILURE_KINDS: readonly FailureKind[] = ["expectation", "transport", "configuration", "harness"];

/**
 * Every code, with its kind. One class per code: a code names where an error comes from
 * and what to do about it, so two classes sharing one would make it say less.
 */
export const ERROR_CODES = {
  // A step's verdict (src/engine/failure.ts): the codes reports carry, one per kind.
  SP_EXPECTATION_FAILED: "expectation",
  SP_TRANSPORT_FAILED: "transport",
  SP_CONFIGURATION: "configuration",
  SP_HARNESS_BUG: "harness",
  // The command line and the files it names, found wrong before anything was sent (InputError).
  SP_USAGE: "configuration",
  SP_TARGETS: "configuration",
  SP_SCENARIO: "configuration",
  SP_TEAM_VENDOR: "configuration",
  // Files and targets a command reads as it goes.
  SP_CORPUS: "configuration",
  SP_EXPLORE_UNAVAILABLE: "configuration",
  // A scenario against one target: turned into SP_CONFIGURATION at the step, or a skip.
  SP_INTERPOLATION: "configuration",
  SP_REPEAT_TIMES: "configuration",
  // The wire (src/http): told as SP_TRANSPORT_FAILED at the step.
  SP_TRANSPORT: "transport",
  SP_XML: "transport",
  // Internal signals of src/http's transport, turned into SP_TRANSPORT before anyone sees them.
  SP_DEADLINE: "transport",
  SP_PROXY_REFUSED: "transport",
  SP_FAILED_ATTEMPT: "transport",
  SP_STALE_CONNECTION: "transport",
} as const satisfies Record<`SP_${string}`, FailureKind>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The code each kind is reported with (JUnit `type`, the `failure-code` annotation): a step's verdict. */
export const FAILURE_CODES: Record<FailureKind, ErrorCode> = {
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
  /** Follows from the code, so a class cannot claim one kind and report another. */
  readonly kind: FailureKind;
  location?: StepLocation;
  /** The behaviour ids the failed step asserts (its own `covers:`, else the scenario's): what a report says is broken. */
  ids?: readonly string[];

  protected constructor(
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.kind = ERROR_CODES[code];
    // The class's own name in a stack or a Playwright error, not "Error"; a subclass may still set its own.
    this.name = new.target.name;
  }
}

/** The codes of what sessionprobe is given, checked before any request: the subclasses of InputError. */
export const INPUT_ERROR_CODES = ["SP_USAGE", "SP_TARGETS", "SP_SCENARIO", "SP_TEAM_VENDOR"] as const satisfies readonly ErrorCode[];
export type InputErrorCode = (typeof INPUT_ERROR_CODES)[number];

/**
 * What sessionprobe was given is wrong: the command line or a file it names (a targets file,
 * scenario files, a team's vendor folder). Found before anything was sent, which is what exit
 * code 2 promises; a configuration error found once requests were under way is not one of these.
 */
export abstract class InputError extends SessionprobeError {
  protected constructor(code: InputErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
  }
}

/** The kind of any error: ours carry it; anything else that escapes is a harness bug. */
export function failureKind(error: unknown): FailureKind {
  return error instanceof SessionprobeError ? error.kind : "harness";
}
