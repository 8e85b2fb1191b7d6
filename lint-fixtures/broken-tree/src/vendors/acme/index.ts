// Breaks vendor-record-loads-its-code-eagerly (twice): every worker would load this driver and this mock.
import { acme } from "./driver/index.ts";
import { login } from "./mock/login.ts";

export const vendor = { id: "acme", driver: acme, mock: async () => login };
