import type { VendorModel } from "./model.ts";

/**
 * Each vendor's reference model, imported on demand. Models are written from the vendor
 * documents and the wire notes and never import a mock (checked by the boundary rules):
 * a model shared with a mock would agree with it by construction. They run on the engine,
 * so they live here, above it, rather than in the vendor folders below it; a vendor
 * without one cannot be explored, everything else works.
 */
// biome-ignore lint/suspicious/noExplicitAny: each model has its own state type; the explorer only hands it back to the same model.
const models: Record<string, () => Promise<VendorModel<any>>> = {
  controlm: async () => (await import("./models/controlm/index.ts")).controlmModel,
  vmanage: async () => (await import("./models/vmanage/index.ts")).vmanageModel,
  hmc: async () => (await import("./models/hmc/index.ts")).hmcModel,
  openam: async () => (await import("./models/openam/index.ts")).openamModel,
};

export const modelledVendors = Object.keys(models);

export async function referenceModel(vendor: string): Promise<VendorModel<object> | undefined> {
  return Object.hasOwn(models, vendor) ? (models[vendor] as () => Promise<VendorModel<object>>)() : undefined;
}
