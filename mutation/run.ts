import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type MutantRecord, readMutants, score, scoreLine, tally, vendorOf } from "./summary.ts";

/**
 * `npm run mutation [-- --full] [-- --mutate <glob>]`: StrykerJS over the mocks' behaviour
 * code (stryker.config.mjs), graded by the suites run in process (mutation/scenario-tests.ts).
 * Incremental by default: only mutants whose code or covering scenarios changed run again.
 * Prints the survivors and the mutants that only crashed the harness, a score per vendor,
 * and last the overall line. Exit 1 when the score is under the goal.
 */
const GOAL = 90;
const root = join(import.meta.dirname, "..");
const part = process.env.SESSIONPROBE_MUTATION_VENDOR;
const out = join(root, "reports", "mutation", ...(part ? [part] : []));
const crashesFile = join(out, "crashes.jsonl");
const args = process.argv.slice(2);
const full = args.includes("--full");
// A "--" (as in `npm run mutation -- --full -- --concurrency 1`) only separates: Stryker takes no positional arguments.
const passThrough = args.filter((a) => a !== "--full" && a !== "--");

mkdirSync(out, { recursive: true });
rmSync(crashesFile, { force: true });
const started = Date.now();
const stryker = spawnSync("npx", ["stryker", "run", ...(full ? ["--force"] : []), ...passThrough], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, SESSIONPROBE_MUTATION_CRASHES: crashesFile },
});
if (stryker.status !== 0) {
  console.error(`stryker exited with ${stryker.status ?? stryker.signal}: see its output above`);
  process.exit(2);
}
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
const mutants = readMutants(join(out, "mutation.json"));
const at = (m: MutantRecord) => `${m.file}:${m.line} ${m.mutator} → ${JSON.stringify(m.replacement).slice(0, 80)}`;

const survivors = mutants.filter((m) => m.status === "Survived" || m.status === "NoCoverage" || m.status === "Timeout");
if (survivors.length) {
  console.log(`\nnot caught (${survivors.length}): each needs an assertion, or a reviewed // Stryker disable with its reason`);
  for (const m of survivors) console.log(`  ${m.status.padEnd(10)} ${at(m)}`);
}
if (existsSync(crashesFile)) {
  const crashes = readFileSync(crashesFile, "utf8").trim().split("\n").filter(Boolean);
  if (crashes.length) {
    console.log(`\nsurvived although they crashed the harness (no assertion failed; counted as survived): ${crashes.length}`);
    for (const line of crashes) {
      const c = JSON.parse(line) as { fileName: string; line: number; mutatorName: string; crashes: string[] };
      console.log(`  ${c.fileName}:${c.line} ${c.mutatorName}: ${c.crashes[0]}`);
    }
  }
}
console.log("\nby vendor:");
for (const vendor of [...new Set(mutants.map((m) => vendorOf(m.file)))].sort())
  console.log(`  ${vendor.padEnd(9)} ${scoreLine(tally(mutants.filter((m) => vendorOf(m.file) === vendor)))}`);
console.log(`\n${full ? "full" : "incremental"} run: ${minutes} min`);
const total = tally(mutants);
console.log(scoreLine(total));
process.exit(score(total) >= GOAL ? 0 : 1);
