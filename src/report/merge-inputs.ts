import { copyFileSync, existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { ConfigurationError } from "../engine/failure.ts";
import { localRunFacts, type MergedRun, type RunFacts, type TargetFacts } from "./evidence.ts";
import { type Census, type CensusReport, type DroppedCopy, foldCopies } from "./merge-plan.ts";

/**
 * The input side of `sessionprobe merge`: the shard folders a user names, checked before
 * anything is merged. A folder is one run's SESSIONPROBE_REPORTS: Playwright's blob report
 * in blob/ (the results) and the run's evidence.json (its harness, scenario files, targets
 * and the sessions it counted at its end — facts the merge machine cannot know, having no
 * targets file and no credentials). Every refusal names the folder and says what to do.
 */
const WHERE = "sessionprobe merge";

interface ShardEvidence {
  harness: RunFacts["harness"];
  scenarioFiles: RunFacts["scenarioFiles"];
  targetsFileSha256?: string | null;
  /** "i/n" for a shard, null for an unsharded run; absent in evidence from before merges. */
  shard?: string | null;
  targets: (TargetFacts & { serverVersions?: string[] })[];
  sessions: { target: string; leftOpen: number | null }[];
}

export interface ShardFolder {
  /** As the user named it: what the messages and the evidence say. */
  label: string;
  path: string;
  blob: string;
  evidence?: ShardEvidence;
}

function refuse(message: string): never {
  throw new ConfigurationError(WHERE, message);
}

function readEvidence(label: string, file: string): ShardEvidence | undefined {
  if (!existsSync(file)) return undefined;
  try {
    const evidence = JSON.parse(readFileSync(file, "utf8")) as Partial<ShardEvidence>;
    if (
      !evidence.harness ||
      !Array.isArray(evidence.scenarioFiles) ||
      !Array.isArray(evidence.targets) ||
      !Array.isArray(evidence.sessions)
    )
      refuse(
        `${label}: evidence.json is not a sessionprobe evidence file (no harness, scenarioFiles, targets or sessions); re-run that shard`,
      );
    return evidence as ShardEvidence;
  } catch (error) {
    if (error instanceof ConfigurationError) throw error;
    refuse(`${label}: evidence.json is not valid JSON (${(error as Error).message}); re-run that shard`);
  }
}

function blobOf(label: string, path: string): string {
  const dir = join(path, "blob");
  const zips = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".zip")) : [];
  if (zips.length === 0) {
    const here = readdirSync(path).some((f) => f.endsWith(".zip"));
    refuse(
      here
        ? `${label} holds a blob report but is not a shard's reports folder: name the folder above it (the shard's SESSIONPROBE_REPORTS, which holds blob/ and evidence.json)`
        : `${label} holds no blob report (blob/*.zip): name a folder a sessionprobe run wrote (its SESSIONPROBE_REPORTS); a run writes blob/ when it ends, so re-run that shard if it ended early or ran an older sessionprobe`,
    );
  }
  if (zips.length > 1)
    refuse(
      `${label}/blob holds ${zips.length} blob reports (${zips.join(", ")}); a shard's folder holds one: give each shard its own folder`,
    );
  return join(dir, zips[0] as string);
}

