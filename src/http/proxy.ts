import type { Agent } from "node:http";
import { secrets } from "../redact/secrets.ts";

/**
 * How a target's requests reach it: through the proxy the environment names (HTTPS_PROXY,
 * HTTP_PROXY, ALL_PROXY, with NO_PROXY's exceptions, as curl reads them), through the
 * target's own `proxy:`, or straight. Built-in mocks are always reached straight.
 */
export type ProxySetting = { kind: "environment" } | { kind: "url"; url: string } | { kind: "none" };

/** The proxy one request goes through, as messages name it: never with its credentials. */
export interface ProxyRoute {
  url: URL;
  /** Without user and password: what a message may show. */
  shown: string;
  /** Where it was named: HTTPS_PROXY, HTTP_PROXY, ALL_PROXY or the target's proxy:. */
  source: string;
}

const ENV_NAMES = ["https_proxy", "http_proxy", "all_proxy"];

/** The variable as curl reads it: lower case first, then upper case. */
function fromEnv(name: string, env: NodeJS.ProcessEnv): { value: string; source: string } | undefined {
  for (const key of [name, name.toUpperCase()]) {
    const value = env[key]?.trim();
    if (value) return { value, source: key };
  }
  return undefined;
}

/** The proxy variable a URL of this scheme reads, whatever NO_PROXY says. */
export function environmentProxy(protocol: string, env: NodeJS.ProcessEnv = process.env): { value: string; source: string } | undefined {
  return fromEnv(`${protocol.replace(/:$/, "")}_proxy`, env) ?? fromEnv("all_proxy", env);
}

/** Is any proxy variable set? When none is, nothing proxy-related is loaded. */
export function environmentNamesAProxy(env: NodeJS.ProcessEnv = process.env): boolean {
  return ENV_NAMES.some((name) => fromEnv(name, env) !== undefined);
}

/**
 * A proxy URL as it will be used: a bare `host:port` means an HTTP proxy (as curl reads it;
 * proxy-from-env would assume the target's scheme, so an https target would speak TLS to
 * a plain proxy). Its user and password are secrets from here on.
 */
export function parseProxyUrl(text: string, source: string): ProxyRoute {
  const url = new URL(text.includes("://") ? text : `http://${text}`);
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new Error(
      `${source}: ${url.protocol}// proxies are not supported; sessionprobe speaks to HTTP(S) proxies (CONNECT for https targets)`,
    );
  registerProxyCredentials(url);
  return { url, shown: `${url.protocol}//${url.host}`, source };
}

/** The credentials of a proxy URL, in each form they could be printed in. */
export function registerProxyCredentials(url: URL): void {
  if (!url.username && !url.password) return;
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  secrets.add(password, "credential");
  secrets.add(url.password, "credential");
  secrets.add(basicAuthorization(url), "credential");
  secrets.add(`${user}:${password}`, "credential");
}

function basicAuthorization(url: URL): string {
  return `Basic ${Buffer.from(`${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`).toString("base64")}`;
}

/** The proxy a request to `url` goes through, or undefined to go straight. */
export async function routeFor(url: URL, setting: ProxySetting | undefined): Promise<ProxyRoute | undefined> {
  if (!setting || setting.kind === "none") return undefined;
  if (setting.kind === "url") return parseProxyUrl(setting.url, "the target's proxy:");
  if (!environmentNamesAProxy()) return undefined;
  // NO_PROXY's matching (suffixes, *.domain, host:port, "*") is proxy-from-env's; which variable and what a bare host:port means is ours.
  const { getProxyForUrl } = await import("proxy-from-env");
  if (!getProxyForUrl(url.href)) return undefined;
  const named = environmentProxy(url.protocol);
  return named ? parseProxyUrl(named.value, named.source.toUpperCase()) : undefined;
}

export interface ProxyAgents {
  http: Agent;
  https: Agent;
}

/**
 * Agents that reach servers through one proxy: CONNECT tunnels for https (TLS to the server
 * runs inside, so the proxy never sees the traffic), absolute-form requests for http. The
 * proxy's credentials travel as a Proxy-Authorization header the agents are given, never in
 * the URL they hold, so nothing they log or emit carries them.
 */
export async function proxyAgents(route: ProxyRoute, keepAlive: { timeout: number }): Promise<ProxyAgents> {
  const [{ HttpProxyAgent }, { HttpsProxyAgent }] = await Promise.all([import("http-proxy-agent"), import("https-proxy-agent")]);
  const bare = new URL(route.shown);
  const headers: Record<string, string> =
    route.url.username || route.url.password ? { "Proxy-Authorization": basicAuthorization(route.url) } : {};
  const options = { keepAlive: true, timeout: keepAlive.timeout, headers };
  return { http: new HttpProxyAgent(bare, options), https: new HttpsProxyAgent(bare, options) };
}
