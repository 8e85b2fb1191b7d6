import { chmodSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { cacheCompiledCode, keepCompiledCodeNow, NODE_COMPILE_CACHE_ENV } from "./compiled-code.ts";
import { CACHE_DIR_ENV, CACHE_ENV } from "./user-cache.ts";

const root = () => mkdtempSync(join(tmpdir(), "sp-compiled-"));
/** Node's enableCompileCache as it answers when it can use the folder; each call recorded. */
function nodeSaysYes() {
  const asked: string[] = [];
  const enable = (directory: string) => {
    asked.push(directory);
    return { directory };
  };
  return { asked, enable };
}

test("the compiled code goes to the cache folder's compiled-code part, and the processes the run starts are told where", () => {
  const dir = root();
  const env: NodeJS.ProcessEnv = { [CACHE_DIR_ENV]: dir };
  const node = nodeSaysYes();
  expect(cacheCompiledCode(env, node.enable)).toBe(join(dir, "compiled-code"));
  expect(node.asked).toEqual([join(dir, "compiled-code")]);
  expect(env[NODE_COMPILE_CACHE_ENV]).toBe(join(dir, "compiled-code"));
  // Created for this user alone: nobody else may plant compiled code in it.
  expect(statSync(join(dir, "compiled-code")).mode & 0o077).toBe(0);
});

test("a NODE_COMPILE_CACHE the user set is kept: Node uses it already, in every process", () => {
  const env: NodeJS.ProcessEnv = { [CACHE_DIR_ENV]: root(), [NODE_COMPILE_CACHE_ENV]: "/their/own" };
  const node = nodeSaysYes();
  expect(cacheCompiledCode(env, node.enable)).toBe("/their/own");
  expect(node.asked).toEqual([]);
  expect(env[NODE_COMPILE_CACHE_ENV]).toBe("/their/own");
});

test("nothing is cached when the user turned it off, with Node's switch or sessionprobe's, or on a Node without the cache", () => {
  for (const off of [{ NODE_DISABLE_COMPILE_CACHE: "1" }, { [CACHE_ENV]: "off" }]) {
    const dir = root();
    const env: NodeJS.ProcessEnv = { [CACHE_DIR_ENV]: dir, ...off };
    const node = nodeSaysYes();
    expect(cacheCompiledCode(env, node.enable)).toBeUndefined();
    expect(node.asked).toEqual([]);
    expect(env[NODE_COMPILE_CACHE_ENV]).toBeUndefined();
    expect(readdirSync(dir)).toEqual([]);
  }
  const env: NodeJS.ProcessEnv = { [CACHE_DIR_ENV]: root() };
  expect(cacheCompiledCode(env, undefined)).toBeUndefined();
  expect(env[NODE_COMPILE_CACHE_ENV]).toBeUndefined();
});

test("a cache folder others may write to is not used for compiled code", () => {
  const shared = root();
  chmodSync(shared, 0o777);
  const env: NodeJS.ProcessEnv = { [CACHE_DIR_ENV]: shared };
  const node = nodeSaysYes();
  expect(cacheCompiledCode(env, node.enable)).toBeUndefined();
  expect(node.asked).toEqual([]);
  expect(readdirSync(shared)).toEqual([]);
});

test("a folder Node cannot use leaves the run uncached and the processes it starts untold", () => {
  const env: NodeJS.ProcessEnv = { [CACHE_DIR_ENV]: root() };
  expect(cacheCompiledCode(env, () => ({}))).toBeUndefined();
  expect(env[NODE_COMPILE_CACHE_ENV]).toBeUndefined();
});

test("the runner writes its compiled code before the workers start when the run has the cache, and not otherwise", () => {
  let flushed = 0;
  const flush = () => {
    flushed++;
  };
  expect(keepCompiledCodeNow({ [NODE_COMPILE_CACHE_ENV]: "/a/folder" }, flush)).toBe(true);
  expect(flushed).toBe(1);
  // No cache in this run (turned off, a Node without it): nothing to write; a Node without flushCompileCache writes at exit.
  expect(keepCompiledCodeNow({}, flush)).toBe(false);
  expect(keepCompiledCodeNow({ [NODE_COMPILE_CACHE_ENV]: "/a/folder" }, undefined)).toBe(false);
  expect(flushed).toBe(1);
});
