import type { HttpResponse } from "../http/exchange.ts";
import { setCookiePair } from "../http/cookie-jar.ts";
import type { RecordedRequest } from "./corpus.ts";

/**
 * What the fidelity checks need to know of one vendor's wire: where a request carries its
 * credential, how a login is written, which answers' values stand for a recording's
 * placeholders, and which response headers matter beside the content type.
 */
export interface EvidenceProfile {
  /** Request headers (lower-case) that carry a session credential. */
  carrierHeaders: readonly string[];
  /** Cookies that carry a session credential (also the session cookies compared on answers). */
  carrierCookies: readonly string[];
  /** JSON request-body keys that name a session by its token. */
  tokenBodyKeys: readonly string[];
  /** Request headers whose value changes what a server answers (an API version). */
  keyHeaders: readonly string[];
  /** Response headers compared besides the content type. */
  notableHeaders: readonly string[];
  /** The user name and password a login request carries, if it is one. */
  credentials(request: { headers: Record<string, string>; text: string }): { username: string; password: string } | undefined;
  /** Placeholder name → the value the mock's answer gives it (`token` → the new session's token). */
  bind(response: HttpResponse, path?: string): Record<string, string>;
  /** A login written like the vendor's clients write it: replayed first when a recording starts with a session open. */
  login: RecordedRequest;
  /** A logout of the session `login` opened: for a recording of what a server answers an ended session. */
  logout?: RecordedRequest;
  /** Where the API sits below a mock's root for these options, when the mock does not say (AM's context path). */
  basePath?(options: Readonly<Record<string, string | undefined>>): string;
}

const formField = (text: string, name: string) => new URLSearchParams(text).get(name) ?? undefined;
const xmlText = (text: string, element: string) => new RegExp(`<(?:\\w+:)?${element}\\b[^>]*>([^<]*)<`).exec(text)?.[1];
function jsonField(text: string, key: string): string | undefined {
  try {
    const value = (JSON.parse(text) as Record<string, unknown>)?.[key];
    return typeof value === "string" ? value : undefined;
  } catch {
    return undefined;
  }
}
const header = (headers: Record<string, string>, name: string) => headers[name] ?? headers[name.toLowerCase()];
const pair = (username: string | undefined, password: string | undefined) =>
  username !== undefined && password !== undefined ? { username, password } : undefined;
function cookieValue(response: HttpResponse, name: string): string | undefined {
  for (const h of response.setCookies) {
    const p = setCookiePair(h);
    if (p?.name === name && p.value) return p.value;
  }
  return undefined;
}
function bound(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

const HMC_LOGON =
  '<LogonRequest xmlns="http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/" schemaVersion="V1_0"><UserID>{{username}}</UserID><Password>{{password}}</Password></LogonRequest>';

export const evidenceProfiles: Record<string, EvidenceProfile> = {
  openam: {
    carrierHeaders: ["iplanetdirectorypro"],
    carrierCookies: ["iPlanetDirectoryPro"],
    tokenBodyKeys: ["tokenId"],
    keyHeaders: ["accept-api-version"],
    notableHeaders: ["content-api-version"],
    credentials: (r) => pair(header(r.headers, "x-openam-username"), header(r.headers, "x-openam-password")),
    bind: (res) => bound({ token: jsonField(res.text, "tokenId") ?? cookieValue(res, "iPlanetDirectoryPro") }),
    basePath: (options) => (options.contextPath ?? "/am").replace(/\/+$/, ""),
    logout: {
      method: "POST",
      path: "/json/realms/root/sessions/?_action=logout",
      headers: { "content-type": "application/json", "accept-api-version": "resource=4.0", iplanetdirectorypro: "{{token}}" },
      body: { tokenId: "{{token}}" },
    },
    login: {
      method: "POST",
      path: "/json/realms/root/authenticate",
      headers: {
        "content-type": "application/json",
        "accept-api-version": "resource=2.0, protocol=1.0",
        "x-openam-username": "{{username}}",
        "x-openam-password": "{{password}}",
      },
      body: {},
    },
  },
  hmc: {
    carrierHeaders: ["x-api-session"],
    carrierCookies: [],
    tokenBodyKeys: [],
    keyHeaders: [],
    notableHeaders: [],
    credentials: (r) => pair(xmlText(r.text, "UserID"), xmlText(r.text, "Password")),
    bind: (res) => bound({ session: xmlText(res.text, "X-API-Session") }),
    login: {
      method: "PUT",
      path: "/rest/api/web/Logon",
      headers: {
        "content-type": "application/vnd.ibm.powervm.web+xml; type=LogonRequest",
        accept: "application/vnd.ibm.powervm.web+xml; type=LogonResponse",
      },
      text: HMC_LOGON,
    },
    logout: { method: "DELETE", path: "/rest/api/web/Logon", headers: { "x-api-session": "{{session}}" } },
  },
  controlm: {
    carrierHeaders: ["authorization", "x-api-key"],
    carrierCookies: [],
    tokenBodyKeys: [],
    keyHeaders: [],
    notableHeaders: [],
    credentials: (r) => pair(jsonField(r.text, "username"), jsonField(r.text, "password")),
    bind: (res) => bound({ token: jsonField(res.text, "token") }),
    login: {
      method: "POST",
      path: "/session/login",
      headers: { "content-type": "application/json" },
      body: { username: "{{username}}", password: "{{password}}" },
    },
    logout: { method: "POST", path: "/session/logout", headers: { authorization: "Bearer {{token}}" } },
  },
  vmanage: {
    carrierHeaders: ["x-xsrf-token"],
    carrierCookies: ["JSESSIONID"],
    tokenBodyKeys: [],
    keyHeaders: [],
    notableHeaders: ["location"],
    credentials: (r) => pair(formField(r.text, "j_username"), formField(r.text, "j_password")),
    bind: (res, path) =>
      bound({
        jsessionid: cookieValue(res, "JSESSIONID"),
        xsrf: path?.includes("/client/token") && res.status === 200 ? (jsonField(res.text, "token") ?? res.text.trim()) : undefined,
      }),
    login: {
      method: "POST",
      path: "/j_security_check",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      text: "j_username={{username}}&j_password={{password}}",
    },
    logout: { method: "POST", path: "/logout?nocache=1", headers: { cookie: "JSESSIONID={{jsessionid}}" } },
  },
};

export function profileOf(vendor: string): EvidenceProfile {
  const profile = evidenceProfiles[vendor];
  if (!profile) throw new Error(`no evidence profile for vendor ${vendor}: known are ${Object.keys(evidenceProfiles).join(", ")}`);
  return profile;
}
