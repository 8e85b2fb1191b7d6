import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

/** One line of a child's stdout, with the time it arrived (ms since the spawn). */
export interface TimedLine {
  atMs: number;
  text: string;
}

export interface CommandResult {
  code: number;
  wallMs: number;
  stdout: string;
  stderr: string;
  lines: TimedLine[];
  /** Largest sum of RSS over the whole process tree seen in one sample (bytes). */
  peakTreeRss?: number;
  /** Largest RSS of any single process of the tree (what /usr/bin/time -v reports as max RSS). */
  peakProcessRss?: number;
  /** Most processes alive in the tree at once. */
  peakProcesses?: number;
  /** The tree at its peak, by role (what each kind of process held then): where the memory goes. */
  peakByRole?: Record<string, { count: number; bytes: number }>;
}

/** What a process of the tree is, from its command line: the bench's own vocabulary. */
export function processRole(cmdline: string): string {
  if (/allure-report\.mjs|allure\b.*generate/.test(cmdline)) return "allure";
  if (/npm-cli\.js|\bnpm\b/.test(cmdline)) return "npm";
  if (/bin\/sessionprobe\.mjs/.test(cmdline)) return "cli";
  if (/playwright\/cli\.js|@playwright\/test\/cli\.js/.test(cmdline) || /\bplaywright test\b/.test(cmdline)) return "runner";
  if (/playwright/.test(cmdline)) return "worker";
  return "other";
}

function cmdlineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}

export interface CommandOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Sample the RSS of the process tree every `sampleEveryMs` (default: no sampling). */
  sampleEveryMs?: number;
  timeoutMs?: number;
}

let pageSize = 4096;
try {
  pageSize = Number(execFileSync("getconf", ["PAGESIZE"], { encoding: "utf8" }).trim()) || 4096;
} catch {
  // keep 4096
}

interface ProcEntry {
  ppid: number;
  rssBytes: number;
}

/** Every process on the machine: parent and RSS, from /proc/<pid>/stat. */
function processTable(): Map<number, ProcEntry> {
  const table = new Map<number, ProcEntry>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // gone between readdir and read
    }
    // comm may hold spaces and parentheses: the fields that follow start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // fields[0] is field 3 (state): ppid is field 4, rss (pages) field 24.
    table.set(Number(name), { ppid: Number(fields[1]), rssBytes: Number(fields[21]) * pageSize });
  }
  return table;
}

/** RSS of `root` and every descendant: summed, the largest single one, how many, and (when asked) by role. */
export function treeRss(
  root: number,
  byRole = false,
): { sum: number; max: number; count: number; roles?: Record<string, { count: number; bytes: number }> } {
  const table = processTable();
  const children = new Map<number, number[]>();
  for (const [pid, entry] of table) {
    const list = children.get(entry.ppid) ?? [];
    list.push(pid);
    children.set(entry.ppid, list);
  }
  let sum = 0;
  let max = 0;
  let count = 0;
  const roles: Record<string, { count: number; bytes: number }> = {};
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop() as number;
    const entry = table.get(pid);
    if (!entry) continue;
    sum += entry.rssBytes;
    max = Math.max(max, entry.rssBytes);
    count++;
    if (byRole) {
      const role = processRole(cmdlineOf(pid));
      const r = roles[role] ?? { count: 0, bytes: 0 };
      r.count++;
      r.bytes += entry.rssBytes;
      roles[role] = r;
    }
    queue.push(...(children.get(pid) ?? []));
  }
  return byRole ? { sum, max, count, roles } : { sum, max, count };
}

/** Runs a command to its end; wall time by performance.now(), optionally the process tree's memory. */
export function runCommand(command: string, args: readonly string[], options: CommandOptions = {}): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    const out: string[] = [];
    const err: string[] = [];
    const lines: TimedLine[] = [];
    let partial = "";
    child.stdout.setEncoding("utf8");
    child.stderr.setEncoding("utf8");
    child.stdout.on("data", (chunk: string) => {
      const atMs = performance.now() - started;
      out.push(chunk);
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const text of parts) lines.push({ atMs, text });
    });
    child.stderr.on("data", (chunk: string) => err.push(chunk));
    let peakTreeRss = 0;
    let peakProcessRss = 0;
    let peakProcesses = 0;
    let peakByRole: Record<string, { count: number; bytes: number }> = {};
    const sample = () => {
      if (child.pid === undefined) return;
      const { sum, max, count, roles } = treeRss(child.pid, true);
      if (sum > peakTreeRss) peakByRole = roles ?? {};
      peakTreeRss = Math.max(peakTreeRss, sum);
      peakProcessRss = Math.max(peakProcessRss, max);
      peakProcesses = Math.max(peakProcesses, count);
    };
    const sampler = options.sampleEveryMs ? setInterval(sample, options.sampleEveryMs) : undefined;
    const timer = options.timeoutMs
      ? setTimeout(() => {
          child.kill("SIGTERM");
        }, options.timeoutMs)
      : undefined;
    child.once("error", (error) => {
      if (sampler) clearInterval(sampler);
      if (timer) clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code, signal) => {
      const wallMs = performance.now() - started;
      if (sampler) clearInterval(sampler);
      if (timer) clearTimeout(timer);
      if (partial) lines.push({ atMs: wallMs, text: partial });
      const result: CommandResult = { code: code ?? (signal ? 128 : 0), wallMs, stdout: out.join(""), stderr: err.join(""), lines };
      if (options.sampleEveryMs) Object.assign(result, { peakTreeRss, peakProcessRss, peakProcesses, peakByRole });
      resolve(result);
    });
  });
}

/** A long-running child (a standalone mock): started, its first URL read from stdout, stopped by its pid. */
export interface Server {
  url: string;
  pid: number;
  stop(): Promise<void>;
}

export function startServer(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; readyPattern: RegExp; timeoutMs?: number },
): Promise<Server> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    let errors = "";
    const timer = setTimeout(() => {
      child.kill("SIGTERM");
      reject(new Error(`${command} ${args.join(" ")} did not start within ${options.timeoutMs ?? 20_000} ms:\n${seen}\n${errors}`));
    }, options.timeoutMs ?? 20_000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      errors += chunk;
    });
    child.stdout.setEncoding("utf8");
    const onData = (chunk: string) => {
      seen += chunk;
      const match = seen.match(options.readyPattern);
      if (!match?.[1] || child.pid === undefined) return;
      clearTimeout(timer);
      child.stdout.off("data", onData);
      child.stdout.resume(); // keep draining, never block the server on a full pipe
      const pid = child.pid;
      const exited = new Promise<void>((done) => child.once("exit", () => done()));
      resolve({
        url: match[1],
        pid,
        stop: async () => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    };
    child.stdout.on("data", onData);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(" ")} exited (${code}) before it was ready:\n${seen}\n${errors}`));
    });
  });
}
