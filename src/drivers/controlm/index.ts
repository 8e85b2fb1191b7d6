import type { Exchange } from "../../http/exchange.ts";
import { jsonRequest, type VendorDriver, type Verdict } from "../types.ts";
import { sessionActions } from "./session-actions.ts";

function bodyField(exchange: Exchange, field: string): unknown {
  const parsed = exchange.response.parsed;
  return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>)[field] : undefined;
}

/**
 * Control-M Automation API. Session tokens travel as `Authorization: Bearer`;
 * API tokens (Authentication service) as `x-api-key`. Errors are ErrorList bodies.
 */
export const controlm: VendorDriver = {
  id: "controlm",
  title: "BMC Control-M Automation API",
  services: ["session", "authentication"],
  calls: {
    "config-servers": { description: "GET /config/servers", build: (ctx) => jsonRequest(ctx, "GET", "/config/servers") },
  },
  probeCall: "config-servers",
  actions: { ...sessionActions },
  documentedTimeouts: { lifetimeMs: 30 * 60_000 },

  async login(ctx, session, { credentials }) {
    const exchange = await ctx.send(jsonRequest(ctx, "POST", "/session/login", { username: credentials.username, password: credentials.password }), { label: "login" });
    const token = bodyField(exchange, "token");
    const ok = exchange.response.status === 200 && typeof token === "string" && token !== "";
    if (ok) {
      ctx.secret(token, "token");
      session.state.token = token;
    }
    const version = bodyField(exchange, "version");
    return typeof version === "string" ? { exchange, ok, serverVersion: version } : { exchange, ok };
  },

  authorize(_ctx, session, request) {
    const headers = { ...request.headers };
    if (session.state.token) headers.authorization = `Bearer ${session.state.token}`;
    else if (session.state.apiKey) headers["x-api-key"] = session.state.apiKey;
    return { ...request, headers };
  },

  async logout(ctx, session) {
    const exchange = await ctx.send(this.authorize(ctx, session, jsonRequest(ctx, "POST", "/session/logout")), { label: "logout", session });
    return { exchange };
  },

  classify(exchange): Verdict {
    const { status } = exchange.response;
    if (status >= 200 && status < 300) return "ok";
    if (status === 401) return "unauthenticated";
    if (status === 403) return "forbidden";
    return status >= 500 ? "error" : "rejected";
  },
};
