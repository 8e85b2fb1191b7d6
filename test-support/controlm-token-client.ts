import { createMockHost, type MockHostOptions } from "../src/mock-kit/host.ts";
import { controlmMock } from "../src/vendors/controlm/mock/index.ts";
import { SEEDED_API_TOKEN } from "../src/vendors/controlm/mock/state.ts";

/** Helpers shared by the Authentication-service tests (in-process requests, no network). */
export type Host = ReturnType<typeof createMockHost>;
export const SEEDED_KEY = SEEDED_API_TOKEN.value;

/** The JSON bodies the tests read: ErrorList, TokenDataResponse, TokenList, SuccessData, LoginResult. */
export interface Body {
  errors?: { message: string; item?: string }[];
  tokenName?: string;
  tokenType?: string;
  tokenValue?: string;
  user?: string;
  roles?: string[];
  expirationDate?: string | null;
  createdDate?: string;
  lastUpdatedDate?: string;
  tokens?: Body[];
  message?: string;
  token?: string;
}

export interface Answer {
  status: number;
  body: Body;
}

export interface CallOptions {
  key?: string;
  bearer?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export function newHost(options: MockHostOptions = {}): Host {
  return createMockHost(controlmMock, options);
}

export async function call(host: Host, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined) headers["x-api-key"] = options.key;
  if (options.bearer !== undefined) headers.authorization = `Bearer ${options.bearer}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const init: RequestInit = { method, headers };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  const res = await host.app.request(path, init);
  return { status: res.status, body: (await res.json()) as Body };
}

export const createToken = (host: Host, body: unknown, options: CallOptions = { key: SEEDED_KEY }) =>
  call(host, "POST", "/authentication/token", { ...options, body });

export const updateToken = (host: Host, body: unknown, options: CallOptions = { key: SEEDED_KEY }) =>
  call(host, "PUT", "/authentication/token", { ...options, body });

/** A session token (Bearer) for a seeded user. */
export async function login(host: Host, username: string, password: string): Promise<string> {
  const answer = await call(host, "POST", "/session/login", { body: { username, password } });
  return String(answer.body.token);
}

/** Does this API token authorize an ordinary request (CTM-A-03)? */
export async function works(host: Host, key: string): Promise<boolean> {
  return (await host.app.request("/config/servers", { headers: { "x-api-key": key } })).status === 200;
}
