import type { VendorMock } from "../vendor-api/mock.ts";
import type { LoadedSuite } from "../scenario/load.ts";
import { type CorpusFile, loadCorpus, type RecordedExchange, sourceName } from "./corpus.ts";
import { replayExchanges } from "./replay.ts";
import { type AssertionVerdict, judgeSuiteOnCorpus, suiteSteps } from "./suite-check.ts";

export interface MockVerdict {
  file: string;
  exchange: RecordedExchange;
  outcome: "faithful" | "variant" | "different" | "skipped";
  /** Against the default mock. */
  differences: string[];
  /** The legal variant that answers like the recording, when the default mock does not. */
  variant?: string;
  reason?: string;
}

export interface VendorFidelity {
  vendor: string;
  exchanges: number;
  /** Source name (frodo-lib, pypowervm …) → exchanges from it. */
  sources: Record<string, number>;
  assertions: AssertionVerdict[];
  mock: MockVerdict[];
}

/** Each exchange of the corpus against the mock: faithful, answered so by a named legal variant, or different. */
export async function mockFidelity(mock: VendorMock, files: readonly CorpusFile[]): Promise<MockVerdict[]> {
  const verdicts: MockVerdict[] = [];
  for (const file of files) {
    const clean = await replayExchanges({ mock, exchanges: file.exchanges });
    const byVariant = await Promise.all(
      mock.variants.map(async (v) => ({ name: v.name, results: await replayExchanges({ mock, exchanges: file.exchanges, variant: v }) })),
    );
    clean.forEach((result, index) => {
      const base = { file: file.file, exchange: result.exchange, differences: result.differences };
      if (result.outcome === "skipped") verdicts.push({ ...base, outcome: "skipped", reason: result.reason ?? "" });
      else if (result.outcome === "faithful") verdicts.push({ ...base, outcome: "faithful" });
      else {
        const variant = byVariant.find((v) => v.results[index]?.outcome === "faithful");
        verdicts.push(variant ? { ...base, outcome: "variant", variant: variant.name } : { ...base, outcome: "different" });
      }
    });
  }
  return verdicts;
}

/** The corpus of one vendor against its suites and its mock. */
export async function vendorFidelity(
  mock: VendorMock,
  suites: readonly LoadedSuite[],
  files = loadCorpus(mock.id),
): Promise<VendorFidelity> {
  const exchanges = files.flatMap((f) => f.exchanges);
  const sources: Record<string, number> = {};
  for (const e of exchanges) sources[sourceName(e.source)] = (sources[sourceName(e.source)] ?? 0) + 1;
  const steps = await suiteSteps(mock, suites);
  const assertions = await judgeSuiteOnCorpus(mock.id, steps, exchanges);
  return { vendor: mock.id, exchanges: exchanges.length, sources, assertions, mock: await mockFidelity(mock, files) };
}

const count = <T>(items: readonly T[], test: (item: T) => boolean) => items.filter(test).length;

/** Contradicted assertions, one per step and assertion, with the sources that contradict it. */
export function contradictions(result: VendorFidelity): string[] {
  const byPlace = new Map<string, Set<string>>();
  for (const a of result.assertions.filter((v) => v.outcome === "contradicted")) {
    const key = `${a.step.file}:${a.step.line} [${a.step.covers.join(" ")}] ${a.assertion}: ${a.detail ?? ""}`;
    if (!byPlace.has(key)) byPlace.set(key, new Set());
    byPlace.get(key)?.add(`${a.exchange.release} (${sourceName(a.exchange.source)})`);
  }
  return [...byPlace].map(([place, by]) => `${place} — contradicted by ${[...by].join(", ")}`);
}

/**
 * The fidelity line: `fidelity openam: 23 exchanges (frodo-cli 15, frodo-lib 8) · suite
 * 24/40 assertion checks accept (16 contradicted, by 4 distinct assertions; …) · mock 2/23
 * faithful, 0 variants, 21 different` (a check: one assertion of one step on one recording),
 * then one indented line per contradiction and per mock difference.
 */
export function formatFidelity(result: VendorFidelity): string {
  const { assertions, mock } = result;
  const decided = assertions.filter((a) => a.outcome !== "not evaluable");
  const accepted = count(decided, (a) => a.outcome === "accepted");
  const contradicted = decided.length - accepted;
  const replayed = mock.filter((m) => m.outcome !== "skipped");
  const sources = Object.entries(result.sources)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
  const head = [
    `fidelity ${result.vendor}: ${result.exchanges} exchanges (${sources})`,
    `suite ${accepted}/${decided.length} assertion checks accept (${contradicted} contradicted, by ${contradictions(result).length} distinct assertions; ${assertions.length - decided.length} not evaluable on the recordings)`,
    `mock ${count(replayed, (m) => m.outcome === "faithful")}/${replayed.length} faithful, ${count(replayed, (m) => m.outcome === "variant")} variants, ${count(replayed, (m) => m.outcome === "different")} different${mock.length > replayed.length ? ` (${mock.length - replayed.length} not replayed)` : ""}`,
  ].join(" · ");
  const lines = [head, ...contradictions(result).map((c) => `  contradicted: ${c}`)];
  for (const m of mock) {
    const where = `${m.exchange.request.method} ${m.exchange.request.path} (${m.exchange.release}, ${sourceName(m.exchange.source)})`;
    if (m.outcome === "different") lines.push(`  mock differs: ${where}: ${m.differences.join("; ")}`);
    if (m.outcome === "variant") lines.push(`  variant ${m.variant}: ${where}`);
    if (m.outcome === "skipped") lines.push(`  not replayed: ${where}: ${m.reason}`);
  }
  return lines.join("\n");
}
