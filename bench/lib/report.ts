import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

/** One row of the results table; every figure cell is `median (min–max)` over the rounds in `runs`. */
export interface Row {
  n: string;
  what: string;
  runs: string;
  sessionprobe: string;
  baseline: string;
  ratio: string;
  goal: string;
  verdict: string;
}

/** What a section adds to the report: table rows, a paragraph of breakdown, and lines that belong under the table. */
export interface SectionReport {
  rows: Row[];
  details: string[];
  /** A table of its own (the growth rows), printed after the main table. */
  extraTable?: string;
}

/** The verdict on the median: a failed run says nothing about the goal. */
export function verdict(ok: boolean, met: boolean): string {
  if (!ok) return "FAILED (see errors)";
  return met ? "met" : "**missed**";
}

export function renderTable(rows: readonly Row[]): string {
  return [
    "| # | measurement | N | sessionprobe | baseline | ratio | goal | result |",
    "|---|---|---|---|---|---|---|---|",
    ...rows.map((r) => `| ${r.n} | ${r.what} | ${r.runs} | ${r.sessionprobe} | ${r.baseline} | ${r.ratio} | ${r.goal} | ${r.verdict} |`),
  ].join("\n");
}

export interface Machine {
  date: string;
  cores: string;
  memory: string;
  node: string;
  cpu: string;
  load: string;
}

export function machine(): Machine {
  return {
    date: execFileSync("date", [], { encoding: "utf8" }).trim(),
    cores: execFileSync("nproc", [], { encoding: "utf8" }).trim(),
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    load: loadavg()
      .map((l) => l.toFixed(2))
      .join(" / "),
  };
}
