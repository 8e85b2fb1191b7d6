import { join } from "node:path";
import { findVendor } from "../vendors/registry.ts";

/**
 * Where `expect: { schema: <vendor>/<name> }` finds its JSON Schema: the vendor folder's
 * schemas/<name>.schema.json (src/vendors/<vendor>/schemas/). Undefined for an unknown vendor.
 */
export function schemaFile(ref: string): string | undefined {
  const [vendor = "", name = ""] = ref.split("/");
  const home = findVendor(vendor)?.home;
  return home === undefined ? undefined : join(home, "schemas", `${name}.schema.json`);
}
