import { loadDrivers } from "../src/vendors/registry.ts";

/**
 * Loads every vendor's driver before the importing test runs, for tests that read drivers or load scenario files
 * synchronously (the registry loads drivers on demand; the CLI and the scenario collection load them themselves).
 */
await loadDrivers();
