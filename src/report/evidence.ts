import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { findSuiteFiles } from "../scenario/discover.ts";
import type { Deviation, ResolvedTarget } from "../targets/types.ts";
import type { DeviationVerdict } from "./deviations.ts";
import type { ScenarioRecord, ServiceSummary } from "./summary-model.ts";

const ROOT = join(import.meta.dirname, "..", "..");

const NOT_A_CHECKOUT = "unknown (not a git checkout)";

function harnessCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return NOT_A_CHECKOUT;
  }
}

/** What the package ships and runs (README "files"), tests left out: the harness itself, whatever its commit. */
const HARNESS_PARTS = [
  ...["src", "fixtures", "allurerc.mjs", "package.json"],
  // The compiled package (dist/) has these as .js files.
  ...["specs/conformance.spec.ts", "specs/conformance.spec.js", "playwright.config.ts", "playwright.config.js"],
];

function filesUnder(path: string): string[] {
  const full = join(ROOT, path);
  try {
    return readdirSync(full, { withFileTypes: true }).flatMap((entry) => filesUnder(join(path, entry.name)));
  } catch {
    return [path];
  }
}

/**
 * One SHA-256 over the harness's own files (path and content of each, in order): the build id
 * that still means something where there is no commit (an installed package), and that tells a
 * checkout with local changes from its commit.
 */
function harnessSourceSha256(): string {
  const hash = createHash("sha256");
  const files = HARNESS_PARTS.flatMap(filesUnder)
    .filter((path) => !/\.(test|spec)\.[jt]s$/.test(path) || /^specs\/conformance\.spec\.[jt]s$/.test(path))
    .sort();
  for (const path of files) {
    try {
      hash
        .update(`${path}\u0000`)
        .update(readFileSync(join(ROOT, path)))
        .update("\u0000");
    } catch {
      // A part this install does not ship (specs/ in an older package): hashed as absent.
    }
  }
  return hash.digest("hex");
}

/** The harness as a person reads it: "sessionprobe 0.1.0, commit 21760daafb55, sources sha256 3fa2c1d0e9b8". */
export function harnessBuild(harness: { name: string; version: string; commit: string; sourceSha256?: string }): string {
  const commit = /^[0-9a-f]{40}$/.test(harness.commit) ? `commit ${harness.commit.slice(0, 12)}` : "not a git checkout";
  return `${harness.name} ${harness.version}, ${commit}${harness.sourceSha256 ? `, sources sha256 ${harness.sourceSha256.slice(0, 12)}` : ""}`;
}

