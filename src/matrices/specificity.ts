import { behaviours } from "../catalogue/behaviours.ts";
import type { MockVariant, VendorMock } from "../vendor-api/mock.ts";
import type { LoadedSuite } from "../scenario/load.ts";
import { runAgainstMock, type ScenarioVerdict } from "../in-process/run-suites.ts";

export interface VariantResult {
  variant: MockVariant;
  verdicts: ScenarioVerdict[];
  /** Scenarios that failed on a legal server: the suite's fault, never the server's. */
  falseFailures: ScenarioVerdict[];
}

/**
 * Specificity: the suites pass on every server the documentation allows. Each legal
 * variant of a mock runs every suite of its vendor; any failure is a false failure.
 */
export async function specificityMatrix(
  mock: VendorMock,
  suites: readonly LoadedSuite[],
  variants: readonly MockVariant[] = mock.variants,
): Promise<VariantResult[]> {
  const results: VariantResult[] = [];
  for (const variant of variants) {
    const verdicts = await runAgainstMock({ mock, suites, variant });
    results.push({ variant, verdicts, falseFailures: verdicts.filter((v) => v.outcome === "failed") });
  }
  return results;
}

/**
 * OPEN ids: proved not by a defect but by telling legal answers apart. An OPEN id is
 * told apart when some observation of a scenario covering it differs between variants.
 */
export function openIdsToldApart(
  vendor: string,
  results: readonly VariantResult[],
): { id: string; label?: string; values?: Record<string, string> }[] {
  const open = behaviours().filter((b) => b.vendor === vendor && /OPEN/.test(b.sureness));
  return open.map(({ id }) => {
    const byLabel = new Map<string, Map<string, string>>();
    for (const r of results) {
      for (const v of r.verdicts) {
        if (!v.covers.includes(id)) continue;
        for (const [label, value] of Object.entries(v.observations)) {
          const key = `${v.scenario} / ${label}`;
          if (!byLabel.has(key)) byLabel.set(key, new Map());
          (byLabel.get(key) as Map<string, string>).set(r.variant.name, value);
        }
      }
    }
    for (const [label, values] of byLabel) if (new Set(values.values()).size > 1) return { id, label, values: Object.fromEntries(values) };
    return { id };
  });
}

export function formatSpecificity(vendor: string, results: readonly VariantResult[]): string {
  const falseFailures = results.reduce((n, r) => n + r.falseFailures.length, 0);
  const lines = [`${vendor}: ${results.length} variants, ${falseFailures} false failures`];
  for (const r of results) {
    const ran = r.verdicts.filter((v) => v.outcome !== "skipped").length;
    lines.push(
      `  ${r.falseFailures.length ? "FALSE FAILURE" : "ok"} ${r.variant.name}: ${ran} scenarios ran, ${r.verdicts.length - ran} skipped`,
    );
    for (const f of r.falseFailures)
      lines.push(`      ${f.failureKind ?? "?"} in "${f.scenario}": ${(f.error ?? "").split("\n").slice(0, 3).join(" | ")}`);
  }
  return lines.join("\n");
}
