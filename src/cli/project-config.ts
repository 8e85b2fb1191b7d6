import { existsSync, readFileSync } from "node:fs";
import { delimiter, dirname, join, resolve } from "node:path";
import { TEAM_BEHAVIOURS_ENV } from "../catalogue/team-behaviours.ts";
import { TEAM_VENDORS_ENV } from "../vendors/team-vendors-env.ts";
import { UsageError } from "./usage-error.ts";

/** A team repository's pointers to its own folders; the environment variables win over it. */
export const PROJECT_CONFIG = "sessionprobe.json";

/** The keys sessionprobe.json may hold (README, "Project settings: sessionprobe.json"). */
export const PROJECT_CONFIG_KEYS = ["suites", "targets", "reports", "behaviours", "vendors"] as const;

interface ProjectConfig {
  /** Folders of the team's scenario files (added to the built-in suites). */
  suites?: string[];
  /** The targets file `run` uses without --targets. */
  targets?: string;
  /** Where reports go (default reports/). */
  reports?: string;
  /** The team's own behaviours file (src/catalogue/team-behaviours.ts): ids its scenarios cover beside the catalogue's. */
  behaviours?: string;
  /** The team's own vendor folders (each exports a Vendor record from its index): they join the built-in ones. */
  vendors?: string[];
}

/**
 * Reads ./sessionprobe.json, when there is one, into SESSIONPROBE_SUITES, SESSIONPROBE_TARGETS,
 * SESSIONPROBE_REPORTS, SESSIONPROBE_BEHAVIOURS and SESSIONPROBE_VENDORS (paths relative to the file), unless those are set already.
 */
export function applyProjectConfig(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): void {
  const file = join(cwd, PROJECT_CONFIG);
  if (!existsSync(file)) return;
  let config: ProjectConfig;
  try {
    config = JSON.parse(readFileSync(file, "utf8")) as ProjectConfig;
    if (typeof config !== "object" || config === null || Array.isArray(config)) throw new Error("expected an object { … }");
  } catch (error) {
    throw new UsageError(`${PROJECT_CONFIG}: not valid JSON: ${(error as Error).message}`);
  }
  const unknown = Object.keys(config).filter((key) => !(PROJECT_CONFIG_KEYS as readonly string[]).includes(key));
  if (unknown.length)
    throw new UsageError(
      `${PROJECT_CONFIG}: unknown key(s) ${unknown.map((k) => `"${k}"`).join(", ")}; expected: ${PROJECT_CONFIG_KEYS.join(", ")} (README, "Project settings: sessionprobe.json")`,
    );
  const at = (path: string) => resolve(dirname(file), path);
  if (config.suites !== undefined && (!Array.isArray(config.suites) || !config.suites.every((s) => typeof s === "string")))
    throw new UsageError(`${PROJECT_CONFIG}: "suites" must be a list of folders`);
  if (config.vendors !== undefined && (!Array.isArray(config.vendors) || !config.vendors.every((s) => typeof s === "string")))
    throw new UsageError(`${PROJECT_CONFIG}: "vendors" must be a list of vendor folders (each with an index exporting \`vendor\`)`);
  for (const key of ["targets", "reports", "behaviours"] as const) {
    if (config[key] !== undefined && typeof config[key] !== "string") throw new UsageError(`${PROJECT_CONFIG}: "${key}" must be a path`);
  }
  if (config.suites && !env.SESSIONPROBE_SUITES) env.SESSIONPROBE_SUITES = config.suites.map(at).join(delimiter);
  if (config.targets && !env.SESSIONPROBE_TARGETS_DEFAULT) env.SESSIONPROBE_TARGETS_DEFAULT = at(config.targets);
  if (config.reports && !env.SESSIONPROBE_REPORTS) env.SESSIONPROBE_REPORTS = at(config.reports);
  if (config.behaviours && !env[TEAM_BEHAVIOURS_ENV]) env[TEAM_BEHAVIOURS_ENV] = at(config.behaviours);
  if (config.vendors && !env[TEAM_VENDORS_ENV]) env[TEAM_VENDORS_ENV] = config.vendors.map(at).join(delimiter);
}
