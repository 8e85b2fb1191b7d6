import { type MockHost, type MockHostOptions, createMockHost } from "../src/mock-kit/host.ts";
import { openamMock } from "../src/vendors/openam/mock/index.ts";
import { seededUsers } from "../src/vendors/openam/mock/users.ts";

/** Helpers shared by the openam tests (not a test file itself). */
export const newHost = (options: MockHostOptions = {}) => createMockHost(openamMock, options);

/** Where the host serves AM: its context path (the mock serves nowhere else). */
export const at = (host: MockHost, path: string) => `${host.config.options.contextPath ?? "/am"}${path}`;

export const SESSIONS_VERSION = "resource=4.0, protocol=1.0";

export type Json = Record<string, unknown>;

export async function login(host: MockHost, who: keyof typeof seededUsers = "default", password?: string) {
  const user = seededUsers[who];
  if (!user) throw new Error(`no seeded user ${String(who)}`);
  const realmPath = user.realm === "/" ? "/json/realms/root" : `/json/realms/root/realms${user.realm}`;
  const res = await host.app.request(at(host, `${realmPath}/authenticate`), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "accept-api-version": "resource=2.0, protocol=1.0",
      "x-openam-username": user.username,
      "x-openam-password": password ?? user.password,
    },
    body: "{}",
  });
  const body = (await res.json()) as Json;
  return { res, body, token: typeof body.tokenId === "string" ? body.tokenId : "" };
}

export interface ActionOptions {
  /** The caller's token, sent as the `iPlanetDirectoryPro` header (or as a cookie with `viaCookie`). */
  caller?: string;
  viaCookie?: boolean;
  body?: Json;
  version?: string | null;
  path?: string;
}

export async function action(host: MockHost, name: string, options: ActionOptions = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.version !== null) headers["accept-api-version"] = options.version ?? SESSIONS_VERSION;
  if (options.caller) {
    if (options.viaCookie) headers.cookie = `amlbcookie=01; iPlanetDirectoryPro=${options.caller}`;
    else headers.iPlanetDirectoryPro = options.caller;
  }
  const path = options.path ?? at(host, "/json/realms/root/sessions/");
  const res = await host.app.request(`${path}?_action=${name}`, { method: "POST", headers, body: JSON.stringify(options.body ?? {}) });
  return { res, body: (await res.json()) as Json };
}

export async function query(host: MockHost, filter: string | undefined, caller?: string) {
  const headers: Record<string, string> = { "accept-api-version": SESSIONS_VERSION };
  if (caller) headers.iPlanetDirectoryPro = caller;
  const qs = filter === undefined ? "" : `?_queryFilter=${encodeURIComponent(filter)}`;
  const res = await host.app.request(at(host, `/json/realms/root/sessions${qs}`), { headers });
  return { res, body: (await res.json()) as Json };
}

export const minutes = (n: number) => n * 60_000;

/** Runs the same steps on a clean mock and on one with the defect, returning both outcomes. */
export async function withAndWithout<T>(defect: string, steps: (host: MockHost) => Promise<T>): Promise<{ clean: T; broken: T }> {
  return { clean: await steps(newHost()), broken: await steps(newHost({ defects: [defect] })) };
}