/** Every folder exists, is not where the merge writes, holds one blob report; their evidence agrees on the harness, the suites and the targets. */
export function readShardFolders(folders: readonly string[], outputDir: string): ShardFolder[] {
  const seen = new Map<string, string>();
  const shards = folders.map((label): ShardFolder => {
    const path = resolve(label);
    if (!existsSync(path)) refuse(`${label}: no such folder; name each shard's reports folder (the SESSIONPROBE_REPORTS it ran with)`);
    if (!statSync(path).isDirectory())
      refuse(`${label} is not a folder; name each shard's reports folder (the SESSIONPROBE_REPORTS it ran with)`);
    if (seen.has(path)) refuse(`${label} is named twice (also as ${seen.get(path)}); name each shard's folder once`);
    seen.set(path, label);
    if (path === resolve(outputDir))
      refuse(
        `${label} is where the merge writes (SESSIONPROBE_REPORTS): set SESSIONPROBE_REPORTS to another folder, e.g. the parent of the shard folders`,
      );
    const evidence = readEvidence(label, join(path, "evidence.json"));
    return { label, path, blob: blobOf(label, path), ...(evidence ? { evidence } : {}) };
  });
  agree(
    shards,
    (e) => JSON.stringify([e.harness.version, e.harness.commit]),
    "harness (sessionprobe version and commit)",
    (e) => `${e.harness.version} ${e.harness.commit.slice(0, 12)}`,
  );
  agree(
    shards,
    (e) => JSON.stringify([...e.scenarioFiles].sort((a, b) => a.path.localeCompare(b.path))),
    "scenario files (their hashes differ)",
  );
  agree(
    shards,
    (e) => e.targetsFileSha256 ?? "none",
    "targets (different targets files, or the built-in mocks and a targets file)",
    (e) => (e.targetsFileSha256 ? `targets file ${e.targetsFileSha256.slice(0, 12)}` : "built-in mocks"),
  );
  // The shards as their evidence names them: a missing or repeated shard is refused before Playwright reads a blob (the census checks again).
  if (shards.every((s) => s.evidence && "shard" in s.evidence))
    checkShards(shards.map((s) => ({ label: s.label, shard: parseShard(s.evidence?.shard) })));
  const described = new Map<string, { facts: string; label: string }>();
  for (const shard of shards)
    for (const t of shard.evidence?.targets ?? []) {
      const facts = JSON.stringify([t.vendor, t.baseUrl, t.kind, t.tlsVerified]);
      const earlier = described.get(t.name);
      if (earlier && earlier.facts !== facts)
        refuse(
          `target ${t.name} is not the same server in ${earlier.label} and ${shard.label} (vendor, base URL or TLS differ): these are runs with different targets files, not shards of one run`,
        );
      described.set(t.name, { facts, label: shard.label });
    }
  return shards;
}

/** The folders' evidence must agree on one fact; otherwise they are not shards of one run. */
function agree(
  shards: readonly ShardFolder[],
  fact: (e: ShardEvidence) => string,
  what: string,
  show?: (e: ShardEvidence) => string,
): void {
  const groups = new Map<string, ShardFolder[]>();
  for (const shard of shards) if (shard.evidence) groups.set(fact(shard.evidence), [...(groups.get(fact(shard.evidence)) ?? []), shard]);
  if (groups.size <= 1) return;
  const list = [...groups.values()]
    .map((g) => `${g.map((s) => s.label).join(", ")}${show && g[0]?.evidence ? ` (${show(g[0].evidence)})` : ""}`)
    .join(" vs ");
  refuse(
    `the folders were not written by one run: their ${what} differ: ${list}. Merge the shards of one run, all run from the same checkout`,
  );
}

/** Copies each folder's blob into the merge's own folder (Playwright merges one folder of zips and unpacks into it): staged path → folder. */
export function stageBlobs(shards: readonly ShardFolder[], dir: string): Map<string, ShardFolder> {
  const staged = new Map<string, ShardFolder>();
  shards.forEach((shard, i) => {
    const target = join(dir, `${String(i + 1).padStart(3, "0")}-${basename(shard.blob)}`);
    copyFileSync(shard.blob, target);
    staged.set(target, shard);
  });
  return staged;
}

type ShardNumber = { current: number; total: number } | null;
const shardText = (r: { shard: ShardNumber }) => (r.shard ? `${r.shard.current}/${r.shard.total}` : null);

/** One split (--shard i/n with one n), each shard once, none missing; unsharded reports (the guarded job) may join. */
function checkShards(reports: readonly { label: string; shard: ShardNumber }[]): void {
  const sharded = reports.filter((r) => r.shard);
  const totals = [...new Set(sharded.map((r) => r.shard?.total))];
  if (totals.length > 1)
    refuse(
      `the folders are shards of different splits (${sharded.map((r) => `${r.label}: ${shardText(r)}`).join(", ")}): merge the shards of one run, all with the same --shard i/n count`,
    );
  const total = totals[0];
  if (total === undefined) return;
  for (let i = 1; i <= total; i++) {
    const holders = sharded.filter((r) => r.shard?.current === i);
    if (holders.length > 1)
      refuse(`shard ${i}/${total} is in ${holders.map((r) => r.label).join(" and ")}: name each shard's folder once, from one run`);
    if (holders.length === 0)
      refuse(
        `shard ${i}/${total} is missing (found ${sharded.map((r) => `${shardText(r)} in ${r.label}`).join(", ")}): name every shard's folder; a run without it did not run all its scenarios`,
      );
  }
}

