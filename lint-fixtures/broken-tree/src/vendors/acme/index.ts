// Breaks vendor-record-loads-its-mock-eagerly: every worker would load this mock.
import { acme } from "./driver/index.ts";
import { login } from "./mock/login.ts";

export const vendor = { id: "acme", driver: acme, mock: async () => login };
