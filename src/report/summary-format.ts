import { formatDuration } from "../time/duration.ts";
import { type DeviationVerdict, deviationProblem } from "./deviations.ts";
import type { WaitStats } from "./evidence.ts";
import type { IdOutcomes, ScenarioRecord, ServiceSummary } from "./summary-model.ts";

/** The team's own behaviours of a service, on lines of their own under the vendor's: the same counts, the same rules. */
function teamLines(ids: IdOutcomes): string[] {
  const total = ids.passed.length + ids.failed.length + ids.deviations.length + ids.skipped.length;
  if (!total) return [];
  const deviated = ids.deviations.length ? `, ${ids.deviations.length} known deviation(s)` : "";
  const observed = ids.observed.length ? `; ${ids.observed.length} OPEN observed` : "";
  return [
    `    team behaviours: ${total} ids — ${ids.passed.length} passed, ${ids.failed.length} failed${deviated}, ${ids.skipped.length} skipped${observed}`,
    ...(ids.failed.length ? [`      failed: ${ids.failed.join(", ")}`] : []),
  ];
}

/** The end-of-run summary, as the terminal shows it. */
export function formatSummary(input: {
  status: string;
  records: readonly ScenarioRecord[];
  services: readonly ServiceSummary[];
  openAtEnd: Map<string, number>;
  waits: WaitStats;
  deviations?: readonly DeviationVerdict[];
}): string {
  const { records, services, openAtEnd, waits } = input;
  const deviations = input.deviations ?? [];
  const waived = records.filter((r) => r.deviation).length;
  const outcome =
    input.status !== "passed"
      ? `run ${input.status}`
      : waived
        ? `all scenarios passed but ${waived} known deviation(s), waived`
        : "all scenarios passed";
  const lines = ["", `sessionprobe — ${outcome}`];
  for (const target of [...new Set(records.map((r) => r.target))]) {
    const mine = records.filter((r) => r.target === target);
    const versions = [...new Set(mine.map((r) => r.serverVersion).filter(Boolean))];
    lines.push(`target ${target}${versions.length ? ` (server version ${versions.join(", ")})` : ""}`);
    for (const s of services.filter((x) => x.target === target)) {
      const { ids } = s;
      const total = ids.passed.length + ids.failed.length + ids.deviations.length + ids.skipped.length;
      const deviated = ids.deviations.length
        ? `, ${ids.deviations.length} known ${ids.deviations.length === 1 ? "deviation" : "deviations"}`
        : "";
      lines.push(
        // Observed OPEN ids are among the passed or failed ones, not another outcome: the counts add up to the total.
        `  ${s.title}: ${total} ids — ${ids.passed.length} passed, ${ids.failed.length} failed${deviated}, ${ids.skipped.length} skipped` +
          `${ids.observed.length ? `; ${ids.observed.length} OPEN ${ids.observed.length === 1 ? "id" : "ids"} observed` : ""}` +
          `; ${s.scenarios.passed}/${s.scenarios.total} scenarios passed${s.scenarios.flaky ? `, ${s.scenarios.flaky} of them flaky` : ""}`,
      );
      if (ids.failed.length) lines.push(`    failed: ${ids.failed.join(", ")}`);
      lines.push(...teamLines(s.teamIds));
      for (const r of mine.filter((x) => x.service === s.service && x.deviation)) lines.push(`    waived: ${r.deviation}`);
      for (const r of mine.filter((x) => x.service === s.service && x.observations.length))
        lines.push(`    observed ${r.covers.join(" ")}: ${r.observations.join("; ")}`);
      for (const r of mine.filter((x) => x.service === s.service && x.skipReason))
        lines.push(`    skipped ${r.covers.join(" ")}: ${r.skipReason}`);
      for (const r of mine.filter((x) => x.service === s.service && x.flaky))
        lines.push(`    flaky ${r.covers.join(" ")}: passed on attempt ${r.attempts} after a failure`);
      for (const r of mine.filter((x) => x.service === s.service && x.failureKind && x.failureKind !== "expectation"))
        lines.push(`    no verdict ${r.covers.join(" ")}: ${r.failureKind} failure (${r.failureCode})`);
      for (const r of mine.filter(
        (x) => x.service === s.service && x.failedIds?.length && x.covers.some((id) => !x.failedIds?.includes(id)),
      ))
        lines.push(
          `    not reached ${r.covers.filter((id) => !r.failedIds?.includes(id)).join(" ")}: the scenario stopped at its failure of ${r.failedIds?.join(" ")}`,
        );
    }
    const closed = mine.reduce((n, r) => n + r.closedInTeardown, 0);
    const perTest = mine.map((r) => r.leftOpen).filter((n): n is number => n !== undefined);
    const leftOpen = openAtEnd.get(target) ?? (perTest.length ? Math.max(...perTest) : undefined);
    lines.push(
      `  sessions: ${closed} closed in teardown, ${leftOpen === undefined ? "left open: unknown (no control plane)" : `${leftOpen} left open on the server`}`,
    );
    for (const d of deviations.filter((x) => x.target === target))
      lines.push(
        d.state === "stale" || d.state === "expired"
          ? `  DEVIATION ${d.state.toUpperCase()}: ${deviationProblem(d)}`
          : `  deviation ${d.id} (${d.ticket}, until ${d.until}): ${d.state} — ${d.reason}`,
      );
    for (const warning of [...new Set(mine.flatMap((r) => r.warnings))]) lines.push(`  WARNING: ${warning}`);
  }
  if (waits.scenarios) {
    lines.push(
      `real-time waits: ${waits.scenarios} scenarios waited ${formatDuration(waits.totalMs)} in all, within ${formatDuration(waits.windowMs)} of wall time: ${waits.overlapRatio}× the longest single wait (${formatDuration(waits.longestMs)}); the whole run took ${formatDuration(waits.wallMs)}`,
    );
  }
  return lines.join("\n");
}
