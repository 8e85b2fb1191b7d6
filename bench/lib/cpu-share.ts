import { readFileSync } from "node:fs";

/**
 * How much CPU other work took while the bench ran. The load average says the machine
 * was busy, not with what: on a shared machine another person's processes (in another
 * PID namespace, invisible to ps) compete with the measured ones. Busy time of the whole
 * machine (/proc/stat) minus the bench's own and its reaped descendants' (/proc/self/stat)
 * is what the rest of the machine used.
 */
const TICKS_PER_SECOND = 100; // USER_HZ on Linux

export interface CpuMark {
  machineBusyTicks: number;
  ownTicks: number;
  atMs: number;
}

function machineBusyTicks(): number {
  const [, ...fields] = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/);
  // user nice system idle iowait irq softirq steal: busy is everything but idle, iowait and steal.
  const [user, nice, system, , , irq, softirq] = fields.map(Number);
  return (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0);
}

/** utime + stime + cutime + cstime of a process: itself and every descendant it (and they) waited for. */
function processTicks(pid: number | "self"): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return 0; // exited: once reaped, its time is in its parent's cutime
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3: utime..cstime are fields 14–17.
  return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i] ?? 0), 0);
}

/** `running`: the bench's long-lived children (the standalone servers), not yet reaped, so not yet in its cutime. */
export function cpuMark(running: readonly number[] = []): CpuMark {
  const ownTicks = running.reduce((sum, pid) => sum + processTicks(pid), processTicks("self"));
  return { machineBusyTicks: machineBusyTicks(), ownTicks, atMs: performance.now() };
}

/** Core-seconds of CPU used by everything but the bench between two marks, and as a share of the machine's cores. */
export function othersCpu(from: CpuMark, to: CpuMark, cores: number): { coreSeconds: number; share: number } {
  const others = to.machineBusyTicks - from.machineBusyTicks - (to.ownTicks - from.ownTicks);
  const coreSeconds = Math.max(0, others) / TICKS_PER_SECOND;
  const wallSeconds = (to.atMs - from.atMs) / 1000;
  return { coreSeconds, share: wallSeconds > 0 ? coreSeconds / (wallSeconds * cores) : Number.NaN };
}
