import type { TestCase, TestResult } from "@playwright/test/reporter";
import { OTHERS_ENDED_ANNOTATION, readOthersEndedNote } from "../coordination/others-ended.ts";
import { RENDEZVOUS_ANNOTATION, waitedAtRendezvousMs } from "../coordination/rendezvous-note.ts";
import type { FailureKind } from "../engine/failure.ts";
import type { ScenarioRecord } from "./summary-model.ts";

const KINDS: readonly FailureKind[] = ["expectation", "transport", "configuration", "harness"];

/** Annotations pushed during the run land on the result; declared ones on the test. */
export function annotationsOf(test: TestCase, result: TestResult, type: string): string[] {
  const list = result.annotations.length ? result.annotations : test.annotations;
  return list.filter((a) => a.type === type).map((a) => a.description ?? "");
}

/** A failed attempt's kind, as the fixture annotated it; a failure nobody classified is a harness bug. */
export function failureKindOf(test: TestCase, result: TestResult): FailureKind | undefined {
  if (result.status === "passed" || result.status === "skipped") return undefined;
  const kind = annotationsOf(test, result, "failure-kind").at(-1) as FailureKind | undefined;
  return kind && KINDS.includes(kind) ? kind : "harness";
}

/** One attempt of a scenario test as a record; undefined for tests that are not scenarios. */
export function toRecord(test: TestCase, result: TestResult): ScenarioRecord | undefined {
  const all = (type: string) => annotationsOf(test, result, type);
  const last = (type: string) => all(type).at(-1);
  const service = all("service")[0];
  if (!service) return undefined;
  const record: ScenarioRecord = {
    target: all("target")[0] ?? test.parent.project()?.name ?? "?",
    service,
    covers: (all("covers")[0] ?? "").split(" ").filter(Boolean),
    title: test.title,
    status: result.status,
    attempts: result.retry + 1,
    observations: all("observation"),
    closedInTeardown: Number(last("sessions-closed-in-teardown") ?? 0),
    warnings: [...new Set(all("warning"))],
  };
  const location = all("scenario-at")[0];
  if (location) record.location = location;
  const kind = failureKindOf(test, result);
  if (kind) {
    record.failureKind = kind;
    record.failureCode = last("failure-code") ?? "SP_HARNESS_BUG";
    const failedIds = last("failed-ids");
    if (failedIds) record.failedIds = failedIds.split(" ").filter(Boolean);
    const failedAt = last("failed-at");
    if (failedAt) record.failedAt = failedAt;
    // Waived only as Playwright ran it: an expected failure. A deviation note on an unexpected result (a later failure in teardown) waives nothing.
    const deviation = last("deviation");
    if (deviation && kind === "expectation" && test.expectedStatus === "failed") record.deviation = deviation;
  }
  const leftOpen = last("sessions-left-open");
  if (leftOpen !== undefined) record.leftOpen = Number(leftOpen);
  const version = last("server-version");
  if (version) record.serverVersion = version;
  const skip = last("skip-reason");
  if (skip) record.skipReason = skip;
  const wait = last("real-wait-ms");
  if (wait) record.realWaitMs = Number(wait);
  const elapsed = last("real-wait-elapsed-ms");
  if (elapsed) record.elapsedWaitMs = Number(elapsed);
  const rendezvous = waitedAtRendezvousMs(last(RENDEZVOUS_ANNOTATION));
  if (rendezvous) record.rendezvousMs = rendezvous;
  const othersWait = readOthersEndedNote(last(OTHERS_ENDED_ANNOTATION))?.waitedMs;
  if (othersWait) record.othersWaitMs = othersWait;
  record.startedAt = result.startTime.getTime();
  record.durationMs = result.duration;
  return record;
}

/**
 * Retries folded: one record per test, its last attempt's; a pass after a failed
 * attempt is flaky (never failed, never two scenarios).
 */
export class ScenarioRecords {
  private readonly byTest = new Map<string, ScenarioRecord>();

  /** The test's record after this attempt, if it is a scenario. */
  add(test: TestCase, result: TestResult): ScenarioRecord | undefined {
    const record = toRecord(test, result);
    if (!record) return undefined;
    const previous = this.byTest.get(test.id);
    const failedBefore = previous !== undefined && (previous.flaky || (previous.status !== "passed" && previous.status !== "skipped"));
    if (record.status === "passed" && failedBefore) record.flaky = true;
    if (previous?.startedAt !== undefined) {
      // The scenario's time span covers every attempt.
      record.durationMs = (record.startedAt ?? 0) + (record.durationMs ?? 0) - previous.startedAt;
      record.startedAt = previous.startedAt;
    }
    this.byTest.set(test.id, record);
    return record;
  }

  list(): ScenarioRecord[] {
    return [...this.byTest.values()];
  }
}
