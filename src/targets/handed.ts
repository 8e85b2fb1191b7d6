import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { loadDriver, loadDrivers } from "../vendors/registry.ts";
import { resolveEntries } from "./resolve.ts";
import type { TargetEntry } from "./schema.ts";
import type { ResolvedTarget } from "./types.ts";

/**
 * A targets file is read and checked once per run, not once per process. `sessionprobe run` checks it
 * before anything starts, Playwright's runner evaluates the config (which needs the targets), and then
 * every worker evaluates the config again and opens its target: each of them parsed the YAML and compiled
 * the schema's validator, ≈ 0.3 s of a core per worker process, at the moment all the workers start
 * together on the same cores (docs/performance.md, "Nightly runs").
 *
 * So the process that checked the file leaves its entries in the environment its children inherit, under
 * its own pid and the digest of the text it checked, and a child takes them from there when the file
 * still has that text; anything else (another file, a changed file, no parent's hand) is read and checked
 * as before. The entries hold no secret: a checked file has none (credentials, proxy passwords and the
 * TLS passphrase are only ever `${env:NAME}`, src/targets/load.ts refuses literals); each process
 * resolves them from its own environment, which registers the secrets for redaction there.
 */
export const CHECKED_TARGETS_ENV = "SESSIONPROBE_CHECKED_TARGETS";

interface Handed {
  file: string;
  digest: string;
  entries: TargetEntry[];
}

/** A target's name and vendor: all the config needs in a worker, to name its projects. */
export interface TargetIdentity {
  name: string;
  vendor: string;
}

const digestOf = (text: string) => createHash("sha256").update(text).digest("hex");

/** Leaves a checked file's entries for this process's children (`source`: the text that was checked). */
export function handTargets(path: string, entries: readonly TargetEntry[], source: string, env: NodeJS.ProcessEnv = process.env): void {
  const handed: Handed = { file: resolve(path), digest: digestOf(source), entries: [...entries] };
  env[CHECKED_TARGETS_ENV] = `${process.pid}:${JSON.stringify(handed)}`;
}

/** The hand this process or its parent left for `path` (and its text, to hand on), when the file still holds what it checked. */
function handFor(path: string, env: NodeJS.ProcessEnv): { entries: TargetEntry[]; json: string } | undefined {
  const value = env[CHECKED_TARGETS_ENV];
  const at = value?.indexOf(":") ?? -1;
  if (!value || at <= 0 || ![process.pid, process.ppid].includes(Number(value.slice(0, at)))) return undefined;
  try {
    const json = value.slice(at + 1);
    const handed = JSON.parse(json) as Handed;
    if (handed.file !== resolve(path) || handed.digest !== digestOf(readFileSync(path, "utf8"))) return undefined;
    return { entries: handed.entries, json };
  } catch {
    // Unreadable now, or not ours: the full read reports it, located.
    return undefined;
  }
}

/** The entries this process or its parent checked for `path`, when the file still holds the text they came from. */
export function handedTargets(path: string, env: NodeJS.ProcessEnv = process.env): TargetEntry[] | undefined {
  return handFor(path, env)?.entries;
}

/**
 * Hands the entries on to this process's children: the CLI to the runner, the runner to its workers. Not a worker:
 * Playwright carries what a worker sets in its environment over to the workers of the projects that run after it
 * (the guarded ones), which would find a hand from no parent of theirs and read the whole file again.
 */
function handOn(path: string, entries: readonly TargetEntry[], source: string, env: NodeJS.ProcessEnv): void {
  if (env.TEST_WORKER_INDEX === undefined) handTargets(path, entries, source, env);
}

/** A parent's hand passed on as it is, under this process's pid (not by a worker: see handOn). */
function handOnAsIs(json: string, env: NodeJS.ProcessEnv): void {
  if (env.TEST_WORKER_INDEX === undefined) env[CHECKED_TARGETS_ENV] = `${process.pid}:${json}`;
}

/** Reads and checks the file (every vendor's driver loaded: the options are checked against them), and hands its entries on. */
export async function checkTargets(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedTarget[]> {
  const [{ loadTargets }] = await Promise.all([import("./load.ts"), loadDrivers()]);
  return loadTargets(path, env, (entries, source) => handOn(path, entries, source, env));
}

/** Handed entries resolved here, with the drivers of their vendors only; undefined on any problem (the caller reads the file). */
async function resolveHanded(path: string, entries: readonly TargetEntry[], env: NodeJS.ProcessEnv): Promise<ResolvedTarget[] | undefined> {
  await Promise.all([...new Set(entries.map((e) => e.vendor))].map((vendor) => loadDriver(vendor)));
  const { targets, problems } = resolveEntries(entries, { env, baseDir: dirname(path), where: (p) => `${path} ${p.join(".")}` });
  return problems.length ? undefined : targets;
}

/**
 * The targets of a run, for the Playwright config: their names and vendors at once (a worker needs no
 * more), and all of them resolved on demand (the runner plans the run with them). Taken from the
 * parent's hand when there is one, and handed on to this process's children either way.
 */
export async function targetsOfRun(
  path: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ targets: TargetIdentity[]; resolved: () => Promise<ResolvedTarget[]> }> {
  const hand = handFor(path, env);
  if (!hand) {
    const checked = await checkTargets(path, env);
    return { targets: checked, resolved: async () => checked };
  }
  handOnAsIs(hand.json, env);
  const { entries } = hand;
  return {
    targets: entries.map(({ name, vendor }) => ({ name, vendor })),
    resolved: async () => (await resolveHanded(path, entries, env)) ?? checkTargets(path, env),
  };
}

/** Every target of the run, resolved: what the runner's reporters describe at the end. */
export async function resolvedTargetsOfRun(path: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedTarget[]> {
  return (await targetsOfRun(path, env)).resolved();
}

/** One target of the run, resolved, for a worker's connection: from the hand with its vendor's driver alone, or from the file. */
export async function targetOfRun(path: string, name: string, env: NodeJS.ProcessEnv = process.env): Promise<ResolvedTarget | undefined> {
  const entry = handedTargets(path, env)?.find((e) => e.name === name);
  const resolved = entry && (await resolveHanded(path, [entry], env));
  return (resolved ?? (await checkTargets(path, env))).find((t) => t.name === name);
}
