import type { MockHostOptions } from "../mock-kit/host.ts";
import type { MockVariant } from "../vendor-api/mock.ts";
import { findVendor } from "./registry.ts";

/**
 * A vendor's legal variant by its name or an alias (a release: `20.18`, `7.2`): what
 * `sessionprobe mock --variant`, `baseline --variant` and `fidelity --variant` start.
 */
export function findVariant(vendor: string, name: string): MockVariant {
  const known = findVendor(vendor)?.variants ?? [];
  const variant = known.find((v) => v.name === name) ?? known.find((v) => v.aliases?.includes(name));
  if (!variant) throw new Error(`no variant "${name}" of ${vendor}; known: ${variantNames(vendor).join(", ") || "none"}`);
  return variant;
}

/** Every name `--variant` accepts for a vendor: each variant's, then the aliases. */
export function variantNames(vendor: string): string[] {
  const known = findVendor(vendor)?.variants ?? [];
  return [...known.map((v) => v.name), ...known.flatMap((v) => v.aliases ?? [])];
}

/** The mock host options a variant stands for; `overrides` (the command line's own `--set`, `--idle`, `--lifetime`) win. null switches a timeout off. */
export function variantHostOptions(variant: MockVariant | undefined, overrides: MockHostOptions = {}): MockHostOptions {
  const out: MockHostOptions = { ...overrides, options: { ...variant?.options, ...overrides.options } };
  if (variant && variant.idleMs !== undefined && !("idleMs" in overrides)) out.idleMs = variant.idleMs ?? undefined;
  if (variant && variant.lifetimeMs !== undefined && !("lifetimeMs" in overrides)) out.lifetimeMs = variant.lifetimeMs ?? undefined;
  return out;
}
