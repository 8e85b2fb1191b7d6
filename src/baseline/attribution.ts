import { findBehaviour } from "../catalogue/behaviours.ts";
import { findVendor } from "../vendors/registry.ts";
import type { ExchangeRecord, ScenarioObservation, StepRecord, TargetRecord } from "../observe/types.ts";
import type { Aspect, Severity } from "./types.ts";

/**
 * A probe's answer is filed under the vendor's probe ids (its record's probeIds): a live
 * session's answer shows the credential works, a dead one's shows how the vendor refuses a
 * bad session. Probes run in every scenario with a `session:` check, so their answers are
 * filed under these ids rather than under whatever the scenario covers: HMC's 401-vs-403 for
 * a dead session is HMC-06's question, wherever the probe happened to ask it.
 */
/** The ids an exchange's change is filed under. */
export function exchangeIds(vendor: string, scenario: ScenarioObservation, exchange: ExchangeRecord, step?: StepRecord): string[] {
  const probe = findVendor(vendor)?.probeIds;
  if (exchange.role !== "probe" || !probe) return step?.covers ?? scenario.covers;
  return [exchange.verdict === "ok" ? probe.alive : probe.refused];
}

/** The aspects an `observe:` selector reads; a content type decides the body's format, so it opens both. */
export function aspectsOf(selector: string): Aspect[] {
  if (selector === "status") return ["status"];
  if (selector === "text" || selector === "body" || selector.startsWith("body.") || selector.startsWith("body[")) return ["body"];
  if (selector === "headers.content-type") return ["content-type", "body"];
  if (selector === "headers.set-cookie" || selector.startsWith("cookies.")) return ["cookies"];
  return selector.startsWith("headers.") ? ["headers"] : [];
}

/** Behaviour id → the aspects some scenario covering it observes (in either record). */
export function openAspects(...records: readonly TargetRecord[]): Map<string, Set<Aspect>> {
  const open = new Map<string, Set<Aspect>>();
  for (const record of records) {
    for (const scenario of Object.values(record.scenarios)) {
      const aspects = scenario.observes.flatMap(aspectsOf);
      for (const id of scenario.covers) {
        const set = open.get(id) ?? new Set<Aspect>();
        for (const aspect of aspects) set.add(aspect);
        open.set(id, set);
      }
    }
  }
  return open;
}

/** OPEN with no DOC or WIRE part: everything about it is an observation. An unknown id counts as strict. */
export function whollyOpen(id: string): boolean {
  const sureness = findBehaviour(id)?.sureness ?? "DOC";
  return /OPEN/.test(sureness) && !/DOC|WIRE/.test(sureness);
}

/**
 * A change is a regression when some id it concerns is (partly) DOC or WIRE and no
 * scenario covering that id observes the changed aspect; otherwise it is for review.
 */
export function judge(ids: readonly string[], aspect: Aspect | undefined, open: Map<string, Set<Aspect>>): Severity {
  const strict = ids.some((id) => !whollyOpen(id) && (aspect === undefined || !open.get(id)?.has(aspect)));
  return strict ? "regression" : "review";
}

export function behaviourOrder(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
