import { lstatSync, mkdirSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join, resolve } from "node:path";

/**
 * sessionprobe's cache folder, which only makes runs faster (nothing in it is ever needed): loaded scenario files
 * (`collection/`, src/scenario/collection-cache.ts) and the code Node compiled (`compiled-code/`,
 * src/cache/compiled-code.ts). SESSIONPROBE_CACHE_DIR moves it (a CI cache can keep it between jobs); the default
 * is a per-user folder under the temp dir; SESSIONPROBE_CACHE=off turns both off.
 */
export const CACHE_DIR_ENV = "SESSIONPROBE_CACHE_DIR";
export const CACHE_ENV = "SESSIONPROBE_CACHE";

export type CachePart = "collection" | "compiled-code";

export const cacheEnabled = (env: NodeJS.ProcessEnv = process.env): boolean => env[CACHE_ENV] !== "off";

let defaultRoot: string | undefined;

/** The cache's root: the user's SESSIONPROBE_CACHE_DIR, else a per-user folder under the temp dir (looked up once per process). */
export function cacheRoot(env: NodeJS.ProcessEnv = process.env): string {
  const own = env[CACHE_DIR_ENV];
  if (own) return resolve(own);
  if (defaultRoot) return defaultRoot;
  let user = "user";
  try {
    const info = userInfo();
    user = String(info.uid >= 0 ? info.uid : info.username);
  } catch {
    // No passwd entry (some containers): one folder for the process's user anyway.
  }
  defaultRoot = join(tmpdir(), `sessionprobe-cache-${user}`);
  return defaultRoot;
}

const checked = new Map<string, boolean>();

/**
 * Whether a folder is this user's alone, created (mode 0700) if it is missing. The temp dir is shared: an entry
 * planted by another user under a known key would be served as a loaded scenario, or run as compiled code.
 */
function ownedAlone(dir: string): boolean {
  const known = checked.get(dir);
  if (known !== undefined) return known;
  let trusted = false;
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const stat = lstatSync(dir);
    const uid = process.getuid?.();
    trusted = stat.isDirectory() && (uid === undefined || stat.uid === uid) && (stat.mode & 0o022) === 0;
  } catch {
    trusted = false;
  }
  checked.set(dir, trusted);
  return trusted;
}

/**
 * One part of the cache, when it can be trusted: the root and the part are this user's and nobody else may write
 * to them (made so when they are created). undefined otherwise: the run goes on uncached.
 */
export function cacheFolder(part: CachePart, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const root = cacheRoot(env);
  const dir = join(root, part);
  return ownedAlone(root) && ownedAlone(dir) ? dir : undefined;
}
