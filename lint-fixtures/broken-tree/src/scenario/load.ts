// Breaks production-code-imports-test-support.
import { sampleSuite } from "./test-helpers.ts";

export const load = () => sampleSuite;