export interface WaitStats {
  scenarios: number;
  totalMs: number;
  longestMs: number;
  /** The whole run's wall time. */
  wallMs: number;
  /** From the first waiting scenario's start to the last one's end. */
  windowMs: number;
  /** windowMs ÷ the longest single wait: near 1 means the waits overlapped instead of adding up. */
  overlapRatio?: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function waitStats(records: readonly ScenarioRecord[], wallMs: number): WaitStats {
  const waiting = records.filter((r) => (r.realWaitMs ?? 0) > 0);
  const waits = waiting.map((r) => r.realWaitMs ?? 0);
  const longestMs = waits.length ? Math.max(...waits) : 0;
  const starts = waiting.map((r) => r.startedAt ?? 0);
  const ends = waiting.map((r) => (r.startedAt ?? 0) + (r.durationMs ?? 0));
  const windowMs = waiting.length ? Math.max(...ends) - Math.min(...starts) : 0;
  const stats: WaitStats = { scenarios: waiting.length, totalMs: waits.reduce((a, b) => a + b, 0), longestMs, wallMs, windowMs };
  if (longestMs > 0) stats.overlapRatio = round2(windowMs / longestMs);
  return stats;
}

/** A target as the evidence describes it: where it is, never its credentials. */
export interface TargetFacts {
  name: string;
  vendor: string;
  baseUrl: string;
  kind: "real" | "mock" | "unknown";
  tlsVerified: boolean;
  /** Known deviations its targets file declares (none for a built-in mock). */
  deviations?: Deviation[];
}

/** What a run was made of, apart from its results: the harness, the scenario files and the targets. */
export interface RunFacts {
  harness: { name: string; version: string; commit: string; sourceSha256?: string };
  scenarioFiles: { path: string; sha256: string }[];
  /** Targets described by the targets file; the others are built-in mocks. */
  targets: TargetFacts[];
  /** The targets file's hash (it holds `${env:…}` references, never secrets); null for the built-in mocks. Shards of one run share it. */
  targetsFileSha256: string | null;
}

/**
 * This checkout's facts: the harness, every scenario file's hash, and the targets a targets file declared
 * (`declared.file`, read by the caller: src/targets/handed.ts); none for a run against the built-in mocks.
 */
export function localRunFacts(declared?: { file: string; targets: readonly ResolvedTarget[] }): RunFacts {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
  const targetsFile = declared?.file;
  return {
    harness: { name: pkg.name, version: pkg.version, commit: harnessCommit(), sourceSha256: harnessSourceSha256() },
    scenarioFiles: findSuiteFiles().map((path) => ({
      path: relative(ROOT, path),
      sha256: createHash("sha256").update(readFileSync(path)).digest("hex"),
    })),
    targets: (declared?.targets ?? []).map((t) => ({
      name: t.name,
      vendor: t.vendor,
      baseUrl: t.baseUrl,
      kind: "real",
      tlsVerified: !t.tls.insecure,
      ...(t.deviations?.length ? { deviations: t.deviations } : {}),
    })),
    targetsFileSha256: targetsFile ? createHash("sha256").update(readFileSync(targetsFile)).digest("hex") : null,
  };
}

// A Playwright run serves each built-in mock from its worker on a loopback socket: the scenarios
// reach it over TCP, as they would a real server; only the mock's clock is not real.
const builtInMock = (name: string): TargetFacts => ({
  name,
  vendor: name,
  baseUrl: "built-in mock (served by each worker on loopback, virtual clock)",
  kind: "mock",
  tlsVerified: true,
});

/** One report a merged run was made of (a shard, or the guarded job), as `sessionprobe merge` read it. */
export interface MergedReport {
  folder: string;
  /** "i/n", or null for an unsharded run (the guarded job). */
  shard: string | null;
  startedAt: string;
  endedAt: string;
  /** Sessions left open per target when this report ended (null: it could not count them). */
  leftOpen: Record<string, number | null>;
}

/**
 * What `sessionprobe merge` knows beyond the results: the shards' own facts (read from
 * their evidence.json, never from this machine) and each report's span. The merge
 * contacts no target, so sessions left open are the counts each shard took at its end.
 */
export interface MergedRun {
  facts: RunFacts;
  reports: MergedReport[];
}

/** Per target: the count taken by the report that ended last among those that counted, and who took it. */
function mergedLeftOpen(run: MergedRun, target: string): { leftOpen: number | null; countedBy: string | null } {
  const counted = run.reports
    .filter((r) => typeof r.leftOpen[target] === "number")
    .sort((a, b) => Date.parse(a.endedAt) - Date.parse(b.endedAt))
    .at(-1);
  if (!counted) return { leftOpen: null, countedBy: null };
  return {
    leftOpen: counted.leftOpen[target] as number,
    countedBy: `${counted.folder}${counted.shard ? ` (shard ${counted.shard})` : ""} at ${counted.endedAt}`,
  };
}

/** Sessions left open per target at the end of the merged run, as far as the shards counted them (the terminal's numbers). */
export function mergedOpenAtEnd(run: MergedRun, targets: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const target of targets) {
    const { leftOpen } = mergedLeftOpen(run, target);
    if (leftOpen !== null) counts.set(target, leftOpen);
  }
  return counts;
}

/**
 * What a release manager signs off on: which harness (version, commit), against
 * what (targets without secrets, server versions, a hash of every scenario file),
 * what came out (per-service counts, skips with reasons), when, and sessions left.
 * A merged run (`merged`) takes the shards' facts and spans instead of this machine's.
 */
