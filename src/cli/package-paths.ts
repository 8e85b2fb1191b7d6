import { extname, resolve } from "node:path";

/** The package's own folder: its Playwright and Allure configs, wherever it is installed. */
export const PACKAGE_ROOT = resolve(import.meta.dirname, "..", "..");
/**
 * ".ts" in a checkout, ".js" in the installed package, which ships JavaScript compiled into dist/ (a TypeScript
 * loader under node_modules works or not by the Node minor's module hooks: Node 24.9.0 refused it).
 */
export const OWN_EXTENSION = extname(import.meta.filename);
/** Absolute, so the Playwright and Allure children write where the user's working directory says. */
export const reportsDir = () => resolve(process.env.SESSIONPROBE_REPORTS ?? "reports");
