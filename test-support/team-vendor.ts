import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * A vendor written by a team, outside src/: "Acme Sessions", a small bearer-token API with
 * a login, one call, a logout and an idle timeout, with its behaviours, one legal variant,
 * three defects and one suite — everything a vendor folder holds. It imports the harness
 * only through the public Vendor API (src/vendor-api/index.ts; an installed team imports
 * `sessionprobe/vendor`) and Hono, which a folder beside the repository's node_modules
 * resolves through the link written here.
 */
export function writeTeamVendor(team: string, repoRoot: string): string {
  const home = join(team, "vendors", "acme");
  mkdirSync(join(home, "suites"), { recursive: true });
  // The team's folder resolves packages (hono) as a team's own node_modules would.
  symlinkSync(join(repoRoot, "node_modules"), join(team, "node_modules"), "dir");
  const api = relative(home, join(repoRoot, "src", "vendor-api", "index.ts")).replaceAll("\\", "/");
  const files: Record<string, string> = {
    "index.ts": `import type { Vendor } from "${api}";

const MINUTE = 60_000;

export const vendor: Vendor = {
  id: "acme",
  title: "Acme Sessions API",
  home: import.meta.dirname,
  services: [{ vendor: "acme", service: "session", title: "Acme Sessions", docUrl: "https://acme.example/docs/sessions" }],
  behaviours: [
    { id: "ACME-01", vendor: "acme", service: "session", sureness: "DOC", text: "a login with valid credentials returns a token that authorises calls" },
    { id: "ACME-02", vendor: "acme", service: "session", sureness: "DOC", text: "a wrong password is refused with 401 and no token" },
    { id: "ACME-03", vendor: "acme", service: "session", sureness: "DOC", text: "a logout ends the session" },
    { id: "ACME-04", vendor: "acme", service: "session", sureness: "DOC", text: "a session unused for the idle timeout ends" },
  ],
  documentedTimeouts: { idleMs: 10 * MINUTE },
  measurePlans: [],
  probeIds: { alive: "ACME-01", refused: "ACME-03" },
  driver: async () => (await import("./driver.ts")).acmeDriver,
  mock: async () => (await import("./mock.ts")).acmeMock,
};
`,
    "mock-tables.ts": `import type { MockDefect, MockVariant } from "${api}";

export const acmeVariants: readonly MockVariant[] = [
  { name: "logout-200", description: "logout answers 200 with a body instead of 204", evidence: "Acme docs: 200 or 204", options: { logoutStatus: "200" } },
];

export const acmeDefects: readonly MockDefect[] = [
  { name: "logout-keeps-session", breaks: ["ACME-03"], description: "a logout answers 204 and the token still works" },
  { name: "never-idles", breaks: ["ACME-04"], description: "an unused session never ends" },
  { name: "login-ignores-password", breaks: ["ACME-02"], description: "any password logs in" },
];
`,
    "driver.ts": `import { jsonRequest, type VendorDriver } from "${api}";

const MINUTE = 60_000;

export const acmeDriver: VendorDriver = {
  id: "acme",
  title: "Acme Sessions API",
  services: ["session"],
  calls: { me: { description: "GET /api/me", build: (ctx) => jsonRequest(ctx, "GET", "/api/me") } },
  probe: { call: "me" },
  actions: {},
  documentedTimeouts: { idleMs: 10 * MINUTE },
  deploymentOptions: {},
  async login(ctx, session, { credentials }) {
    const exchange = await ctx.send(jsonRequest(ctx, "POST", "/api/login", { username: credentials.username, password: credentials.password }), { label: "login" });
    let token: unknown;
    try {
      token = (JSON.parse(exchange.response.text) as { token?: unknown }).token;
    } catch {
      token = undefined;
    }
    const ok = exchange.response.status === 200 && typeof token === "string";
    if (ok) {
      ctx.secret(token as string, "token");
      session.state.token = token as string;
    }
    return { exchange, ok };
  },
  authorize(_ctx, session, request) {
    return session.state.token ? { ...request, headers: { ...request.headers, authorization: \`Bearer \${session.state.token}\` } } : request;
  },
  async logout(ctx, session) {
    const exchange = await ctx.send(this.authorize(ctx, session, jsonRequest(ctx, "POST", "/api/logout")), { label: "logout", session });
    return { exchange };
  },
  classify(exchange) {
    const status = exchange.response.status;
    if (status >= 200 && status < 300) return "ok";
    if (status === 401) return "unauthenticated";
    if (status === 403) return "forbidden";
    return status >= 500 ? "error" : "rejected";
  },
};
`,
    "mock.ts": `import { Hono } from "hono";
import type { MockContext, VendorMock } from "${api}";
import { acmeDefects, acmeVariants } from "./mock-tables.ts";

interface AcmeSession { user: string; lastUsedAt: number }

function acmeApp(context: MockContext) {
  const sessions = new Map<string, AcmeSession>();
  let minted = 0;
  const live = (token: string | undefined): AcmeSession | undefined => {
    const session = token === undefined ? undefined : sessions.get(token);
    if (!session) return undefined;
    const idle = context.config.idleMs;
    if (idle !== undefined && !context.defect("never-idles") && context.clock.now() - session.lastUsedAt >= idle) {
      sessions.delete(token as string);
      return undefined;
    }
    session.lastUsedAt = context.clock.now();
    return session;
  };
  const bearer = (header: string | undefined) => /^Bearer (.+)$/.exec(header ?? "")?.[1];
  const users: Record<string, string> = { alice: "alice-password", bob: "bob-password" };
  const app = new Hono();
  app.post("/api/login", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { username?: string; password?: string };
    const known = body.username !== undefined && Object.hasOwn(users, body.username);
    if (!known || (body.password !== users[body.username as string] && !context.defect("login-ignores-password")))
      return c.json({ error: "invalid credentials" }, 401);
    minted++;
    const token = \`acme-\${minted}-\${Math.floor(context.clock.now())}-\${Math.random().toString(36).slice(2)}\`;
    context.issued(token, "token");
    sessions.set(token, { user: body.username as string, lastUsedAt: context.clock.now() });
    return c.json({ token });
  });
  app.get("/api/me", (c) => {
    const session = live(bearer(c.req.header("authorization")));
    return session ? c.json({ user: session.user }) : c.json({ error: "unauthenticated" }, 401);
  });
  app.post("/api/logout", (c) => {
    const token = bearer(c.req.header("authorization"));
    if (!live(token)) return c.json({ error: "unauthenticated" }, 401);
    if (!context.defect("logout-keeps-session")) sessions.delete(token as string);
    return context.config.options.logoutStatus === "200" ? c.json({ ok: true }) : c.body(null, 204);
  });
  return { app, sessions };
}

export const acmeMock: VendorMock = {
  id: "acme",
  title: "Acme Sessions API",
  defects: acmeDefects,
  variants: acmeVariants,
  defaults: { idleMs: 10 * 60_000, options: { logoutStatus: "204" } },
  optionHelp: { logoutStatus: "204 (default) or 200: what a logout answers" },
  users: { default: { username: "alice", password: "alice-password" }, other: { username: "bob", password: "bob-password" } },
  create(context) {
    const { app, sessions } = acmeApp(context);
    return {
      app,
      reset: () => sessions.clear(),
      openSessions: () => [...sessions.values()].map((s) => ({ user: s.user, createdAt: s.lastUsedAt, lastUsedAt: s.lastUsedAt })),
    };
  },
};
`,
    "suites/session.yaml": `vendor: acme
service: session
scenarios:
  - name: a login returns a token that authorises a call
    covers: [ACME-01]
    steps:
      - login: {}
        expect: { status: 200, session: valid, body: { token: { nonEmpty: true } } }
      - use: me
        expect: { status: 200, body: { user: "\${credentials.username}" } }

  - name: a wrong password is refused with 401 and no token
    covers: [ACME-02]
    tags: [wrong-credentials]
    steps:
      - login: { password: "wrong-\${random}" }
        expect: { status: 401, body: { token: { exists: false } } }

  - name: a logout ends the session
    covers: [ACME-03]
    steps:
      - login: {}
      - logout: {}
        expect: { status: [200, 204], session: invalid }

  - name: a session left unused past the idle timeout ends, and not before
    covers: [ACME-04]
    steps:
      - login: {}
      - expire: { idle: before }
      - use: me
        expect: { status: 200, session: valid }
      - expire: { idle: past }
      - use: me
        expect: { status: 401, session: invalid }
`,
  };
  for (const [name, text] of Object.entries(files)) writeFileSync(join(home, name), text);
  return home;
}
