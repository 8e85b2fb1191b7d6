import type { Exchange } from "../../../http/exchange.ts";
import type { DriverContext, Session, VendorDriver, Verdict } from "../../../vendor-api/driver.ts";
import { verdictOfStatus } from "../../../vendor-api/verdicts.ts";
import { bodyField } from "../../../http/exchange.ts";
import { openamCarriers } from "./carriers.ts";
import { amDeploymentFacts, amDeploymentOptions } from "./options.ts";
import { sessionActions } from "./session-actions.ts";
import { authenticate, realmOf } from "./login.ts";
import { cookieToken, send, sessionsRequest, settings, withCaller } from "./wire.ts";
import { documentedTimeouts } from "../timeouts.ts";

/**
 * ForgeRock / Ping AM sessions. Zero-page login with X-OpenAM-Username/Password; the SSO token
 * travels as the header named like the SSO cookie (and the cookie, from the jar). Errors are CREST
 * `{code, reason, message}`; an invalid target token is a 200 `{valid:false}`.
 */
export const openam: VendorDriver = {
  id: "openam",
  title: "ForgeRock / Ping AM sessions endpoint",
  services: ["sessions"],
  calls: {},
  // Not the validate action: the probe sends the session's token with no caller, and reads `valid`.
  probe: {
    name: "validate",
    async run(ctx, session) {
      const exchange = await probeExchange(ctx, session);
      const verdict = classify(exchange);
      if (verdict !== "ok") return { verdict, exchange };
      return { verdict: bodyField(exchange, "valid") === true ? "ok" : "unauthenticated", exchange };
    },
  },
  actions: { ...sessionActions },
  // amSession.xml defaults (wire notes §2.5).
  documentedTimeouts,
  deploymentOptions: amDeploymentOptions,
  deploymentFacts: amDeploymentFacts,
  secondUser: "demo",
  carriers: openamCarriers,

  async login(ctx, session, { credentials, with: args }) {
    const s = settings(ctx);
    const { exchange, related } = await authenticate(ctx, session, credentials, args);
    const fromBody = bodyField(exchange, "tokenId");
    // An HttpOnly deployment may leave tokenId out of the body: the cookie still has it.
    const token = typeof fromBody === "string" && fromBody !== "" ? fromBody : cookieToken(exchange, s.cookieName);
    const ok = exchange.response.status === 200 && token !== undefined;
    if (ok) {
      ctx.secret(token, "token");
      session.state.token = token;
      session.state.realm = realmOf(ctx, credentials, args);
    }
    return { exchange, ok, ...(related ? { related } : {}) };
  },

  authorize(ctx, session, request) {
    return withCaller(ctx, session, request);
  },

  async logout(ctx, session) {
    const body = { tokenId: session.state.token };
    const request = sessionsRequest(ctx, { action: "logout", body, realm: session.state.realm ?? settings(ctx).realm });
    return { exchange: await send(ctx, request, "logout", session) };
  },

  classify,
};

/** validate {tokenId} with no caller: it needs none, and must not count as use (expiry scenarios probe idle sessions). */
function probeExchange(ctx: DriverContext, session: Session): Promise<Exchange> {
  const realm = session.state.realm ?? settings(ctx).realm;
  return send(
    ctx,
    sessionsRequest(ctx, { action: "validate", body: { tokenId: session.state.token ?? "" }, realm }),
    "probe (validate)",
    undefined,
  );
}

/** CREST statuses; a 200 `{valid:false}` (validate, getSessionInfo of a dead token) is a "no" too. */
function classify(exchange: Exchange): Verdict {
  const { status } = exchange.response;
  if (status >= 200 && status < 300 && bodyField(exchange, "valid") === false) return "unauthenticated";
  return verdictOfStatus(status);
}
