import type { VendorModel } from "../model.ts";

/**
 * Each vendor's reference model, imported on demand. Models are written from the vendor
 * documents and the wire notes and never import src/mocks (checked by the boundary rules):
 * a model shared with a mock would agree with it by construction.
 */
// biome-ignore lint/suspicious/noExplicitAny: each model has its own state type; the explorer only hands it back to the same model.
export const models: Record<string, () => Promise<VendorModel<any>>> = {
  controlm: async () => (await import("./controlm/index.ts")).controlmModel,
  vmanage: async () => (await import("./vmanage/index.ts")).vmanageModel,
  hmc: async () => (await import("./hmc/index.ts")).hmcModel,
  openam: async () => (await import("./openam/index.ts")).openamModel,
};

export async function loadModel(vendor: string): Promise<VendorModel<object> | undefined> {
  return Object.hasOwn(models, vendor) ? (models[vendor] as () => Promise<VendorModel<object>>)() : undefined;
}
