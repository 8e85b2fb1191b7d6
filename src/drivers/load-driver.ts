import type { VendorId } from "./registry.ts";
import type { VendorDriver } from "./types.ts";

/**
 * One vendor's driver, imported on its own. src/drivers/registry.ts imports every driver
 * (the CLI, the loader and the matrices need them all); a Playwright worker needs only the
 * vendors its tests drive, and each module it imports costs it a round trip to Playwright's
 * loader thread. The type ties the keys to the registry's; a test checks both give the same driver.
 */
const loaders = {
  controlm: async () => (await import("./controlm/index.ts")).controlm,
  hmc: async () => (await import("./hmc/index.ts")).hmc,
  vmanage: async () => (await import("./vmanage/index.ts")).vmanage,
  openam: async () => (await import("./openam/index.ts")).openam,
} satisfies Record<VendorId, () => Promise<VendorDriver>>;

export async function loadDriver(id: string): Promise<VendorDriver | undefined> {
  return Object.hasOwn(loaders, id) ? loaders[id as VendorId]() : undefined;
}
