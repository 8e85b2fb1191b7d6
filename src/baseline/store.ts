import { existsSync } from "node:fs";
import { join } from "node:path";
import { readRecord, writeJson } from "../observe/record-file.ts";
import type { TargetRecord } from "../observe/types.ts";

/** Where the team's committed baselines live: SESSIONPROBE_BASELINES, default baselines/. */
export function baselinesDir(): string {
  return process.env.SESSIONPROBE_BASELINES ?? "baselines";
}

export function baselinePath(target: string, dir = baselinesDir()): string {
  return join(dir, `${target}.json`);
}

export function saveBaseline(record: TargetRecord, path: string): void {
  writeJson(path, record);
}

export function loadBaseline(path: string): TargetRecord | undefined {
  return existsSync(path) ? readRecord(path) : undefined;
}
