import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve } from "node:path";
import { deserialize, serialize } from "node:v8";
import { teamBehavioursText } from "../catalogue/behaviours.ts";
import { cacheEnabled, cacheFolder } from "../cache/user-cache.ts";

/**
 * Loaded scenario files kept between runs, one entry per file, keyed by everything the
 * result depends on: the file's path and text, the working directory (paths are told
 * relative to it), and the loader itself — the text of every module it imports (schema,
 * semantic checks, the behaviour catalogue, the drivers' verbs), the response-schema file
 * names it checks references against, and the YAML and JSON Schema libraries' versions.
 * Edit any of them and the entries stop matching; nothing stale is ever served. Only a
 * file that loaded without a problem is kept: a file with problems is read again, so its
 * problems are told every time.
 *
 * Parsing YAML is most of collection's cost (the `yaml` parser keeps every node's
 * position, which the located errors and the reports' step locations need): with the
 * files unchanged, a run reads the entries instead. The entries are in the `collection/`
 * part of sessionprobe's cache folder (src/cache/user-cache.ts: where, whose, how to turn it off).
 */
const FORMAT = "sessionprobe-loaded-file/2";
// load.js where the package runs compiled (dist/).
const LOADER_ENTRY = join(import.meta.dirname, `load${extname(import.meta.filename)}`);
const SCHEMA_DIR = join(import.meta.dirname, "..", "..", "fixtures", "schemas");
const require = createRequire(import.meta.url);
const RELATIVE_IMPORT = /(?:^|\n)\s*(?:import|export)[^"'`;]*?from\s*["'](\.{1,2}\/[^"']+)["']|import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** Every module the loader imports, found by following its relative imports from load.ts. */
export function loaderModules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const match of text.matchAll(RELATIVE_IMPORT)) visit(resolve(dirname(file), (match[1] ?? match[2]) as string));
  };
  visit(LOADER_ENTRY);
  return [...seen].sort();
}

function schemaNames(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
  } catch {
    return [];
  }
}

function libraryVersion(name: string): string {
  try {
    return (require(`${name}/package.json`) as { version?: string }).version ?? "?";
  } catch {
    return "?";
  }
}

let fingerprint: string | undefined;

/** What the loader is, as a hash: computed once per process (about 45 small files read). */
export function loaderFingerprint(): string {
  if (fingerprint) return fingerprint;
  const hash = createHash("sha256").update(`${FORMAT}\0`);
  for (const file of loaderModules()) hash.update(`${file}\0`).update(readFileSync(file)).update("\0");
  hash.update(schemaNames(SCHEMA_DIR).join("\0"));
  hash.update(`\0yaml@${libraryVersion("yaml")}\0ajv@${libraryVersion("ajv")}`);
  fingerprint = hash.digest("hex");
  return fingerprint;
}

export function entryKey(path: string, text: string, cwd: string): string {
  // A team's behaviours file changes which covers: ids are known, as the catalogue module does.
  return createHash("sha256").update(`${loaderFingerprint()}\0${teamBehavioursText()}\0${cwd}\0${path}\0`).update(text).digest("hex");
}

interface Entry<T> {
  format: typeof FORMAT;
  key: string;
  value: T;
}

/** The kept result for this key, or undefined (none, unreadable, or not this key's). */
export function readEntry<T>(key: string): T | undefined {
  if (!cacheEnabled()) return undefined;
  try {
    const dir = cacheFolder("collection");
    if (!dir) return undefined;
    const entry = deserialize(readFileSync(join(dir, key.slice(0, 2), `${key}.bin`))) as Entry<T>;
    return entry.format === FORMAT && entry.key === key ? entry.value : undefined;
  } catch {
    return undefined;
  }
}

const pending = new Set<Promise<void>>();
const madeDirs = new Set<string>();

/**
 * Keeps a result, in the background: the runner goes on (its workers start) while the
 * entries are written — on a slow disk, creating a thousand small files took longer than
 * parsing them. A folder that cannot be written only means the next run parses again.
 */
export function writeEntry<T>(key: string, value: T): void {
  if (!cacheEnabled()) return;
  const root = cacheFolder("collection");
  if (!root) return;
  const dir = join(root, key.slice(0, 2));
  const data = serialize({ format: FORMAT, key, value } satisfies Entry<T>);
  const write = (async () => {
    if (!madeDirs.has(dir)) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      madeDirs.add(dir);
    }
    // Written aside and renamed: two runs filling the cache at once never read half an entry.
    const temporary = join(dir, `${key}.${process.pid}.tmp`);
    await writeFile(temporary, data);
    await rename(temporary, join(dir, `${key}.bin`));
  })().catch(() => {
    // Read-only or full temp dir: collection still works, uncached.
  });
  pending.add(write);
  void write.finally(() => pending.delete(write));
}

/** Every entry this process has started to write, written (tests; a process that ends waits for them anyway). */
export async function cacheWritesDone(): Promise<void> {
  while (pending.size) await Promise.all([...pending]);
}
