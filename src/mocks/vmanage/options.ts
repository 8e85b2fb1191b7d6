import type { MockConfig } from "../core/types.ts";

export type FailureBody = "html" | "json";
export type LogoutMethod = "post" | "get" | "both";

export interface VmanageOptions {
  version: string;
  failureBody: FailureBody;
  logoutMethod: LogoutMethod;
  sessionCap: number;
}

export const defaultOptions: Record<string, string> = {
  version: "20.12.1",
  failureBody: "html",
  logoutMethod: "both",
  sessionCap: "100",
};

export const optionHelp: Record<string, string> = {
  version: "platformVersion reported by GET /dataservice/client/server (default 20.12.1)",
  failureBody: "failed-login body: html (the login page with 'Invalid User or Password', most releases) or json (the 20.18 {\"error\":…} body); both with HTTP 200",
  logoutMethod: "which /logout methods are served: post (20.12+ clients), get (older clients) or both (default); the other method gets 405",
  sessionCap: "most concurrent sessions before the least recently used is evicted: 100 (current docs, default) or 250 (older docs)",
};

function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[]): T {
  const found = allowed.find((a) => a === value);
  if (!found) throw new Error(`vmanage option ${name}=${String(value)} is not one of ${allowed.join(", ")}`);
  return found;
}

/** Reads and checks the options once, at create time, so a typo fails loudly instead of silently using a default. */
export function readOptions(config: MockConfig): VmanageOptions {
  const options = { ...defaultOptions, ...config.options };
  const cap = Number(options.sessionCap);
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`vmanage option sessionCap=${String(options.sessionCap)} is not a positive whole number`);
  return {
    version: options.version ?? "20.12.1",
    failureBody: oneOf("failureBody", options.failureBody, ["html", "json"] as const),
    logoutMethod: oneOf("logoutMethod", options.logoutMethod, ["post", "get", "both"] as const),
    sessionCap: cap,
  };
}
