import type { VendorId } from "../drivers/registry.ts";
import type { VendorMock } from "./core/types.ts";

/**
 * One vendor's mock, imported on its own (see src/drivers/load-driver.ts for why): a worker
 * running only Control-M scenarios never loads the other three mocks. src/mocks/registry.ts
 * holds them all, for the CLI and the matrices; a test checks both give the same mock.
 */
const loaders = {
  controlm: async () => (await import("./controlm/index.ts")).controlmMock,
  hmc: async () => (await import("./hmc/index.ts")).hmcMock,
  vmanage: async () => (await import("./vmanage/index.ts")).vmanageMock,
  openam: async () => (await import("./openam/index.ts")).openamMock,
} satisfies Record<VendorId, () => Promise<VendorMock>>;

/** The known ids, without loading any mock: for the error that names them. */
export const mockIds = Object.keys(loaders) as VendorId[];

export async function loadMock(id: string): Promise<VendorMock | undefined> {
  return Object.hasOwn(loaders, id) ? loaders[id as VendorId]() : undefined;
}
