import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { findSuiteFiles } from "../scenario/discover.ts";
import { loadTargets } from "../targets/load.ts";
import type { ScenarioRecord, ServiceSummary } from "./summary-model.ts";

const ROOT = join(import.meta.dirname, "..", "..");

function harnessCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "HEAD"], { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "unknown (not a git checkout)";
  }
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

/**
 * What a release manager signs off on: which harness (version, commit), against
 * what (targets without secrets, server versions, a hash of every scenario file),
 * what came out (per-service counts, skips with reasons), when, and sessions left.
 */
export function buildEvidence(input: {
  records: readonly ScenarioRecord[];
  services: readonly ServiceSummary[];
  startedAt: number;
  endedAt: number;
  openAtEnd: Map<string, number>;
}) {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { name: string; version: string };
  const targetsFile = process.env.SESSIONPROBE_TARGETS;
  const declared = targetsFile ? loadTargets(targetsFile) : [];
  const names = [...new Set(input.records.map((r) => r.target))];
  return {
    harness: { name: pkg.name, version: pkg.version, commit: harnessCommit() },
    startedAt: new Date(input.startedAt).toISOString(),
    endedAt: new Date(input.endedAt).toISOString(),
    targets: names.map((name) => {
      const t = declared.find((d) => d.name === name);
      const versions = [
        ...new Set(
          input.records
            .filter((r) => r.target === name)
            .map((r) => r.serverVersion)
            .filter(Boolean),
        ),
      ];
      return t
        ? { name, vendor: t.vendor, baseUrl: t.baseUrl, kind: "real", tlsVerified: !t.tls.insecure, serverVersions: versions }
        : {
            name,
            vendor: name,
            baseUrl: "built-in mock (in-process, virtual clock)",
            kind: "mock",
            tlsVerified: true,
            serverVersions: versions,
          };
    }),
    scenarioFiles: findSuiteFiles().map((path) => ({
      path: relative(ROOT, path),
      sha256: createHash("sha256").update(readFileSync(path)).digest("hex"),
    })),
    services: input.services.map((s) => ({
      target: s.target,
      service: s.service,
      passed: s.ids.passed,
      failed: s.ids.failed,
      observed: s.ids.observed,
      skipped: s.ids.skipped,
      skippedScenarios: input.records
        .filter((r) => r.target === s.target && r.service === s.service && r.status === "skipped")
        .map((r) => ({ ids: r.covers, reason: r.skipReason ?? "skipped" })),
      scenarios: s.scenarios,
      // Passed on a retry after a failed attempt: counted once, as passed, and named here.
      flaky: input.records
        .filter((r) => r.target === s.target && r.service === s.service && r.flaky)
        .map((r) => ({ ids: r.covers, title: r.title, attempts: r.attempts })),
    })),
    sessions: names.map((name) => ({
      target: name,
      closedInTeardown: input.records.filter((r) => r.target === name).reduce((n, r) => n + r.closedInTeardown, 0),
      leftOpen: input.openAtEnd.get(name) ?? null,
    })),
    realTimeWaits: waitStats(input.records, input.endedAt - input.startedAt),
  };
}
