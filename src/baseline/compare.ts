import type { ExchangeRecord, ObservedValue, ScenarioObservation, StepRecord, TargetRecord } from "../observe/types.ts";
import { behaviourOrder, exchangeIds, judge, openAspects } from "./attribution.ts";
import { exchangeDiffs, valueDiffs } from "./compare-exchange.ts";
import { compareTimeouts } from "./compare-timeouts.ts";
import type { Aspect, BaselineDiff, Change, Severity } from "./types.ts";

const union = (...lists: readonly (readonly string[])[]) => [...new Set(lists.flat())].sort(behaviourOrder);
const show = (value: ObservedValue | undefined) => (value === undefined ? "not observed" : JSON.stringify(value));

/** Exchanges of a step keyed by label and occurrence: the second "use devices" matches the second. */
function keyed(exchanges: readonly ExchangeRecord[]): Map<string, ExchangeRecord> {
  const seen = new Map<string, number>();
  return new Map(
    exchanges.map((exchange) => {
      const n = (seen.get(exchange.label) ?? 0) + 1;
      seen.set(exchange.label, n);
      return [n === 1 ? exchange.label : `${exchange.label} #${n}`, exchange];
    }),
  );
}

class Comparison {
  readonly changes: Change[] = [];
  private readonly versions = new Map<string, number>();
  private readonly open: Map<string, Set<Aspect>>;

  constructor(
    private readonly baseline: TargetRecord,
    private readonly current: TargetRecord,
  ) {
    this.open = openAspects(baseline, current);
  }

  run(): Change[] {
    const { baseline, current } = this;
    if (baseline.serverVersions.join() !== current.serverVersions.join()) {
      this.changes.push({
        ids: [],
        severity: "info",
        kind: "version",
        where: "server",
        detail: `${baseline.serverVersions.join(", ") || "unknown"} → ${current.serverVersions.join(", ") || "unknown"}`,
      });
    }
    for (const key of [...new Set([...Object.keys(baseline.scenarios), ...Object.keys(current.scenarios)])].sort()) {
      const a = baseline.scenarios[key];
      const b = current.scenarios[key];
      if (a && b) this.scenario(a, b);
      else if (a)
        this.changes.push({
          ids: a.covers,
          severity: "info",
          kind: "scenario",
          where: a.name,
          detail: "not in this run (a partial run, or the scenario was removed)",
        });
      else if (b)
        this.changes.push({ ids: b.covers, severity: "info", kind: "scenario", where: b.name, detail: "new: not in the baseline" });
    }
    for (const [detail, count] of this.versions) {
      this.changes.push({ ids: [], severity: "info", kind: "version", where: `in ${count} response${count === 1 ? "" : "s"}`, detail });
    }
    this.changes.push(...compareTimeouts(baseline.timeouts, current.timeouts));
    return this.changes;
  }

  /**
   * Versions that changed value, counted across the whole target: a release name belongs to
   * the server, not to a behaviour. One that appears or goes follows a body change, reported there.
   */
  private versionChanges(a: ExchangeRecord, b: ExchangeRecord): void {
    for (const v of valueDiffs(a, b)) {
      if (v.before === undefined || v.after === undefined) continue;
      const detail = `${v.key}: ${v.before} → ${v.after}`;
      this.versions.set(detail, (this.versions.get(detail) ?? 0) + 1);
    }
  }

  private scenario(a: ScenarioObservation, b: ScenarioObservation): void {
    const sameOutcome = a.outcome === b.outcome;
    if (!sameOutcome) {
      const severity: Severity =
        a.outcome === "skipped" || b.outcome === "skipped"
          ? "info"
          : b.outcome === "failed"
            ? judge(b.covers, undefined, this.open)
            : "review";
      this.changes.push({ ids: b.covers, severity, kind: "outcome", where: b.name, detail: `${a.outcome} → ${b.outcome}` });
    }
    if (sameOutcome && a.steps.length !== b.steps.length) {
      this.changes.push({
        ids: b.covers,
        severity: "info",
        kind: "steps",
        where: b.name,
        detail: `${a.steps.length} → ${b.steps.length} steps (the scenario changed)`,
      });
    }
    for (let i = 0; i < Math.min(a.steps.length, b.steps.length); i++) {
      const sa = a.steps[i];
      const sb = b.steps[i];
      if (sa && sb) this.step(b, sa, sb, sameOutcome);
    }
  }

  private step(scenario: ScenarioObservation, a: StepRecord, b: StepRecord, reportPresence: boolean): void {
    const at = `${scenario.name} › step ${b.step} "${b.title}"`;
    const before = keyed(a.exchanges);
    const after = keyed(b.exchanges);
    for (const key of [...new Set([...before.keys(), ...after.keys()])]) {
      const ea = before.get(key);
      const eb = after.get(key);
      const where = `${at} › ${key}${(eb ?? ea)?.role === "probe" ? " (probe)" : ""}`;
      if (ea && eb) {
        const ids = union(exchangeIds(this.current.vendor, scenario, ea, a), exchangeIds(this.current.vendor, scenario, eb, b));
        const diffs = exchangeDiffs(ea, eb);
        // A different status is a different answer: when its status is OPEN here, so are its headers and body.
        const openStatus = diffs.some((d) => d.aspect === "status" && judge(ids, "status", this.open) === "review");
        for (const { aspect, detail } of diffs)
          this.changes.push({ ids, severity: openStatus ? "review" : judge(ids, aspect, this.open), kind: aspect, where, detail });
        this.versionChanges(ea, eb);
      } else if (reportPresence) {
        const present = (ea ?? eb) as ExchangeRecord;
        const ids = exchangeIds(this.current.vendor, scenario, present, ea ? a : b);
        this.changes.push({
          ids,
          severity: judge(ids, undefined, this.open),
          kind: "exchanges",
          where,
          detail: ea ? `no longer sent (${present.request})` : `new (${present.request} → ${present.status})`,
        });
      }
    }
    for (const label of [...new Set([...Object.keys(a.observations), ...Object.keys(b.observations)])].sort()) {
      const va = a.observations[label];
      const vb = b.observations[label];
      if (va !== vb)
        this.changes.push({
          ids: scenario.covers,
          severity: "review",
          kind: "observation",
          where: `${at}`,
          detail: `"${label}": ${show(va)} → ${show(vb)}`,
        });
    }
  }
}

const SEVERITY_ORDER: Record<Severity, number> = { regression: 0, review: 1, info: 2 };

/** Every difference between a baseline and the current record, judged and in a fixed order. */
export function compareRecords(baseline: TargetRecord, current: TargetRecord): BaselineDiff {
  const changes = new Comparison(baseline, current).run();
  changes.sort(
    (x, y) =>
      Number(x.ids.length === 0) - Number(y.ids.length === 0) ||
      behaviourOrder(x.ids.join(" "), y.ids.join(" ")) ||
      SEVERITY_ORDER[x.severity] - SEVERITY_ORDER[y.severity] ||
      x.where.localeCompare(y.where) ||
      x.kind.localeCompare(y.kind),
  );
  const counts: Record<Severity, number> = { regression: 0, review: 0, info: 0 };
  for (const change of changes) counts[change.severity]++;
  return { target: current.target, changes, counts };
}
