// Breaks drivers-and-mocks-import-playwright.
import { test } from "@playwright/test";

export const step = test.step;
