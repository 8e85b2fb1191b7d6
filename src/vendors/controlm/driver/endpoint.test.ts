import { expect, test } from "@playwright/test";
import { SessionCookies } from "../../../http/cookie-jar.ts";
import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import type { DriverContext, Session } from "../../../vendor-api/driver.ts";
import { controlm } from "./index.ts";
import { runSuite, suiteFrom } from "../../../../test-support/controlm-token-run.ts";

const REAL_BASE = "https://ctm.example:8443/automation-api";

/** A driver context that answers every request 200 and records what was sent, as the engine builds URLs (baseUrl + path). */
function recordingContext(): { ctx: DriverContext; sent: HttpRequest[] } {
  const sent: HttpRequest[] = [];
  const ctx: DriverContext = {
    target: { name: "staging", vendor: "controlm", baseUrl: REAL_BASE, options: {} },
    url: (path, query) => {
      const url = new URL(REAL_BASE + path);
      for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
      return url.href;
    },
    secret: () => {},
    now: () => 0,
    async send(request) {
      sent.push(request);
      const parsed = { token: "ABC123", version: "9.22.30", tokenName: "n", tokenValue: "v" };
      const exchange: Exchange = {
        request,
        response: { status: 200, headers: {}, setCookies: [], text: JSON.stringify(parsed), parsed },
        startedAt: 0,
        durationMs: 0,
        label: "x",
      };
      return exchange;
    },
  };
  return { ctx, sent };
}

test("every request the driver builds stays below a real target's baseUrl https://host:8443/automation-api", async () => {
  const { ctx, sent } = recordingContext();
  const session: Session = { name: "default", cookies: new SessionCookies(), state: {}, open: false };
  await controlm.login(ctx, session, { credentials: { username: "u", password: "p" }, with: {} });
  for (const call of Object.values(controlm.calls)) sent.push(controlm.authorize(ctx, session, call.build(ctx, {})));
  for (const action of Object.values(controlm.actions))
    await action.run(ctx, session, { tokenName: "n", roles: ["User"], currentPassword: "a", newPassword: "b" });
  await controlm.logout(ctx, session, {});
  const urls = sent.map((r) => r.url);
  expect(urls.length).toBeGreaterThan(6);
  expect(urls.filter((u) => !u.startsWith(`${REAL_BASE}/`))).toEqual([]);
  expect(urls).toContain(`${REAL_BASE}/session/login`);
  expect(urls.some((u) => u.startsWith(`${REAL_BASE}/authentication/token/n`))).toBe(true);
});

test("against the mock, the target's baseUrl is <base>/automation-api and every exchange goes there", async () => {
  const suite = suiteFrom(`
  - name: a token round trip
    covers: [CTM-A-02]
    steps:
      - login: {}
      - action: create-token
        with: { tokenName: "sp-\${random}-e", roles: [User] }
        expect: { status: 200 }
      - use: config-servers
        expect: { status: 200 }
`);
  const [run] = await runSuite(suite);
  expect(run?.error).toBeUndefined();
  const urls = (run?.exchanges ?? []).map((e) => new URL(e.request.url).pathname);
  expect(urls.length).toBeGreaterThan(3);
  expect(urls.filter((p) => !p.startsWith("/automation-api/"))).toEqual([]);
});
