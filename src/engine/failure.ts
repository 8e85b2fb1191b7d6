import type { Exchange } from "../http/exchange.ts";
import { requestLine } from "../http/exchange.ts";
import { redact } from "../redact/secrets.ts";

const EXCERPT = 600;

function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT)}… (${flat.length} characters)` : flat || "(empty)";
}

/** The request line, status and a redacted body excerpt: the evidence under a failure. */
export function describeExchange(exchange: Exchange): string {
  const { request, response } = exchange;
  const lines = [`${requestLine(request)} → ${response.status} ${response.headers["content-type"] ?? "(no content type)"} (${exchange.durationMs} ms)`];
  if (request.body) lines.push(`request body: ${excerpt(request.body)}`);
  lines.push(`response body: ${excerpt(response.text)}`);
  if (response.headers.location) lines.push(`location: ${response.headers.location}`);
  return redact(lines.join("\n"));
}

/** A step did not do what the scenario says. The message names where, what, the evidence, and a hint. */
export class StepFailure extends Error {
  readonly code = "STEP_FAILED";
  constructor(
    readonly where: string,
    readonly problems: readonly string[],
    evidence: { exchange?: Exchange; clock?: string; hint?: string },
  ) {
    const lines = [`${where}: ${problems[0] ?? "failed"}`];
    for (const extra of problems.slice(1)) lines.push(`  also: ${extra}`);
    if (evidence.exchange) lines.push(...describeExchange(evidence.exchange).split("\n").map((l) => `  ${l}`));
    if (evidence.clock) lines.push(`  clock: ${evidence.clock}`);
    if (evidence.hint) lines.push(`  hint: ${evidence.hint}`);
    super(redact(lines.join("\n")));
    this.name = "StepFailure";
  }
}

/** The scenario cannot run here (no timeout declared, a missing user…): a setup problem, not a vendor defect. */
export class ScenarioSetupError extends Error {
  readonly code = "SCENARIO_SETUP";
  constructor(where: string, message: string) {
    super(redact(`${where}: ${message}`));
    this.name = "ScenarioSetupError";
  }
}
