import { loadDrivers, loadMocks } from "../src/vendors/registry.ts";

/** Every built-in mock, loaded once for the tests that walk them all (the registry loads mocks and drivers on demand). */
export const mocks = await loadMocks();
await loadDrivers();
