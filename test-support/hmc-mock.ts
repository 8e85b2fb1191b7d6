import { escapeXml } from "../src/http/xml.ts";
import { createMockHost, type MockHostOptions } from "../src/mock-kit/host.ts";
import { hmcMock } from "../src/vendors/hmc/mock/index.ts";
import { LOGON_REQUEST_TYPE, WEB_NS } from "../src/vendors/hmc/mock/wire.ts";

/** Shared by the hmc mock's tests: request builders in the shapes real clients send. */
export const LOGON = "/rest/api/web/Logon";
export const CONSOLE_PATH = "/rest/api/uom/ManagementConsole";

export type Host = ReturnType<typeof createMockHost>;

export function hmcHost(options: MockHostOptions = {}): Host {
  return createMockHost(hmcMock, options);
}

/** The IBM-documented form: V1_1_0, Metadata, kb/kxe attributes. */
export function documentedLogon(user: string, password: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_1_0">
    <Metadata>
        <Atom/>
    </Metadata>
    <UserID kb="CUR" kxe="false">${escapeXml(user)}</UserID>
    <Password kb="CUR" kxe="false">${escapeXml(password)}</Password>
</LogonRequest>`;
}

/** What ansible's _logonPayload serialises: V1_0, no Metadata, no kb/kxe, an extra xmlns:mc. */
export function ansibleLogon(user: string, password: string): string {
  return `<LogonRequest schemaVersion="V1_0" xmlns="${WEB_NS}" xmlns:mc="${WEB_NS}"><UserID>${escapeXml(user)}</UserID><Password>${escapeXml(password)}</Password></LogonRequest>`;
}

/** `type: null` sends no Content-Type at all (bytes, so fetch does not add text/plain). */
export function put(body: string, type: string | null = LOGON_REQUEST_TYPE): RequestInit {
  if (type === null) return { method: "PUT", body: new TextEncoder().encode(body) };
  return { method: "PUT", headers: { "content-type": type }, body };
}

export function withSession(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...(init.headers as Record<string, string> | undefined), "x-api-session": token } };
}

/** Logs on and returns the X-API-Session (or undefined) read the way ruby/pypowervm read it. */
export async function logon(host: Host, body = documentedLogon("hscroot", "hmc-pass-1"), type?: string) {
  const res = await host.app.request(LOGON, put(body, type));
  const text = await res.text();
  const token = text.match(/<X-API-Session kxe="false" kb="ROR">([^<]*)<\/X-API-Session>/)?.[1];
  return { res, text, token };
}

export async function openSessions(host: Host): Promise<number> {
  const res = await host.app.request("/__sessionprobe/sessions");
  return ((await res.json()) as { open: number }).open;
}

export async function consoleStatus(host: Host, token: string): Promise<number> {
  return (await host.app.request(CONSOLE_PATH, withSession(token))).status;
}

/** ManagementConsole with the given Cookie header and no X-API-Session. */
export async function consoleStatusByCookie(host: Host, cookie: string): Promise<number> {
  return (await host.app.request(CONSOLE_PATH, { headers: { cookie } })).status;
}

/** DELETE Logon presenting this X-API-Session; the status. */
export async function logoff(host: Host, token: string): Promise<number> {
  return (await host.app.request(LOGON, withSession(token, { method: "DELETE" }))).status;
}

/** Logs on as the seeded default user (hscroot) or operator (hmcoper); the X-API-Session, failing loudly if refused. */
export async function sessionOf(host: Host, who: "root" | "operator"): Promise<string> {
  const body = who === "root" ? documentedLogon("hscroot", "hmc-pass-1") : ansibleLogon("hmcoper", "oper&pass-2");
  const { res, token } = await logon(host, body);
  if (res.status !== 200 || !token)
    throw new Error(`hmc mock test: the ${who} Logon answered ${res.status}; check the seeded users in src/vendors/hmc/mock/state.ts`);
  return token;
}
