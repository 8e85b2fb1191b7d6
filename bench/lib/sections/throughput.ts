import { inOrder, MOCK_USER } from "../context.ts";
import type { Server } from "../proc.ts";
import { type SectionReport, verdict } from "../report.ts";
import { cell, median, PER_SECOND, RATIO } from "../stats.ts";
import { measureThroughput, type ThroughputResult } from "../throughput.ts";

const RATIO_GOAL = 0.8;
const CONCURRENCY = 8;
/**
 * Traffic each server gets right before its measured second, in every round, the same for both.
 * Between rounds the servers idle for a minute or more while the other sections run, and after
 * ≈ 100 s of idling the mock's first second is ≈ 3× slower and needs ≈ 2 s of traffic to recover
 * (measured: 2,138 cycles/s before a 100 s pause, 578 / 1,448 / 2,149 / 2,396 in the seconds after;
 * with V8's bytecode flushing off as well, so it is not that; a 45 s pause did not do it). The
 * bare server, a few functions, recovers at once. The row is the servers' steady throughput.
 */
const WARMUP_MS = 2000;
const MEASURE_MS = 1000;
/** Traffic a fresh server gets before any round: the mock needs ≈ 3 s before V8 has optimised its hot paths. */
export const SETTLE_MS = { mock: 3000, bare: 1000 };

export interface ThroughputSample {
  ok: boolean;
  mock: ThroughputResult;
  bare: ThroughputResult;
}

export interface ColdThroughput {
  mock: ThroughputResult;
  bare: ThroughputResult;
}

const base = (server: Server) => ({ url: server.url, serverPid: server.pid, concurrency: CONCURRENCY, ...MOCK_USER });

/** The first second of traffic on a fresh server (reported), then enough more for the JIT to settle. */
async function warmUp(server: Server, settleMs: number): Promise<ThroughputResult> {
  const cold = await measureThroughput({ ...base(server), warmupMs: 0, measureMs: 1000 });
  await measureThroughput({ ...base(server), warmupMs: settleMs, measureMs: 0 });
  return cold;
}

export async function warmUpThroughput(mock: Server, bare: Server): Promise<ColdThroughput> {
  return { mock: await warmUp(mock, SETTLE_MS.mock), bare: await warmUp(bare, SETTLE_MS.bare) };
}

export async function measureThroughputRound(round: number, mock: Server, bare: Server, failures: string[]): Promise<ThroughputSample> {
  const measure = (server: Server) => () => measureThroughput({ ...base(server), warmupMs: WARMUP_MS, measureMs: MEASURE_MS });
  const [m, b] = await inOrder(round, measure(mock), measure(bare));
  const ok = m.errors === 0 && b.errors === 0 && m.cycles > 0 && b.cycles > 0;
  if (!ok) failures.push(`throughput: errors (mock ${m.errors}, bare ${b.errors}) or no cycles (mock ${m.cycles}, bare ${b.cycles})`);
  return { ok, mock: m, bare: b };
}

export function reportThroughput(t: readonly ThroughputSample[], cold: ColdThroughput | undefined, cores: string): SectionReport {
  const ok = t.length > 0 && t.every((s) => s.ok);
  const ratios = t.map((s) => s.mock.cyclesPerSecond / s.bare.cyclesPerSecond);
  const cpu = { digits: (ms: number) => ms.toFixed(3), suffix: " ms" };
  return {
    rows: [
      {
        n: "4",
        what: `Mock throughput: login → use → logout cycles/s over HTTP (undici Pool, ${CONCURRENCY} concurrent, ${MEASURE_MS / 1000} s after ${WARMUP_MS} ms warm-up), standalone servers`,
        runs: String(t.length),
        sessionprobe: cell(
          t.map((s) => s.mock.cyclesPerSecond),
          PER_SECOND,
        ),
        baseline: `bare node:http ${cell(
          t.map((s) => s.bare.cyclesPerSecond),
          PER_SECOND,
        )}`,
        ratio: cell(ratios, RATIO),
        goal: `≥ ${RATIO_GOAL}`,
        verdict: verdict(ok, median(ratios) >= RATIO_GOAL),
      },
    ],
    details: [
      `**4. Throughput**: server CPU per cycle (user + system from /proc/<pid>/stat) mock ${cell(
        t.map((s) => s.mock.serverCpuMsPerCycle),
        cpu,
      )} vs bare ${cell(
        t.map((s) => s.bare.serverCpuMsPerCycle),
        cpu,
      )} (${cell(
        t.map((s) => s.mock.serverCpuMsPerCycle / s.bare.serverCpuMsPerCycle),
        RATIO,
      )}×). Client and server share the ${cores} cores, so the bare server's cycles/s is partly bounded by the client: the CPU figure is the fairer one. ` +
        (cold
          ? `Measured after a warm-up: in its first second a fresh mock served ${cold.mock.cyclesPerSecond.toFixed(0)} cycles/s (${cold.mock.serverCpuMsPerCycle.toFixed(3)} ms CPU each), the bare server ${cold.bare.cyclesPerSecond.toFixed(0)}/s; the mock then gets ${SETTLE_MS.mock / 1000} s more of traffic (the bare server ${SETTLE_MS.bare / 1000} s) before the first round, the time V8 needs to optimise its hot paths.`
          : ""),
    ],
  };
}
