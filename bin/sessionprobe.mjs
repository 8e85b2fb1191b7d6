#!/usr/bin/env node
// Installed, the package runs the JavaScript compiled into dist/ when it was packed (scripts/build-dist.mjs), on
// Node alone. A checkout runs its TypeScript sources through tsx, so a change needs no build.
import { existsSync } from "node:fs";

const checkout = existsSync(new URL("../src/cli/main.ts", import.meta.url));
if (checkout) (await import("tsx/esm/api")).register();
const own = (module) => import(new URL(checkout ? `../src/${module}.ts` : `../dist/src/${module}.js`, import.meta.url).href);
// First, before the CLI's own imports: Node's compiled code kept on disk for this process and every one the run starts.
(await own("cache/compiled-code")).cacheCompiledCode();
const { main } = await own("cli/main");
process.exitCode = await main(process.argv.slice(2));
