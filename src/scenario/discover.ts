import { delimiter, join, resolve } from "node:path";
import { existsSync, readdirSync, statSync } from "node:fs";
import { findVendor, vendorRecords } from "../vendors/registry.ts";
import { TEAM_BEHAVIOURS_ENV } from "../catalogue/team-behaviours.ts";

/** The built-in suites: each vendor folder's suites/ (src/vendors/<vendor>/suites/). */
export function builtInSuiteDirs(): string[] {
  return vendorRecords()
    .map((v) => join(v.home, "suites"))
    .filter((dir) => existsSync(dir));
}

/** One vendor's built-in suites folder. */
export function suitesDirOf(vendor: string): string {
  const home = findVendor(vendor)?.home;
  if (home === undefined) throw new Error(`no vendor "${vendor}"`);
  return join(home, "suites");
}

/** Every .yaml / .yml file below a directory, sorted so runs are repeatable. */
function filesBelow(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const path = join(dir, entry);
    // A dangling link is listed like a file: the loader then reports it as unreadable, located, instead of a crash here.
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) found.push(...filesBelow(path));
    else if (/\.ya?ml$/.test(entry)) found.push(path);
  }
  return found;
}

/**
 * The scenario files of a run: every vendor's suites/, plus the directories SESSIONPROBE_SUITES
 * lists (separated like PATH) — a team's own scenarios, or a rehearsal's extra ones.
 */
export function findSuiteFiles(dir?: string): string[] {
  if (dir) return filesBelow(dir);
  const extra = (process.env.SESSIONPROBE_SUITES ?? "")
    .split(delimiter)
    .filter(Boolean)
    .map((d) => resolve(d));
  // A team may keep its behaviours file among its suites: it is no scenario file.
  const teamFile = process.env[TEAM_BEHAVIOURS_ENV] ? resolve(process.env[TEAM_BEHAVIOURS_ENV]) : undefined;
  return [...builtInSuiteDirs(), ...extra].flatMap(filesBelow).filter((file) => file !== teamFile);
}
