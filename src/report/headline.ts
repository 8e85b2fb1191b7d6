import { findBehaviour } from "../catalogue/behaviours.ts";
import { isAsserted } from "./allure-metadata.ts";
import type { DeviationVerdict } from "./deviations.ts";
import type { ServiceSummary } from "./summary-model.ts";
import { EXIT, type Verdict } from "./verdict.ts";

const WORDS: Record<number, string> = {
  [EXIT.conformed]: "CONFORMED",
  [EXIT.nonConformance]: "NON-CONFORMANCE",
  [EXIT.usage]: "CONFIGURATION ERROR",
  [EXIT.unreachable]: "TARGET UNREACHABLE",
  [EXIT.incomplete]: "INCOMPLETE",
};

/**
 * What a release manager must see first, wherever the run is read (the Allure report's title and
 * first metadata, the statement's head, summary.json): the verdict, the documented behaviours
 * that failed, sessions left open, whether TLS was verified, the known deviations.
 */
export interface Headline {
  verdict: string;
  exitCode: number;
  /** One line: the report's title. */
  title: string;
  /** DOC and WIRE ids of the vendor catalogue that failed and were not waived, as "target: ID, ID". */
  failedIds: string[];
  /** The same for the team's own behaviours, kept apart: they fail the run the same way. */
  failedTeamIds: string[];
  sessionsLeftOpen: string;
  tlsVerified: string;
  deviations: string;
  /** The same as key → value pairs, in reading order (Allure's metadata, the statement's facts). */
  facts: [string, string][];
}

export interface HeadlineInput {
  verdict: Verdict;
  services: readonly ServiceSummary[];
  deviations: readonly DeviationVerdict[];
  targets: readonly { name: string; tlsVerified: boolean }[];
  sessions: readonly { target: string; leftOpen: number | null }[];
}

const isDocOrWire = (id: string) => {
  const behaviour = findBehaviour(id);
  return behaviour !== undefined && isAsserted(behaviour);
};

function failedByTarget(services: readonly ServiceSummary[], group: "ids" | "teamIds"): string[] {
  const byTarget = new Map<string, string[]>();
  for (const s of services) byTarget.set(s.target, [...(byTarget.get(s.target) ?? []), ...s[group].failed.filter(isDocOrWire)]);
  return [...byTarget].filter(([, ids]) => ids.length).map(([target, ids]) => `${target}: ${ids.join(", ")}`);
}

function describeDeviations(deviations: readonly DeviationVerdict[]): string {
  if (!deviations.length) return "none declared";
  const by = (state: DeviationVerdict["state"]) => deviations.filter((d) => d.state === state);
  const part = (state: DeviationVerdict["state"], word: string) => {
    const list = by(state);
    return list.length ? [`${list.length} ${word} (${list.map((d) => `${d.id} ${d.ticket}`).join(", ")})`] : [];
  };
  return [
    ...part("stale", "STALE"),
    ...part("expired", "EXPIRED"),
    ...part("waived", "waived"),
    ...part("not exercised", "not exercised"),
  ].join("; ");
}

/** "staging: 0" for one target; "0 (all 4 targets)" when every target says the same; else each target's. */
function perTarget(values: readonly [string, string][]): string {
  const distinct = [...new Set(values.map(([, value]) => value))];
  if (values.length > 1 && distinct.length === 1) return `${distinct[0]} (all ${values.length} targets)`;
  return values.map(([target, value]) => `${target}: ${value}`).join(", ") || "no targets";
}

export function buildHeadline(input: HeadlineInput): Headline {
  const verdict = WORDS[input.verdict.exitCode] ?? "INCOMPLETE";
  const failedIds = failedByTarget(input.services, "ids");
  const failedTeamIds = failedByTarget(input.services, "teamIds");
  const broken = [...failedIds, ...failedTeamIds.map((t) => `team behaviours ${t}`)];
  const teamRun = input.services.some((s) => Object.values(s.teamIds).some((ids) => ids.length));
  const sessionsLeftOpen = perTarget(input.sessions.map((s) => [s.target, String(s.leftOpen ?? "unknown (no control plane)")]));
  const tlsVerified = perTarget(input.targets.map((t) => [t.name, t.tlsVerified ? "yes" : "NO (tls.insecure)"]));
  const deviations = describeDeviations(input.deviations);
  const rotten = input.deviations.filter((d) => d.state === "stale" || d.state === "expired");
  const waived = input.deviations.filter((d) => d.state === "waived");
  const why = broken.length
    ? `${broken.join("; ")} broken`
    : rotten.length
      ? rotten.map((d) => `deviation ${d.ticket} (${d.id}) ${d.state === "stale" ? "stale" : "expired"}`).join(", ")
      : input.verdict.exitCode === EXIT.conformed
        ? waived.length
          ? `with ${waived.length === 1 ? "a known deviation" : `${waived.length} known deviations`}: ${waived.map((d) => `${d.id} (${d.ticket})`).join(", ")}`
          : "every documented behaviour held"
        : input.verdict.meaning;
  return {
    verdict,
    exitCode: input.verdict.exitCode,
    title: `sessionprobe: ${verdict} — ${why}`,
    failedIds,
    failedTeamIds,
    sessionsLeftOpen,
    tlsVerified,
    deviations,
    facts: [
      ["verdict", `${verdict} (exit code ${input.verdict.exitCode})`],
      // Keys short enough for Allure's metadata column, which cuts them at about eighteen characters.
      ["failed ids", failedIds.length ? `${failedIds.join("; ")} (DOC/WIRE)` : "none (DOC/WIRE)"],
      // Only in a run that covers team behaviours: a vendor-only run's facts stay as they were.
      ...(teamRun
        ? [["team failed ids", failedTeamIds.length ? `${failedTeamIds.join("; ")} (DOC/WIRE)` : "none (DOC/WIRE)"] as [string, string]]
        : []),
      ["sessions left open", sessionsLeftOpen],
      ["TLS verified", tlsVerified],
      ["deviations", deviations],
    ],
  };
}
