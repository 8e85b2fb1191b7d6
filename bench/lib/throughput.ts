import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { Pool } from "undici";

export interface ThroughputResult {
  cyclesPerSecond: number;
  cycles: number;
  errors: number;
  /** Server CPU (user + system) per cycle, ms, from /proc/<pid>/stat. */
  serverCpuMsPerCycle: number;
}

const ticks = 100; // USER_HZ on Linux

function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15; fields[0] is field 3.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
}

/**
 * Login → use → logout cycles against one server, `concurrency` virtual users in a
 * loop on a keep-alive undici Pool of as many connections; counts completed cycles
 * during `measureMs` after `warmupMs`.
 */
export async function measureThroughput(options: {
  url: string;
  serverPid: number;
  concurrency: number;
  warmupMs: number;
  measureMs: number;
  username: string;
  password: string;
}): Promise<ThroughputResult> {
  const pool = new Pool(options.url, { connections: options.concurrency, pipelining: 1 });
  const loginBody = JSON.stringify({ username: options.username, password: options.password });
  let measuring = false;
  let stop = false;
  let cycles = 0;
  let errors = 0;
  const cycle = async (): Promise<boolean> => {
    const login = await pool.request({
      method: "POST",
      path: "/session/login",
      headers: { "content-type": "application/json" },
      body: loginBody,
    });
    const { token } = (await login.body.json()) as { token?: string };
    if (login.statusCode !== 200 || !token) return false;
    const authorization = `Bearer ${token}`;
    const servers = await pool.request({ method: "GET", path: "/config/servers", headers: { authorization } });
    await servers.body.arrayBuffer();
    const logout = await pool.request({ method: "POST", path: "/session/logout", headers: { authorization } });
    await logout.body.arrayBuffer();
    return servers.statusCode === 200 && logout.statusCode === 200;
  };
  const user = async () => {
    while (!stop) {
      const ok = await cycle().catch(() => false);
      if (!measuring) continue;
      if (ok) cycles++;
      else errors++;
    }
  };
  const users = Array.from({ length: options.concurrency }, user);
  await new Promise((resolve) => setTimeout(resolve, options.warmupMs));
  const cpuBefore = cpuMs(options.serverPid);
  const started = performance.now();
  measuring = true;
  await new Promise((resolve) => setTimeout(resolve, options.measureMs));
  measuring = false;
  const elapsed = performance.now() - started;
  const cpuAfter = cpuMs(options.serverPid);
  const counted = cycles;
  stop = true;
  await Promise.all(users);
  await pool.close();
  return {
    cyclesPerSecond: (counted * 1000) / elapsed,
    cycles: counted,
    errors,
    serverCpuMsPerCycle: counted ? (cpuAfter - cpuBefore) / counted : Number.NaN,
  };
}
