import type { TestCase, TestResult } from "@playwright/test/reporter";

type Annotation = { type: string; description?: string };

/** A scenario test as a reporter sees it: only the fields the report modules read. */
export function fakeTest(input: { id: string; title: string; file?: string; expectedStatus?: TestCase["expectedStatus"] }): TestCase {
  return {
    id: input.id,
    title: input.title,
    expectedStatus: input.expectedStatus ?? "passed",
    annotations: [],
    location: { file: input.file ?? "/repo/specs/conformance.spec.ts", line: 1, column: 1 },
    parent: { project: () => ({ name: "mocks" }) },
  } as unknown as TestCase;
}

export function scenarioAnnotations(service: string, covers: string, extra: Annotation[] = []): Annotation[] {
  return [
    { type: "target", description: service.split("/")[0] ?? "" },
    { type: "service", description: service },
    { type: "covers", description: covers },
    ...extra,
  ];
}

const CODES: Record<string, string> = {
  expectation: "SP_EXPECTATION_FAILED",
  transport: "SP_TRANSPORT_FAILED",
  configuration: "SP_CONFIGURATION",
  harness: "SP_HARNESS_BUG",
};

export function failedWith(kind: string): Annotation[] {
  return [
    { type: "failure-kind", description: kind },
    { type: "failure-code", description: CODES[kind] ?? "" },
  ];
}

export function fakeResult(input: {
  status: TestResult["status"];
  retry?: number;
  annotations: Annotation[];
  message?: string;
  durationMs?: number;
  startMs?: number;
}): TestResult {
  const error = input.message ? { message: input.message, stack: `${input.message}\n    at somewhere (file.ts:1:1)` } : undefined;
  return {
    status: input.status,
    retry: input.retry ?? 0,
    annotations: input.annotations,
    duration: input.durationMs ?? 120,
    startTime: new Date(input.startMs ?? 1_700_000_000_000),
    error,
    errors: error ? [error] : [],
    attachments: [],
    steps: [],
    stdout: [],
    stderr: [],
  } as unknown as TestResult;
}
