import type { MockHostOptions } from "../mock-kit/host.ts";
import type { MockVariant, VendorMock } from "../vendor-api/mock.ts";

/**
 * A vendor's legal variant by its name or an alias (a release: `20.18`, `7.2`): what
 * `sessionprobe mock --variant`, `baseline --variant` and `fidelity --variant` start.
 */
export function findVariant(mock: Pick<VendorMock, "id" | "variants">, name: string): MockVariant {
  const known = mock.variants;
  const variant = known.find((v) => v.name === name) ?? known.find((v) => v.aliases?.includes(name));
  if (!variant) throw new Error(`no variant "${name}" of ${mock.id}; known: ${variantNames(mock).join(", ") || "none"}`);
  return variant;
}

/** Every name `--variant` accepts for a vendor: each variant's, then the aliases. */
export function variantNames(mock: Pick<VendorMock, "variants">): string[] {
  return [...mock.variants.map((v) => v.name), ...mock.variants.flatMap((v) => v.aliases ?? [])];
}

/** The mock host options a variant stands for; `overrides` (the command line's own `--set`, `--idle`, `--lifetime`) win. null switches a timeout off. */
export function variantHostOptions(variant: MockVariant | undefined, overrides: MockHostOptions = {}): MockHostOptions {
  const out: MockHostOptions = { ...overrides, options: { ...variant?.options, ...overrides.options } };
  if (variant && variant.idleMs !== undefined && !("idleMs" in overrides)) out.idleMs = variant.idleMs ?? undefined;
  if (variant && variant.lifetimeMs !== undefined && !("lifetimeMs" in overrides)) out.lifetimeMs = variant.lifetimeMs ?? undefined;
  return out;
}
