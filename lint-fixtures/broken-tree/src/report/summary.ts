// With cli/main.ts, breaks folder-cycle: src/report and src/cli import each other.
import { usage } from "../cli/main.ts";

export const summary = () => usage;
