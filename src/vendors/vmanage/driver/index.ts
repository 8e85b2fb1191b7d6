import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import { jsonRequest, type VendorDriver } from "../../../vendor-api/driver.ts";
import { vmanageCarriers } from "./carriers.ts";
import { deploymentFacts, deploymentOptions } from "./deployment.ts";
import { logout } from "./logout.ts";
import { ALARM_QUERY, classify, formRequest, hasHeader, isLoginPage, isSafeMethod, issuedSessionCookie } from "./wire.ts";
import { documentedTimeouts } from "../timeouts.ts";

function platformVersion(exchange: Exchange): string | undefined {
  const data = (exchange.response.parsed as { data?: { platformVersion?: unknown } } | undefined)?.data;
  return typeof data?.platformVersion === "string" ? data.platformVersion : undefined;
}

/**
 * Cisco Catalyst SD-WAN Manager (vManage): form login to /j_security_check, the
 * JSESSIONID cookie (carried by the session's jar), and an XSRF token on every non-GET.
 */
export const vmanage: VendorDriver = {
  id: "vmanage",
  title: "Cisco Catalyst SD-WAN Manager (vManage)",
  services: ["session"],
  calls: {
    devices: { description: "GET /dataservice/device", build: (ctx) => jsonRequest(ctx, "GET", "/dataservice/device") },
    alarms: {
      description: "POST /dataservice/alarms (a query: needs the XSRF token)",
      build: (ctx) => jsonRequest(ctx, "POST", "/dataservice/alarms", ALARM_QUERY),
    },
    "client-server": {
      description: "GET /dataservice/client/server",
      build: (ctx) => jsonRequest(ctx, "GET", "/dataservice/client/server"),
    },
    token: {
      description: "GET /dataservice/client/token (with: { json: true } for the JSON form)",
      build: (ctx, args) => ({
        method: "GET",
        url: ctx.url("/dataservice/client/token", args.json === true ? { json: "true" } : undefined),
        headers: {},
      }),
    },
  },
  probe: { call: "devices" },
  actions: {},
  documentedTimeouts,
  deploymentOptions,
  deploymentFacts,
  secondUser: "operator",
  carriers(session) {
    return vmanageCarriers(session, (exchange) => this.classify(exchange));
  },

  async login(ctx, session, { credentials, with: args }) {
    const fields = { j_username: credentials.username ?? "", j_password: credentials.password ?? "" };
    const exchange = await ctx.send(formRequest(ctx, "/j_security_check", fields), { label: "login", session });
    const jsessionid = issuedSessionCookie(exchange, ctx.now());
    ctx.secret(jsessionid, "session id");
    // Documented success test: 200, an EMPTY body and a JSESSIONID. A failure is 200 too.
    if (exchange.response.status !== 200 || exchange.response.text !== "" || !jsessionid) return { exchange, ok: false };
    // The carriers send this very cookie, whatever the jar has dropped since (see carriers.ts).
    session.state.jsessionid = jsessionid;
    // `with: { formOnly: true }`: the form alone, as the vendor's sample client logs in; no request uses the
    // session after its login (VM-10 counts the login itself as use). Logout reads the token it then lacks.
    if (args.formOnly === true) return { exchange, ok: true };
    const related: Exchange[] = [];
    // Before 19.2 there is no token to fetch (the target declares xsrfToken: absent).
    if (ctx.target.options.xsrfToken !== "absent") {
      const tokenExchange = await ctx.send(
        { method: "GET", url: ctx.url("/dataservice/client/token"), headers: {} },
        { label: "xsrf token", session },
      );
      const token = tokenExchange.response.text.trim();
      related.push(tokenExchange);
      if (tokenExchange.response.status !== 200 || token === "" || isLoginPage(tokenExchange)) return { exchange, related, ok: false };
      ctx.secret(token, "xsrf token");
      session.state.xsrf = token;
    }
    // The release goes into the report.
    const server = await ctx.send(jsonRequest(ctx, "GET", "/dataservice/client/server"), { label: "server info", session });
    related.push(server);
    const version = classify(server) === "ok" ? platformVersion(server) : undefined;
    if (!version) return { exchange, related, ok: true };
    session.state.version = version;
    return { exchange, related, ok: true, serverVersion: version };
  },

  authorize(_ctx, session, request): HttpRequest {
    // An explicit X-XSRF-TOKEN (any case) is the scenario's: a wrong or lower-case one on purpose.
    if (isSafeMethod(request.method) || !session.state.xsrf || hasHeader(request, "x-xsrf-token")) return request;
    return { ...request, headers: { ...request.headers, "X-XSRF-TOKEN": session.state.xsrf } };
  },

  logout(ctx, session, args) {
    return logout(this, ctx, session, args);
  },

  classify,
};
