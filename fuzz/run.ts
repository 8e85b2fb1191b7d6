/**
 * `npm run fuzz`: the property tests of `npm test`, deeper and with a fresh seed.
 *   npm run fuzz                          random seed, 3,000 mutated files, 2,000 requests per mock
 *   npm run fuzz -- --seed 1414 --files 500 --requests 300
 * Exits 1 on any crash, unlocated problem, hang, invalid file accepted, undocumented 5xx,
 * unhealthy mock or mock retaining over 64 MB after its fuzz (heap after a full GC); the
 * figures are printed last, with the seed to replay them.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { findSuiteFiles } from "../src/scenario/discover.ts";
import { mocks } from "../test-support/mocks.ts";
import { loaderProperty, summarise } from "./loader-mutations.ts";
import { mockProperty, summariseMocks } from "./mock-requests.ts";

const { values } = parseArgs({
  options: { seed: { type: "string" }, files: { type: "string", default: "3000" }, requests: { type: "string", default: "2000" } },
});
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
const files = Number(values.files);
const requests = Number(values.requests);

// The heap is read after a full collection, so the figure is what the mocks retain, not garbage not yet collected.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as () => void;
const heapBytes = () => {
  gc();
  return process.memoryUsage().heapUsed;
};
const show = (title: string, list: readonly string[]) => {
  if (list.length)
    console.log(
      `\n${title} (${list.length}):\n  ${list.slice(0, 20).join("\n  ")}${list.length > 20 ? `\n  … ${list.length - 20} more` : ""}`,
    );
};

const dir = mkdtempSync(join(tmpdir(), "sessionprobe-fuzz-"));
const loader = loaderProperty({ seed, runs: files, files: findSuiteFiles(), dir });
rmSync(dir, { recursive: true, force: true });
show("loader crashes", loader.crashes);
show("unlocated problems", loader.unlocated);
show("slow loads (hangs)", loader.slow);
show("invalid files accepted", loader.invalidAccepted);

const mock = await mockProperty({ seed, runs: requests, vendors: Object.values(mocks), heapBytes });
show("mock 5xx not documented by the vendor", mock.serverErrors);
show("mock requests that hung", mock.hangs);
show("mocks unhealthy afterwards", mock.unhealthy);
// Every store of a mock is bounded (tokens, properties, sessions, journal): a fuzz of any length must leave little behind.
const RETAINED_BOUND_MB = 64;
const unbounded = Object.entries(mock.retainedMb)
  .filter(([, mb]) => mb > RETAINED_BOUND_MB)
  .map(([vendor, mb]) => `${vendor}: ${mb} MB retained after the fuzz (bound ${RETAINED_BOUND_MB} MB)`);
show("mocks whose memory grew", unbounded);

const failed =
  loader.crashes.length +
  loader.unlocated.length +
  loader.slow.length +
  loader.invalidAccepted.length +
  mock.serverErrors.length +
  mock.hangs.length +
  mock.unhealthy.length +
  unbounded.length;
console.log(`\nfuzz, seed ${seed} (replay: npm run fuzz -- --seed ${seed} --files ${files} --requests ${requests})`);
console.log(`  ${summarise(loader)}`);
console.log(
  `  kinds: ${Object.entries(loader.byKind)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(", ")}`,
);
console.log(`  ${summariseMocks(mock)}`);
console.log(`  ${failed === 0 ? "no findings" : `${failed} finding(s)`}`);
process.exitCode = failed === 0 ? 0 : 1;
