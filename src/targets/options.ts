import type { VendorDriver } from "../drivers/types.ts";

/**
 * A target's deployment options: what it declares under `options:`, else the vendor's
 * documented default. The names are the mock's `--set` names, so a value set on a mock
 * and one declared for a real server mean the same thing. Unknown names and values
 * outside an option's enumeration are problems, reported before any request.
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
    if (spec.values && !spec.values.includes(value)) {
      problems.push({ name, message: `option ${name} must be one of ${spec.values.join(", ")}; got "${value}"` });
      continue;
    }
    options[name] = value;
  }
  return { options, problems };
}

/** `${options.<name>}`: the declared options plus what the driver derives from them. */
export function optionScope(driver: VendorDriver, options: Readonly<Record<string, string>>): Record<string, string | undefined> {
  return { ...options, ...driver.deploymentFacts?.(options) };
}
