import { controlmMock } from "./controlm/index.ts";
import type { VendorMock } from "./core/types.ts";

/** Every built-in mock vendor, by vendor id. */
export const mocks: Record<string, VendorMock> = {
  controlm: controlmMock,
};
