import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  projects: [{ name: "harness", testMatch: ["src/**/*.test.ts", "specs/harness/**/*.spec.ts"] }],
});
