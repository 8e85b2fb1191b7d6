import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { stringify } from "yaml";
import { findBehaviour } from "../catalogue/behaviours.ts";
import { redact } from "../redact/secrets.ts";
import type { PlainStep } from "../scenario/schema.ts";
import type { Finding } from "./explore.ts";

/** The next free `<target>-<n>.yaml` in the folder: earlier findings are kept. */
export function nextScenarioFile(dir: string, target: string): string {
  let taken: string[] = [];
  try {
    taken = readdirSync(dir);
  } catch {
    // No folder yet: the first one.
  }
  let n = 1;
  while (taken.includes(`${target}-${n}.yaml`)) n++;
  return join(dir, `${target}-${n}.yaml`);
}

/**
 * A finding as a scenario file that `sessionprobe run` (or `validate`) reads: the shrunk
 * steps in order, the failed one last, covering the ids it asserts. Other steps' own
 * `covers:` are dropped: they may belong to another service of the vendor, and a file
 * holds one service.
 */
export function scenarioYaml(finding: Finding, about: { vendor: string; target: string; seed: number; runs: number; when: Date }): string {
  const ids = finding.ids.length ? [...finding.ids] : [];
  const service = ids.map((id) => findBehaviour(id)?.service).find((s) => s !== undefined) ?? "unknown";
  const own = ids.filter((id) => findBehaviour(id)?.service === service);
  const steps = finding.steps.map((step): PlainStep => {
    const { covers: _covers, ...rest } = step;
    return rest as PlainStep;
  });
  const document = {
    vendor: about.vendor,
    service,
    scenarios: [{ name: `exploration counterexample (seed ${about.seed})`, covers: own, steps }],
  };
  const header = [
    "# yaml-language-server: $schema=../../fixtures/schemas/scenario.schema.json",
    `# Found by sessionprobe explore against target ${about.target} on ${about.when.toISOString()}, seed ${about.seed}, after ${about.runs} run(s).`,
    `# Reproduce: sessionprobe run with this file among the suites (SESSIONPROBE_SUITES), or sessionprobe explore with the same seed.`,
    "# What failed:",
    ...redact(finding.message)
      .split("\n")
      .slice(0, 12)
      .map((line) => `#   ${line}`),
    `# The shrunk command sequence: ${redact(finding.commands).slice(0, 2000)}`,
  ];
  return `${header.join("\n")}\n${stringify(document, { lineWidth: 0 })}`;
}

export function writeScenario(path: string, yaml: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, yaml);
  return relative(process.cwd(), path) || path;
}
