import type { DeploymentOption, VendorDriver } from "../vendor-api/driver.ts";
import { parseDuration } from "../time/duration.ts";

/**
 * A target's deployment options: what it declares under `options:`, else the vendor's
 * documented default. The names are the mock's `--set` names, so a value set on a mock
 * and one declared for a real server mean the same thing. Unknown names, values outside an
 * option's enumeration, counts out of range and durations that are none are problems,
 * reported before any request.
 */
export function resolveOptions(
  driver: VendorDriver,
  declared: Record<string, unknown>,
): { options: Record<string, string>; problems: { name: string; message: string }[] } {
  const known = driver.deploymentOptions;
  const problems: { name: string; message: string }[] = [];
  const options: Record<string, string> = {};
  for (const [name, spec] of Object.entries(known)) if (spec.default !== undefined) options[name] = spec.default;
  for (const [name, raw] of Object.entries(declared)) {
    const spec = Object.hasOwn(known, name) ? known[name] : undefined;
    if (!spec) {
      problems.push({
        name,
        message: `unknown option "${name}" for vendor ${driver.id}; known: ${Object.keys(known).join(", ") || "none"}`,
      });
      continue;
    }
    const value = Array.isArray(raw) ? raw.map(String).join(",") : String(raw);
    const problem = valueProblem(name, spec, value);
    if (problem) {
      problems.push({ name, message: problem });
      continue;
    }
    options[name] = value;
  }
  return { options, problems };
}

/** Whole seconds ("60", as vendors configure them) or a duration ("90s"); undefined when it is neither. */
function durationMs(text: string): number | undefined {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

/** An enumeration's member, a count within its bounds, a positive duration: what the README promises is checked before any request. */
function valueProblem(name: string, spec: DeploymentOption, value: string): string | undefined {
  if (spec.values && !spec.values.includes(value)) return `option ${name} must be one of ${spec.values.join(", ")}; got "${value}"`;
  const count = spec.wholeNumber;
  if (count) {
    const n = Number(value);
    const within = /^\d+$/.test(value.trim()) && n >= count.min && (count.max === undefined || n <= count.max);
    const range = count.max === undefined ? `at least ${count.min}` : `from ${count.min} to ${count.max}`;
    if (!within) return `option ${name} must be a whole number ${range}; got "${value}"`;
  }
  if (spec.duration) {
    const ms = durationMs(value.trim());
    if (ms === undefined || ms <= 0)
      return `option ${name} must be a positive duration: whole seconds (60) or a duration (90s, 5m); got "${value}"`;
  }
  return undefined;
}

/** `${options.<name>}`: the declared options plus what the driver derives from them. */
export function optionScope(driver: VendorDriver, options: Readonly<Record<string, string>>): Record<string, string | undefined> {
  return { ...options, ...driver.deploymentFacts?.(options) };
}
