import { existsSync } from "node:fs";
import { setPriority } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { spawnNodeQuietly } from "./child-processes.ts";
import { PACKAGE_ROOT, reportsDir } from "./package-paths.ts";
import { UsageError } from "./usage-error.ts";

/**
 * The Allure report with its quality gate evaluated inside it (fails when a DOC or WIRE behaviour failed):
 * one Allure process (src/report/allure-report.mjs), so the report's Quality Gates tab shows the result the
 * terminal prints. Plain Node: allurerc.mjs reads only the results' labels and summary.json (no TypeScript).
 */
export function runReport(): Promise<number> {
  return startReport().write();
}

/**
 * The report's Allure process: `begin()` has it write the report now (started if it was not), `write()` the same
 * and waits for its end, `cancel()` ends it with nothing written.
 */
export interface StartedReport {
  begin(): void;
  write(): Promise<number>;
  cancel(): void;
}

/**
 * Starts the report's Allure process. `early`: before the run, at the lowest CPU priority, so that Allure's
 * modules load (≈ 0.35 s of a core) while a run against real targets waits on the network, not after its last
 * scenario; it writes nothing until told. A run against the mocks keeps the cores to itself and starts it after.
 */
export function startReport(early = false): StartedReport {
  const results = join(reportsDir(), "allure-results");
  const output = join(reportsDir(), "allure-report");
  const config = join(PACKAGE_ROOT, "allurerc.mjs");
  const env = { ...process.env, SESSIONPROBE_REPORTS: reportsDir() };
  // Allure 3.18's gate calls Iterator.prototype.toArray, which Node 20 lacks.
  const polyfill = pathToFileURL(join(PACKAGE_ROOT, "src", "report", "iterator-helpers.mjs")).href;
  const script = join(PACKAGE_ROOT, "src", "report", "allure-report.mjs");
  const started = () => spawnNodeQuietly([`--import=${polyfill}`, script, "--when-told", results, config, output], env);
  let allure = early ? started() : undefined;
  if (allure?.child.pid !== undefined)
    try {
      setPriority(allure.child.pid, 19);
    } catch {
      // Not allowed here: it loads at the same priority, which costs the run a little, nothing more.
    }
  let told = false;
  const begin = () => {
    allure ??= started();
    if (!told) allure.child.stdin?.end("go\n");
    told = true;
    return allure;
  };
  return {
    begin,
    cancel: () => {
      if (!told) allure?.child.stdin?.end();
    },
    write: async () => {
      if (!told && !existsSync(results)) {
        allure?.child.stdin?.end();
        throw new UsageError(`no results in ${results}: run the suites first`);
      }
      return printReport(await begin().exited, output);
    },
  };
}

function printReport({ code, output: printed }: { code: number; output: string }, output: string): number {
  if (code !== 0 && code !== 1) {
    process.stdout.write(printed);
    return code;
  }
  console.log(`Allure report: ${join(output, "index.html")} (a single file: open it in a browser; its Quality Gates tab holds the gate)`);
  if (printed) process.stdout.write(printed);
  if (code !== 0) console.log("Allure quality gate: failed (a DOC or WIRE behaviour failed; see above)");
  return code;
}
