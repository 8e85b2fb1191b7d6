// Breaks mock-kit-imports-outside-its-room: the shared mock kit using the harness's transport.
import { send } from "../http/transport.ts";

export const host = { send };
