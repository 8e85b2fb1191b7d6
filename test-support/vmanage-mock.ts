import { createMockHost, type MockHostOptions } from "../src/mock-kit/host.ts";
import { vmanageMock } from "../src/vendors/vmanage/mock/index.ts";

/** In-process helpers for the vManage mock's tests: a form login and cookie-carrying calls. */
export type Host = ReturnType<typeof createMockHost>;

export const newHost = (options: MockHostOptions = {}): Host => createMockHost(vmanageMock, options);

export function form(username: string, password: string): RequestInit {
  return {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ j_username: username, j_password: password }).toString(),
  };
}

/** Logs in and returns the `JSESSIONID=…` pair, ready for a Cookie header. */
export async function login(host: Host, username = "admin", password = "admin-pass-1"): Promise<string> {
  const res = await host.app.request("/j_security_check", form(username, password));
  const pair = res.headers.get("set-cookie")?.split(";")[0];
  if (res.status !== 200 || !pair?.startsWith("JSESSIONID=")) throw new Error(`login failed: ${res.status}`);
  return pair;
}

export function get(host: Host, path: string, cookie?: string, headers: Record<string, string> = {}) {
  return host.app.request(path, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

export function post(host: Host, path: string, cookie?: string, headers: Record<string, string> = {}) {
  return host.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify({ query: { condition: "AND", rules: [] } }),
  });
}

export async function xsrfToken(host: Host, cookie: string): Promise<string> {
  return (await get(host, "/dataservice/client/token", cookie)).text();
}

/** Is this cookie's session alive? A live session gets JSON device data, a dead one the login page. */
export async function alive(host: Host, cookie: string): Promise<boolean> {
  const res = await get(host, "/dataservice/device", cookie);
  return res.status === 200 && (res.headers.get("content-type") ?? "").includes("application/json");
}

export async function openCount(host: Host): Promise<number> {
  return ((await (await host.app.request("/__sessionprobe/sessions")).json()) as { open: number }).open;
}

/** Opens `cap` sessions, uses the first, then logs in once more: the eviction scenario of VM-10. */
export async function fillCapThenLogin(host: Host, cap: number): Promise<{ first: string; second: string; extra: string }> {
  const cookies: string[] = [];
  for (let i = 0; i < cap; i++) cookies.push(await login(host));
  const [first, second] = cookies;
  if (!first || !second) throw new Error("the scenario needs at least two sessions");
  if (!(await alive(host, first))) throw new Error("the first session died before the cap was reached");
  return { first, second, extra: await login(host) };
}

/** Logs the cookie's session out with GET or POST /logout (the session's token sent on a POST). */
export async function logout(host: Host, cookie: string, method: "GET" | "POST" = "POST"): Promise<Response> {
  const token = method === "POST" ? { "x-xsrf-token": await xsrfToken(host, cookie) } : {};
  return host.app.request("/logout?nocache=1", { method, headers: { cookie, ...token } });
}
