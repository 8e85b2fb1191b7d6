import { CorpusError } from "../evidence/corpus.ts";
import { harToExchanges, readHar } from "../evidence/har.ts";
import type { MockVariant } from "../vendor-api/mock.ts";
import { replayExchanges } from "../evidence/replay.ts";
import { judgeSuiteOnCorpus, suiteSteps } from "../evidence/suite-check.ts";
import { findVendor, loadMock, vendorIds } from "../vendors/registry.ts";
import { findVariant } from "../vendors/variants.ts";
import { redact } from "../redact/secrets.ts";
import { EXIT } from "../report/verdict.ts";
import { findSuiteFiles } from "../scenario/discover.ts";
import { loadSuitesOrThrow } from "../scenario/load.ts";
import { UsageError } from "./usage-error.ts";

export interface FidelityOptions {
  vendor?: string;
  variant?: string;
  /** The old name of --variant. */
  profile?: string;
  set?: Record<string, string>;
}

/**
 * `sessionprobe fidelity <file.har> --vendor V [--variant NAME]`: replays a HAR against the
 * vendor's mock in the same state (its logins first, their tokens where the HAR had its
 * own) and prints each difference in what a client can tell apart; the recorded answers
 * are also checked against the response schemas the suites assert on the same requests.
 * Exit 0 faithful, 1 with differences, 2 on a bad file or flag.
 */
export async function runFidelity(file: string, options: FidelityOptions): Promise<number> {
  const vendor = options.vendor;
  if (!vendor) throw new UsageError(`fidelity: name the vendor with --vendor (one of ${vendorIds.join(", ")})`);
  const mock = await loadMock(vendor);
  if (!mock) throw new UsageError(`fidelity: unknown vendor "${vendor}"; known: ${vendorIds.join(", ")}`);
  const variantName = options.variant ?? options.profile;
  let named: MockVariant | undefined;
  try {
    named = variantName === undefined ? undefined : findVariant(mock, variantName);
  } catch (error) {
    throw new UsageError(`fidelity: ${(error as Error).message}`);
  }
  const variantOptions = { ...named?.options, ...options.set };
  let entries: ReturnType<typeof readHar>;
  try {
    entries = readHar(file);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    process.stderr.write(`${redact(error.message)}\n`);
    return EXIT.usage;
  }
  const basePath =
    mock.basePath ?? (await findVendor(vendor)?.evidence?.())?.basePath?.({ ...mock.defaults.options, ...variantOptions }) ?? "";
  const exchanges = await harToExchanges(
    entries.filter((e) => !e.request.url.includes("/__sessionprobe")),
    { vendor, basePath, file },
  );
  const variant = {
    name: named?.name ?? "options",
    description: "as the command line says",
    evidence: "the command line",
    options: variantOptions,
  };
  const results = await replayExchanges({ mock, exchanges, variant, includeNotModelled: true });
  const steps = await suiteSteps(mock, loadSuitesOrThrow(findSuiteFiles()));
  const schemaFailures = (await judgeSuiteOnCorpus(vendor, steps, exchanges)).filter(
    (v) => v.outcome === "contradicted" && v.assertion.startsWith("schema "),
  );
  let different = 0;
  results.forEach((r, index) => {
    const line = `${r.exchange.request.method} ${r.exchange.request.path}`;
    const schemas = schemaFailures
      .filter((s) => s.exchange === r.exchange)
      .map((s) => `the recorded answer fails ${s.assertion} (${s.detail})`);
    const problems = [...r.differences, ...schemas];
    if (r.outcome === "skipped") process.stdout.write(`  skipped  [${index}] ${redact(line)}: ${r.reason}\n`);
    else if (!problems.length) process.stdout.write(`  same     [${index}] ${redact(line)}\n`);
    else {
      different++;
      process.stdout.write(`  DIFFERS  [${index}] ${redact(line)}\n${problems.map((p) => `           ${redact(p)}\n`).join("")}`);
    }
  });
  const replayed = results.filter((r) => r.outcome !== "skipped").length;
  process.stdout.write(
    `fidelity ${vendor}${named ? ` (variant ${named.name})` : ""}: ${replayed} of ${results.length} exchanges replayed, ${replayed - different} answered alike, ${different} differ\n`,
  );
  return different ? EXIT.nonConformance : EXIT.conformed;
}
