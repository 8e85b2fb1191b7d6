import { controlmMock } from "./controlm/index.ts";
import type { VendorMock } from "./core/types.ts";
import { hmcMock } from "./hmc/index.ts";
import { openamMock } from "./openam/index.ts";
import { vmanageMock } from "./vmanage/index.ts";

/** Every built-in mock vendor, by vendor id. */
export const mocks: Record<string, VendorMock> = {
  controlm: controlmMock,
  hmc: hmcMock,
  vmanage: vmanageMock,
  openam: openamMock,
};
