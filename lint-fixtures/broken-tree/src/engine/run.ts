// Breaks engine-imports-runner-cli-mocks-or-reporters: the engine starting a mock itself.
import { host } from "../mock-kit/host.ts";

export const run = () => host;
