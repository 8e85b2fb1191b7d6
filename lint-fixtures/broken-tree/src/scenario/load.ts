// Breaks production-code-imports-test-support.
import { sampleSuite } from "../../test-support/sample-suite.ts";

export const load = () => sampleSuite;
