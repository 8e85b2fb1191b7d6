#!/usr/bin/env node
// Installed, the package runs the JavaScript compiled into dist/ when it was packed (scripts/build-dist.mjs), on
// Node alone. A checkout runs its TypeScript sources through tsx, so a change needs no build.
import { existsSync } from "node:fs";

const source = new URL("../src/cli/main.ts", import.meta.url);
let main;
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  ({ main } = await import(source.href));
} else {
  ({ main } = await import("../dist/src/cli/main.js"));
}
process.exitCode = await main(process.argv.slice(2));
