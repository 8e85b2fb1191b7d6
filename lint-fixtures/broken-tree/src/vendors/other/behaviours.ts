// Breaks vendor-imports-another-vendor (and vendor-facts-import-outside-their-room): one vendor's facts read from another's folder.
import { vendor } from "../acme/index.ts";

export const behaviours = [vendor.id];
