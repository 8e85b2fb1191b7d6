import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { UsageError } from "./usage-error.ts";

/** The file `sessionprobe init` tells a team to copy .env.example to. */
export const DOT_ENV = ".env";

const require = createRequire(import.meta.url);

/**
 * Reads ./.env into the environment, as a team that copied .env.example expects: a variable
 * already set (the shell's, the CI's secret store) is never overridden, and nothing is printed,
 * neither names nor values. The CLI's children (Playwright and its workers) inherit the result.
 * dotenv's own parser reads the file (quotes, multi-line values, comments); its loader is not
 * used, because it prints a line on every load.
 */
export function loadDotEnv(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string[] {
  const file = join(cwd, DOT_ENV);
  if (!existsSync(file)) return [];
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`${DOT_ENV}: cannot read it: ${(error as Error).message}`);
  }
  const { parse } = require("dotenv") as typeof import("dotenv");
  const added: string[] = [];
  for (const [name, value] of Object.entries(parse(text))) {
    if (Object.hasOwn(env, name)) continue;
    env[name] = value;
    added.push(name);
  }
  return added;
}
