// Breaks engine-imports-runner-cli-mocks-or-reporters: the engine tied to the Playwright runner.
import { expect } from "@playwright/test";

export const check = expect;
