// Breaks mock-imports-outside-its-room: a mock agreeing with its own driver by construction.
import { acme } from "../driver/index.ts";

export const login = () => acme.name;
