import { existsSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../errors/errors.ts";
import type { VendorDriver } from "../vendor-api/driver.ts";
import type { VendorMock } from "../vendor-api/mock.ts";
import type { Vendor } from "../vendor-api/vendor.ts";
import { TEAM_VENDORS_ENV } from "./team-vendors-env.ts";
import { vendor as controlm } from "./controlm/index.ts";
import { vendor as hmc } from "./hmc/index.ts";
import { vendor as openam } from "./openam/index.ts";
import { vendor as vmanage } from "./vmanage/index.ts";

/**
 * The one registry: every built-in vendor, one line each. A vendor's record holds its facts;
 * its driver and mock load on first use (a worker that drives Control-M never loads the vManage
 * driver or mock). A team's own vendors join at start-up (`registerVendor`, from sessionprobe.json
 * `vendors`).
 */
const builtIn = [controlm, hmc, vmanage, openam] as const satisfies readonly Vendor[];

export type VendorId = (typeof builtIn)[number]["id"];

const registered = new Map<string, Vendor>(builtIn.map((v) => [v.id, v]));
/** Drivers loaded so far, for the callers that read one synchronously (the loader's checks, the targets file). */
const drivers = new Map<string, VendorDriver>();

/** Every vendor id, built-in first; the scenario schema's vendor enum comes from these. */
export const vendorIds: string[] = builtIn.map((v) => v.id);

export function vendorRecords(): readonly Vendor[] {
  return [...registered.values()];
}

export function findVendor(id: string): Vendor | undefined {
  return registered.get(id);
}

/** Adds a vendor from outside src/ (a team's folder). Its id must be new: a built-in vendor cannot be replaced. */
export function registerVendor(vendor: Vendor): void {
  const known = registered.get(vendor.id);
  if (known && known !== vendor) throw new Error(`vendor "${vendor.id}" is already registered (${known.title}): pick another id`);
  registered.set(vendor.id, vendor);
  if (!vendorIds.includes(vendor.id)) vendorIds.push(vendor.id);
}

/** The vendor's driver, loaded on first use; undefined for an unknown id. */
export async function loadDriver(id: string): Promise<VendorDriver | undefined> {
  const loaded = drivers.get(id);
  if (loaded) return loaded;
  const vendor = registered.get(id);
  if (!vendor) return undefined;
  const driver = await vendor.driver();
  drivers.set(id, driver);
  return driver;
}

/**
 * Loads the drivers of these vendors (all by default), so `findDriver` can answer synchronously:
 * the CLI does it at start, the scenario collection before its checks.
 */
export async function loadDrivers(ids: readonly string[] = vendorIds): Promise<void> {
  await Promise.all(ids.map(loadDriver));
}

/**
 * A loaded driver, synchronously: undefined for an unknown vendor id. A known vendor whose driver was not
 * loaded yet is our own mistake (a caller that skipped `loadDrivers`), said as such rather than taken for an unknown id.
 */
export function findDriver(id: string): VendorDriver | undefined {
  const loaded = drivers.get(id);
  if (loaded || !registered.has(id)) return loaded;
  throw new Error(`harness: the ${id} driver is not loaded yet: await loadDrivers() before reading drivers synchronously`);
}

export async function loadMock(id: string): Promise<VendorMock | undefined> {
  return registered.get(id)?.mock();
}

/** Every registered vendor's mock, loaded (the CLI's help, the matrices, the tests): id → mock. */
export async function loadMocks(): Promise<Record<string, VendorMock>> {
  const loaded = await Promise.all(vendorRecords().map(async (v) => [v.id, await v.mock()] as const));
  return Object.fromEntries(loaded);
}

export { TEAM_VENDORS_ENV } from "./team-vendors-env.ts";

/** A team vendor that cannot be used: says which path and what is wrong, before anything runs. */
export class TeamVendorError extends InputError {
  constructor(where: string, message: string) {
    super("SP_TEAM_VENDOR", `${where}: ${message}`);
  }
}

/** The module a vendor path names: a file, or a folder's index.ts / index.js / index.mjs. */
function vendorModule(path: string): string {
  if (!existsSync(path)) throw new TeamVendorError(path, 'no such file or folder (sessionprobe.json "vendors" lists vendor folders)');
  if (!statSync(path).isDirectory()) return path;
  const index = ["index.ts", "index.js", "index.mjs"].map((name) => join(path, name)).find((file) => existsSync(file));
  if (!index) throw new TeamVendorError(path, "the folder has no index.ts, index.js or index.mjs exporting `vendor`");
  return index;
}

/** The parts of a Vendor record the harness cannot do without, checked before the record joins. */
function checkRecord(where: string, value: unknown): Vendor {
  const v = value as Partial<Vendor> | undefined;
  const problems: string[] = [];
  if (!v || typeof v !== "object") throw new TeamVendorError(where, "exports no `vendor` object (export const vendor: Vendor = { … })");
  if (typeof v.id !== "string" || !/^[a-z][a-z0-9-]*$/.test(v.id)) problems.push("id must be a lower-case name (letters, digits, -)");
  if (typeof v.title !== "string") problems.push("title is missing");
  if (typeof v.home !== "string" || !existsSync(v.home)) problems.push("home must be the vendor's folder (import.meta.dirname)");
  for (const key of ["services", "behaviours", "measurePlans"] as const)
    if (!Array.isArray(v[key])) problems.push(`${key} must be a list (it may be empty)`);
  if (typeof v.driver !== "function") problems.push("driver must be a function loading the vendor's VendorDriver");
  if (typeof v.mock !== "function") problems.push("mock must be a function loading the vendor's VendorMock");
  if (!v.probeIds || typeof v.probeIds.alive !== "string") problems.push("probeIds must name the ids a probe's answer is evidence of");
  if (problems.length) throw new TeamVendorError(where, problems.join("; "));
  return v as Vendor;
}

/** Imports and registers every vendor SESSIONPROBE_VENDORS names (the CLI sets it from sessionprobe.json). */
export async function registerTeamVendors(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  for (const path of (env[TEAM_VENDORS_ENV] ?? "").split(delimiter).filter(Boolean)) {
    const file = vendorModule(path);
    let exported: unknown;
    try {
      exported = ((await import(pathToFileURL(file).href)) as { vendor?: unknown }).vendor;
    } catch (error) {
      throw new TeamVendorError(file, `cannot be imported: ${(error as Error).message.split("\n")[0]}`);
    }
    const vendor = checkRecord(file, exported);
    let driver: { id?: unknown } | undefined;
    try {
      driver = (await vendor.driver()) as { id?: unknown } | undefined;
    } catch (error) {
      throw new TeamVendorError(file, `its driver cannot be loaded: ${(error as Error).message.split("\n")[0]}`);
    }
    if (driver?.id !== vendor.id)
      throw new TeamVendorError(file, `driver() gives a driver whose id is "${String(driver?.id)}", not the vendor's id "${vendor.id}"`);
    try {
      registerVendor(vendor);
    } catch (error) {
      throw new TeamVendorError(file, (error as Error).message);
    }
  }
}

// Every process that reads the registry (the CLI, Playwright's runner and workers, the matrices) sees the team's vendors:
// they are registered before any importer of this module runs.
await registerTeamVendors();
