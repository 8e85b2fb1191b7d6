import nodeModule from "node:module";
import { cacheEnabled, cacheFolder } from "./user-cache.ts";

/** Node's own switches: NODE_COMPILE_CACHE names the folder (every Node process started with it uses it), the other turns it off. */
export const NODE_COMPILE_CACHE_ENV = "NODE_COMPILE_CACHE";
const NODE_DISABLE_ENV = "NODE_DISABLE_COMPILE_CACHE";

type Enable = (directory: string) => { directory?: string };

/**
 * The code Node compiles, kept on disk for the next run (Node ≥ 22.1; an older Node has no such cache and nothing
 * changes). Every process of a run loads the same modules: this CLI, Playwright's runner, each of its workers (ten
 * of them against four waiting targets) and the Allure report; on 2 cores their start is the run's first seconds.
 * Measured against four targets at idle 4 s (docs/performance.md): the nightly run 0.8 s shorter once the cache is
 * warm. The folder is sessionprobe's own cache folder (this user's alone), passed on in NODE_COMPILE_CACHE to the
 * processes the run starts. A NODE_COMPILE_CACHE the user set is theirs: Node already uses it, in every process.
 * Returns the folder in use, or undefined.
 */
export function cacheCompiledCode(
  env: NodeJS.ProcessEnv = process.env,
  enable: Enable | undefined = (nodeModule as { enableCompileCache?: Enable }).enableCompileCache,
): string | undefined {
  if (env[NODE_DISABLE_ENV] || !cacheEnabled(env)) return undefined;
  if (env[NODE_COMPILE_CACHE_ENV]) return env[NODE_COMPILE_CACHE_ENV];
  if (!enable) return undefined;
  const folder = cacheFolder("compiled-code", env);
  if (!folder) return undefined;
  // Never throws: a folder Node cannot use leaves the run uncached, and says so in its result.
  const { directory } = enable(folder);
  if (directory) env[NODE_COMPILE_CACHE_ENV] = directory;
  return directory;
}

type Flush = () => void;

/**
 * Writes what this process compiled so far into the cache now, not when it exits (Node ≥ 22.10). The runner calls it
 * once its config, the spec and the modules workers load are compiled, before it starts the workers: on a first run,
 * with nothing cached yet, its ten workers then start from its compiled code instead of compiling everything each
 * (measured against four targets at idle 4 s: 17.5-17.9 s against 18.7 s with the cache written at exit only). With
 * nothing new compiled, nothing is written.
 */
export function keepCompiledCodeNow(
  env: NodeJS.ProcessEnv = process.env,
  flush: Flush | undefined = (nodeModule as { flushCompileCache?: Flush }).flushCompileCache,
): boolean {
  if (!env[NODE_COMPILE_CACHE_ENV] || !flush) return false;
  flush();
  return true;
}
