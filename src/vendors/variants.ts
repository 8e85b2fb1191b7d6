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

/** What a targets file declares of a mock started as a variant (src/targets/mock-target.ts MockDeclaration): null = no such timeout. */
export interface VariantDeclaration {
  idleMs?: number | null;
  lifetimeMs?: number | null;
  options?: Record<string, string>;
}

/** A mock configured as a variant says (and declared the same way, as a team declares its server). */
export function variantSetup(
  variant: MockVariant | undefined,
  extra: { idleMs?: number | null | undefined; lifetimeMs?: number | null | undefined; options?: Record<string, string> | undefined } = {},
): { host: MockHostOptions; declared: VariantDeclaration } {
  const options = { ...variant?.options, ...extra.options };
  const host: MockHostOptions = { options };
  const declared: VariantDeclaration = { options };
  for (const key of ["idleMs", "lifetimeMs"] as const) {
    const value = key in extra ? extra[key] : variant?.[key];
    if (value === undefined) continue;
    host[key] = value ?? undefined;
    declared[key] = value;
  }
  return { host, declared };
}

/** The mock host options a variant stands for; `overrides` (the command line's own `--set`, `--idle`, `--lifetime`) win. null switches a timeout off. */
export function variantHostOptions(variant: MockVariant | undefined, overrides: MockHostOptions = {}): MockHostOptions {
  return { ...overrides, ...variantSetup(variant, overrides).host };
}