/** "1/4" as the evidence writes it. */
function parseShard(text: string | null | undefined): ShardNumber {
  const match = /^(\d+)\/(\d+)$/.exec(text ?? "");
  return match ? { current: Number(match[1]), total: Number(match[2]) } : null;
}

/**
 * The census says the reports are one run: one Playwright, one shard count, each shard once
 * and none missing, and no test run by two of them. Unsharded reports (the guarded job) may
 * join the shards. Returns the copies of tests that other copies replace.
 */
export function checkCensus(census: Census, staged: ReadonlyMap<string, ShardFolder>): DroppedCopy[] {
  const folder = (r: CensusReport) => staged.get(r.reportPath)?.label ?? r.reportPath;
  for (const shard of staged.values())
    if (!census.reports.some((r) => staged.get(r.reportPath) === shard))
      refuse(`${shard.label}: Playwright's merge found no report in its blob (${basename(shard.blob)}); re-run that shard`);
  const versions = new Map<string, string[]>();
  for (const r of census.reports) versions.set(r.playwrightVersion, [...(versions.get(r.playwrightVersion) ?? []), folder(r)]);
  if (versions.size > 1)
    refuse(
      `the folders were run with different Playwright versions (${[...versions].map(([v, f]) => `${v}: ${f.join(", ")}`).join("; ")}): merge the shards of one run, installed from one lockfile`,
    );
  checkShards(census.reports.map((r) => ({ label: folder(r), shard: r.shard })));
  const fold = foldCopies(census);
  if (fold.ranTwice.length) {
    const shown = fold.ranTwice
      .slice(0, 3)
      .map((t) => `"${t.title}" in ${t.reportPaths.map((p) => staged.get(p)?.label ?? p).join(" and ")}`)
      .join("; ");
    refuse(
      `${fold.ranTwice.length} test(s) ran in more than one folder (${shown}${fold.ranTwice.length > 3 ? "; …" : ""}): these are not shards of one run; merge the shards of one run (and its guarded job)`,
    );
  }
  return fold.drop;
}

/** The shards' facts and each report's span, for the merged evidence. */
export function mergedRun(census: Census, staged: ReadonlyMap<string, ShardFolder>): MergedRun {
  const evidences = [...staged.values()].flatMap((s) => (s.evidence ? [s.evidence] : []));
  const first = evidences[0];
  // No folder had evidence (no shard ran a scenario): this checkout's harness and suites; the merge reads no targets file.
  const local = first ? undefined : localRunFacts();
  const targets = new Map<string, TargetFacts>();
  // The shards share one targets file (checked above), so its deviations too: the merge judges them over the whole run.
  for (const e of evidences)
    for (const { name, vendor, baseUrl, kind, tlsVerified, deviations } of e.targets)
      if (!targets.has(name))
        targets.set(name, { name, vendor, baseUrl, kind, tlsVerified, ...(deviations?.length ? { deviations } : {}) });
  return {
    facts: {
      harness: first?.harness ?? (local as RunFacts).harness,
      scenarioFiles: first?.scenarioFiles ?? (local as RunFacts).scenarioFiles,
      targets: [...targets.values()],
      targetsFileSha256: first ? (first.targetsFileSha256 ?? null) : (local as RunFacts).targetsFileSha256,
    },
    // The shards in order, then unsharded reports (the guarded job, which runs after them).
    reports: [...census.reports]
      .sort((a, b) => (a.shard?.current ?? Number.MAX_SAFE_INTEGER) - (b.shard?.current ?? Number.MAX_SAFE_INTEGER))
      .map((r) => {
        const shard = staged.get(r.reportPath);
        return {
          folder: shard?.label ?? r.reportPath,
          shard: shardText(r),
          startedAt: new Date(r.startTime).toISOString(),
          endedAt: new Date(r.startTime + r.duration).toISOString(),
          leftOpen: Object.fromEntries((shard?.evidence?.sessions ?? []).map((s) => [s.target, s.leftOpen])),
        };
      }),
  };
}
