/**
 * A baseline comparison: each change attributed to behaviour ids and judged.
 * regression: a DOC or WIRE behaviour changed (the comparison fails);
 * review: an OPEN part changed (an observation, or an aspect a scenario observes), worth a look;
 * info: not a server contract change (a release name, a scenario not run this time).
 */
export type Severity = "regression" | "review" | "info";

export type ChangeKind =
  | "status"
  | "content-type"
  | "headers"
  | "cookies"
  | "body"
  | "exchanges"
  | "steps"
  | "outcome"
  | "scenario"
  | "observation"
  | "version"
  | "timeout";

/** The parts of an exchange a scenario's `observe:` can leave OPEN. */
export type Aspect = "status" | "content-type" | "headers" | "cookies" | "body";

export interface Change {
  /** Behaviour ids the change concerns; empty for target-wide facts (the server version). */
  ids: string[];
  severity: Severity;
  kind: ChangeKind;
  /** Scenario › step › exchange, or the service for a timeout. */
  where: string;
  detail: string;
}

export interface BaselineDiff {
  target: string;
  changes: Change[];
  counts: Record<Severity, number>;
}
