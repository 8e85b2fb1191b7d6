// Breaks mock-core-imports-outside-its-room: the shared mock core using the harness's transport.
import { send } from "../../http/transport.ts";

export const host = { send };
