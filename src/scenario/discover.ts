import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";

export const SUITES_DIR = join(import.meta.dirname, "..", "..", "suites");

/** Every .yaml / .yml file below a directory, sorted so runs are repeatable. */
export function findSuiteFiles(dir: string = SUITES_DIR): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...findSuiteFiles(path));
    else if (/\.ya?ml$/.test(entry)) found.push(path);
  }
  return found;
}
