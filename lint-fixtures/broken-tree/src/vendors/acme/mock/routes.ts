// Breaks mock-imports-outside-its-room: a mock borrowing the harness's redaction.
import { redact } from "../../../redact/secrets.ts";

export const routes = [redact];
