import { behaviours, findBehaviour } from "../catalogue/behaviours.ts";
import type { Deviation } from "./types.ts";

export interface DeviationProblem {
  index: number;
  field: keyof Deviation;
  message: string;
}

/** The calendar day (UTC) of a moment, as YYYY-MM-DD: what `until` is compared with. */
export const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** Past its last day: the waiver no longer holds, and the run fails until it is renewed or the server fixed. */
export const isExpired = (deviation: Deviation, day: string): boolean => day > deviation.until;

function realDate(text: string): boolean {
  const parsed = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === text;
}

/**
 * What a targets file's `deviations:` cannot mean: an id the catalogue does not know, one of
 * another vendor (a waiver that could never apply), a date that does not exist, the same id
 * twice (which reason and ticket would hold?). Reported with the loader's other problems,
 * before any request is sent.
 */
export function deviationProblems(vendor: string, declared: readonly Deviation[]): DeviationProblem[] {
  const problems: DeviationProblem[] = [];
  const seen = new Map<string, number>();
  declared.forEach((deviation, index) => {
    const behaviour = findBehaviour(deviation.id);
    if (!behaviour) {
      const known = behaviours()
        .filter((b) => b.vendor === vendor)
        .map((b) => b.id);
      problems.push({
        index,
        field: "id",
        message: `unknown behaviour id "${deviation.id}": a deviation waives a documented behaviour of vendor ${vendor}; known: ${known.join(", ") || "none"}`,
      });
    } else if (behaviour.vendor !== vendor)
      problems.push({
        index,
        field: "id",
        message: `${deviation.id} is a ${behaviour.vendor} behaviour, and this target's vendor is ${vendor}: a deviation waives one of the target's own behaviours`,
      });
    if (!realDate(deviation.until))
      problems.push({ index, field: "until", message: `until must be a real date as YYYY-MM-DD, got "${deviation.until}"` });
    const earlier = seen.get(deviation.id);
    if (earlier !== undefined)
      problems.push({
        index,
        field: "id",
        message: `${deviation.id} is declared twice (also deviations[${earlier}]): keep one entry per id, with one reason and one ticket`,
      });
    else seen.set(deviation.id, index);
  });
  return problems;
}

/**
 * The deviations that waive a failure asserting exactly `failedIds` on `day`: only when every
 * failed id has a deviation still in force. A failure of a waived id together with any other
 * id is a failure: a new finding must never hide behind an old one.
 */
export function waiverFor(declared: readonly Deviation[] | undefined, failedIds: readonly string[], day: string): Deviation[] | undefined {
  if (!declared?.length || failedIds.length === 0) return undefined;
  const waivers = failedIds.map((id) => declared.find((d) => d.id === id && !isExpired(d, day)));
  return waivers.every((d): d is Deviation => d !== undefined) ? [...new Set(waivers)] : undefined;
}

/** How a waiver reads on one line, in every report: "deviation ABC-123: VM-04 failed as known — <reason> (waived until 2027-03-01)". */
export function describeWaiver(waivers: readonly Deviation[]): string {
  return waivers.map((d) => `deviation ${d.ticket}: ${d.id} failed as known — ${d.reason} (waived until ${d.until})`).join("; ");
}
