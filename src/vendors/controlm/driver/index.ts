import { bodyField } from "../../../http/exchange.ts";
import { jsonRequest, type VendorDriver, type Verdict } from "../../../vendor-api/driver.ts";
import { verdictOfStatus } from "../../../vendor-api/verdicts.ts";
import { controlmCarriers } from "./carriers.ts";
import { controlmDeploymentFacts, controlmDeploymentOptions } from "./deployment.ts";
import { sessionActions } from "./session-actions.ts";
import { tokenActions } from "./token-actions.ts";
import { deleteCreated, isApiKeySession } from "./token-ledger.ts";
import { documentedTimeouts } from "../timeouts.ts";

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
  probe: { call: "config-servers" },
  actions: { ...sessionActions, ...tokenActions },
  documentedTimeouts,
  deploymentOptions: controlmDeploymentOptions,
  deploymentFacts: controlmDeploymentFacts,
  secondUser: "other",
  carriers(session) {
    return controlmCarriers(session, (exchange) => this.classify(exchange));
  },

  /**
   * `with: { apiKey: <value> }` starts an API-key session instead: there is no login
   * for an API token, so the key is checked with the probe call (200 = usable) and
   * every later step of the session sends it as `x-api-key` (see authorize).
   */
  async login(ctx, session, { credentials, with: args }) {
    if (args.apiKey !== undefined) {
      if (typeof args.apiKey !== "string" || args.apiKey === "")
        throw new Error("with: { apiKey } must be a non-empty string (an API token value)");
      ctx.secret(args.apiKey, "api-token");
      session.state.apiKey = args.apiKey;
      const exchange = await ctx.send(this.authorize(ctx, session, jsonRequest(ctx, "GET", "/config/servers")), {
        label: "api-key check",
        session,
      });
      return { exchange, ok: exchange.response.status === 200 };
    }
    const exchange = await ctx.send(
      jsonRequest(ctx, "POST", "/session/login", { username: credentials.username, password: credentials.password }),
      { label: "login" },
    );
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

  /**
   * Deletes the API tokens the session created first (token-ledger.ts: the engine's
   * teardown only logs out), then logs out. An API-key session has nothing to log
   * out: its result is a refused delete if any, else the last delete, else a check
   * of the key, so every answer is a real exchange.
   */
  async logout(ctx, session) {
    const cleanup = await deleteCreated(ctx, session);
    if (isApiKeySession(session)) {
      const deleted = cleanup.exchanges.filter((e) => e.response.status >= 200 && e.response.status < 300).at(-1);
      const exchange =
        cleanup.failed[0] ??
        deleted ??
        (await ctx.send(this.authorize(ctx, session, jsonRequest(ctx, "GET", "/config/servers")), { label: "api-key check", session }));
      return { exchange, related: cleanup.exchanges.filter((e) => e !== exchange) };
    }
    const exchange = await ctx.send(this.authorize(ctx, session, jsonRequest(ctx, "POST", "/session/logout")), {
      label: "logout",
      session,
    });
    return cleanup.exchanges.length ? { exchange, related: cleanup.exchanges } : { exchange };
  },

  classify(exchange): Verdict {
    return verdictOfStatus(exchange.response.status);
  },
};