export function buildEvidence(input: {
  records: readonly ScenarioRecord[];
  services: readonly ServiceSummary[];
  startedAt: number;
  endedAt: number;
  openAtEnd: Map<string, number>;
  /** This run's `--shard i/n` ("1/4"), if sharded. */
  shard?: string | null;
  merged?: MergedRun;
  /** The run's facts, when the caller has read them already (default: the merge's, else this checkout's). */
  facts?: RunFacts;
  deviations?: readonly DeviationVerdict[];
}) {
  const { merged } = input;
  const facts = input.facts ?? merged?.facts ?? localRunFacts();
  const names = [...new Set(input.records.map((r) => r.target))];
  // A target no shard described: say so rather than guess that it was a mock.
  const unknownTarget = (name: string): TargetFacts => ({
    name,
    vendor: "unknown",
    baseUrl: "unknown (its shard folder had no evidence.json)",
    kind: "unknown",
    tlsVerified: false,
  });
  return {
    harness: facts.harness,
    startedAt: new Date(input.startedAt).toISOString(),
    endedAt: new Date(input.endedAt).toISOString(),
    targets: names.map((name) => {
      // Locally, a target the targets file does not name is a built-in mock; the shards' evidence names mocks too.
      const described = facts.targets.find((t) => t.name === name) ?? (merged ? unknownTarget(name) : builtInMock(name));
      const versions = [
        ...new Set(
          input.records
            .filter((r) => r.target === name)
            .map((r) => r.serverVersion)
            .filter(Boolean),
        ),
      ];
      return { ...described, serverVersions: versions };
    }),
    scenarioFiles: facts.scenarioFiles,
    targetsFileSha256: facts.targetsFileSha256,
    // A shard says which one it is; a merge lists its reports below.
    ...(merged ? {} : { shard: input.shard ?? null }),
    services: input.services.map((s) => ({
      target: s.target,
      service: s.service,
      passed: s.ids.passed,
      failed: s.ids.failed,
      deviations: s.ids.deviations,
      observed: s.ids.observed,
      skipped: s.ids.skipped,
      // The team's own behaviours, apart from the vendor's (src/catalogue/team-behaviours.ts).
      teamIds: s.teamIds,
      skippedScenarios: input.records
        .filter((r) => r.target === s.target && r.service === s.service && r.status === "skipped")
        .map((r) => ({ ids: r.covers, reason: r.skipReason ?? "skipped" })),
      scenarios: s.scenarios,
      // Passed on a retry after a failed attempt: counted once, as passed, and named here.
      flaky: input.records
        .filter((r) => r.target === s.target && r.service === s.service && r.flaky)
        .map((r) => ({ ids: r.covers, title: r.title, attempts: r.attempts })),
    })),
    sessions: names.map((name) => {
      const closedInTeardown = input.records.filter((r) => r.target === name).reduce((n, r) => n + r.closedInTeardown, 0);
      if (!merged) {
        // Without a count at the end (no control plane to ask), the built-in mocks' own count after each test: the terminal's number.
        const perTest = input.records.flatMap((r) => (r.target === name && r.leftOpen !== undefined ? [r.leftOpen] : []));
        return { target: name, closedInTeardown, leftOpen: input.openAtEnd.get(name) ?? (perTest.length ? Math.max(...perTest) : null) };
      }
      const { leftOpen, countedBy } = mergedLeftOpen(merged, name);
      return {
        target: name,
        closedInTeardown,
        // Each shard counted at its own end; the merge asks no server.
        leftOpen,
        leftOpenCountedBy: countedBy,
        leftOpenByReport: merged.reports.map((r) => ({
          folder: r.folder,
          shard: r.shard,
          endedAt: r.endedAt,
          leftOpen: r.leftOpen[name] ?? null,
        })),
      };
    }),
    // Declared per target, judged against this run: waived, stale, expired or not exercised.
    deviations: input.deviations ?? [],
    realTimeWaits: waitStats(input.records, input.endedAt - input.startedAt),
    ...(merged
      ? { merged: { reports: merged.reports.map(({ folder, shard, startedAt, endedAt }) => ({ folder, shard, startedAt, endedAt })) } }
      : {}),
  };
}
