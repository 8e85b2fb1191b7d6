import { HarnessError, type SessionprobeError } from "../engine/failure.ts";
import type { ScenarioRunOptions } from "../engine/run-scenario.ts";
import { openSessionCount, unmodelledRequests } from "../targets/control-plane-client.ts";
import type { ResolvedTarget } from "../targets/types.ts";

type Transport = ScenarioRunOptions["transport"];

/**
 * What a request no mock route models does to a scenario's verdict:
 * - "harness-error": it fails the scenario as a harness error (a mistyped driver URL), even
 *   where a step failed on the 404 it drew; a transport or configuration failure stands.
 * - "evidence": a failed assertion stands (a mutated mock that no longer serves a documented
 *   route is a server that broke the behaviour); only a scenario that passed becomes a harness error.
 */
export type UnmodelledPolicy = "harness-error" | "evidence";

/** The mock's own account of what a scenario left behind, asked after its teardown. */
export interface LeakFindings {
  /** Sessions the mock still holds; undefined when not asked or it did not say. */
  leftOpen?: number;
  /** Requests since the last reset that matched no modelled route, as `METHOD path`. */
  unmodelled: string[];
}

/**
 * Asks a mock's control plane what the scenario left: only a mock is this caller's alone (a
 * shared server's count is taken once, at the end of the run), and only a mock has a control plane.
 */
export async function checkLeaks(
  target: ResolvedTarget,
  control: Transport,
  options: { countOpenSessions: boolean },
): Promise<LeakFindings | undefined> {
  if (target.kind !== "mock" || !target.controlUrl) return undefined;
  // One after the other: in parallel, the second question opens a second connection to a served mock.
  const leftOpen = options.countOpenSessions ? await openSessionCount(control, target.controlUrl) : undefined;
  const unmodelled = await unmodelledRequests(control, target.controlUrl);
  return leftOpen === undefined ? { unmodelled } : { leftOpen, unmodelled };
}

/** The failure unmodelled requests make of a scenario's own failure (or its pass), under `policy`. */
export function judgeUnmodelled(
  failure: SessionprobeError | undefined,
  unmodelled: readonly string[],
  policy: UnmodelledPolicy,
  scenario: { target: ResolvedTarget; file: string; name: string },
): SessionprobeError | undefined {
  if (!unmodelled.length) return failure;
  // A transport or configuration failure says nothing about routes; it stands under either policy.
  if (failure && failure.kind !== "expectation") return failure;
  if (failure && policy === "evidence") return failure;
  const { target, file, name } = scenario;
  return new HarnessError(
    `[${target.name}] ${file} "${name}"`,
    `requests that no route of the ${target.vendor} mock models: ${unmodelled.join(", ")} (a mistyped driver URL, or a route the mock lacks)`,
  );
}
