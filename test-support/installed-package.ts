import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The package as a team gets it, for the tests that run it installed (specs/harness/cli-package.spec.ts) and for the
 * bench, which times the nightly run as teams run it: `npm pack` of this checkout (compiled into dist/ at prepack),
 * installed by npm, and a Node from the npm registry's `node` package.
 */
const ROOT = join(import.meta.dirname, "..");

/** A tarball `npm pack` made of this checkout already (CI packs once for all its runs). */
export const PACKED_ENV = "SESSIONPROBE_PACKED";

export function npm(args: readonly string[], cwd: string): string {
  return execFileSync("npm", ["--no-audit", "--no-fund", "--no-update-notifier", ...args], { cwd, encoding: "utf8", stdio: "pipe" });
}

/** SESSIONPROBE_PACKED's tarball, else this checkout packed into `dir`. */
export function packedTarball(dir: string): string {
  return (
    process.env[PACKED_ENV] ??
    join(dir, npm(["pack", ROOT, "--pack-destination", dir, "--silent"], dir).trim().split("\n").at(-1) as string)
  );
}

/** A Node from the registry's `node` package (its preinstall fetches the binary: allowed by name). */
export function installNode(version: string): { node: string; version: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), `sp-node-${version}-`));
  writeFileSync(join(dir, "package.json"), '{ "private": true, "allowScripts": { "node": true } }\n');
  // Fresh metadata (no --prefer-offline): "24" must be the newest 24 today, not the one a cache remembers.
  npm(["install", "--loglevel=error", `node@${version}`], dir);
  const node = join(dir, "node_modules", ".bin", "node");
  return { node, version: execFileSync(node, ["--version"], { encoding: "utf8" }).trim(), dir };
}
