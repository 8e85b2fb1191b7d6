import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import { escapeXml } from "../../../http/xml.ts";
import { bodyPath } from "../../../http/body-path.ts";
import type { DriverContext, VendorDriver, Verdict } from "../../../vendor-api/driver.ts";
import { verdictOfStatus } from "../../../vendor-api/verdicts.ts";
import { hmcCarriers } from "./carriers.ts";
import { hmcDeploymentOptions } from "./deployment.ts";
import {
  ATOM_TYPE,
  CONSOLE_PATH,
  LOGON_PATH,
  LOGON_REQUEST_TYPE,
  LOGON_RESPONSE_TYPE,
  logonRequestXml,
  pickSchemaVersion,
} from "./wire.ts";
import { documentedTimeouts } from "../timeouts.ts";

/**
 * The X-API-Session of a LogonResponse, found whatever prefix the namespace has. The
 * IBM doc example wraps the token over several lines inside the element, and a
 * base64url token holds no whitespace, so all of it is dropped (clients that take
 * `.text` as is would send the line breaks).
 */
export function apiSessionOf(exchange: Exchange): string | undefined {
  const value = bodyPath(exchange.response.parsed, "LogonResponse.X-API-Session");
  if (typeof value !== "string") return undefined;
  const token = value.replace(/\s+/g, "");
  return token === "" ? undefined : token;
}

/** An HttpErrorResponse's ReasonCode, if the body is one. */
function reasonCode(exchange: Exchange): string | undefined {
  const value = bodyPath(exchange.response.parsed, "entry.content.HttpErrorResponse.ReasonCode");
  return typeof value === "string" ? value.trim() : undefined;
}

/** Resources any logged-on user may use: a 403 there cannot be a missing permission. */
const SESSION_ONLY_PATHS = new Set([LOGON_PATH, CONSOLE_PATH]);

function xmlRequest(ctx: DriverContext, method: string, path: string, accept: string): HttpRequest {
  return { method, url: ctx.url(path), headers: { accept } };
}

/**
 * IBM PowerVM HMC REST API, Logon/Logoff. The credential is the `X-API-Session`
 * header; the JSESSIONID/CCFWSESSION cookies the Logon sets are kept in the
 * session's jar as real clients keep them. Whether they authorize on their own is
 * UNVERIFIED, so `session:` judgements try them alone too (carriers.ts).
 */
export const hmc: VendorDriver = {
  id: "hmc",
  title: "IBM PowerVM HMC REST API",
  services: ["logon"],
  calls: {
    "management-console": {
      description: "GET /rest/api/uom/ManagementConsole (Atom feed with one entry)",
      build: (ctx) => xmlRequest(ctx, "GET", CONSOLE_PATH, ATOM_TYPE),
    },
  },
  probe: { call: "management-console" },
  actions: {},
  // The idle timeout is a per-user HMC setting with no documented default, and the
  // token lifetime is undocumented ("a few weeks"): targets must declare them.
  documentedTimeouts,
  deploymentOptions: hmcDeploymentOptions,
  secondUser: "operator",
  carriers(session) {
    return hmcCarriers(session, (exchange) => hmc.classify(exchange));
  },

  async login(ctx, session, { credentials, with: args }) {
    const version = pickSchemaVersion(args.schemaVersion);
    const password = credentials.password ?? "";
    // The escaped form is what the request body shows; redact it too.
    ctx.secret(escapeXml(password), "password");
    const request: HttpRequest = {
      method: "PUT",
      url: ctx.url(LOGON_PATH),
      headers: { "content-type": LOGON_REQUEST_TYPE, accept: LOGON_RESPONSE_TYPE },
      body: logonRequestXml(version, credentials.username ?? "", password),
    };
    const exchange = await ctx.send(request, { label: `logon (${version})`, session });
    const token = exchange.response.status === 200 ? apiSessionOf(exchange) : undefined;
    if (token === undefined) return { exchange, ok: false };
    ctx.secret(token, "session");
    session.state.apiSession = token;
    return { exchange, ok: true };
  },

  authorize(_ctx, session, request) {
    const token = session.state.apiSession;
    return token ? { ...request, headers: { ...request.headers, "x-api-session": token } } : request;
  },

  async logout(ctx, session) {
    // No body and no Content-Type: the DELETE carries nothing to describe. The token
    // stays in state so a later probe shows whether the server really forgot it.
    const request = this.authorize(ctx, session, { method: "DELETE", url: ctx.url(LOGON_PATH), headers: {} });
    return { exchange: await ctx.send(request, { label: "logoff", session }) };
  },

  /**
   * 403 is ambiguous on the HMC (HMC-06): IBM's RequestHeaders page answers a missing
   * or invalid session with 403 reason code 4 or 5, while 403 also means "not
   * permitted" elsewhere. So 403 counts as unauthenticated when the reason code says
   * so, or on Logon and ManagementConsole, which any logged-on user may call; this
   * keeps `session: invalid` probes and teardown of expired sessions right on
   * releases that use 403: a 403 elsewhere is a permission.
   */
  classify(exchange): Verdict {
    const { status } = exchange.response;
    if (status === 403) {
      const code = reasonCode(exchange);
      const path = new URL(exchange.request.url).pathname;
      return code === "4" || code === "5" || SESSION_ONLY_PATHS.has(path) ? "unauthenticated" : "forbidden";
    }
    return verdictOfStatus(status);
  },
};
