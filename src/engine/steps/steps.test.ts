import { expect, test } from "@playwright/test";
import type { Exchange, HttpRequest } from "../../http/exchange.ts";
import { STEP_VERBS } from "../../scenario/schema-names.ts";
import type { ResolvedTarget } from "../../targets/types.ts";
import type { DriverContext, Session, VendorDriver } from "../../vendor-api/driver.ts";
import { probeName, probeSession } from "../probe.ts";
import { SessionLedger } from "../session-ledger.ts";
import { runStepVerb, type StepContext, stepHandlers } from "./index.ts";

/** A context that answers every request with `status` and keeps what was sent. */
function fakeContext(status: number): DriverContext & { sent: { request: HttpRequest; label: string }[] } {
  const sent: { request: HttpRequest; label: string }[] = [];
  return {
    sent,
    target: { name: "t", vendor: "fake", baseUrl: "https://fake.example", options: {} },
    url: (path) => `https://fake.example${path}`,
    secret: () => {},
    now: () => 0,
    async send(request, meta) {
      sent.push({ request, label: meta.label });
      const response = { status, headers: {}, setCookies: [], text: "" };
      return { request, response, startedAt: 0, durationMs: 0, label: meta.label } satisfies Exchange;
    },
  };
}

function fakeDriver(probe: VendorDriver["probe"]): VendorDriver {
  return {
    id: "fake",
    title: "fake",
    services: ["s"],
    calls: { ping: { description: "GET /ping", build: (ctx) => ({ method: "GET", url: ctx.url("/ping"), headers: {} }) } },
    probe,
    actions: {},
    documentedTimeouts: {},
    deploymentOptions: {},
    login: async () => {
      throw new Error("not used");
    },
    authorize: (_ctx, _session, request) => ({ ...request, headers: { ...request.headers, "x-token": "t" } }),
    logout: async () => {
      throw new Error("not used");
    },
    classify: (exchange) => (exchange.response.status === 200 ? "ok" : "unauthenticated"),
  };
}

function stepContext(driver: VendorDriver, ctx: DriverContext): StepContext {
  const ledger = new SessionLedger();
  ledger.create("default").open = true;
  return {
    driver,
    target: { name: "t", users: {} } as unknown as ResolvedTarget,
    ctx,
    ledger,
    where: "[t] step 1",
    credentials: {},
    optionScope: {},
    onServerVersion: () => {},
    sessionName: "default",
    time: { description: "fixed", now: () => 0, pass: async () => {} },
    log: () => {},
    lastAnsweredAt: undefined,
  };
}

test("every verb of the language has a handler of its own kind", () => {
  expect(Object.keys(stepHandlers).sort()).toEqual([...STEP_VERBS].sort());
  for (const [verb, handler] of Object.entries(stepHandlers)) expect(handler.verb).toBe(verb);
});

test("a step runs by the verb it was loaded as, and a step whose keys disagree with its verb is refused", async () => {
  const ctx = fakeContext(200);
  const context = stepContext(fakeDriver({ call: "ping" }), ctx);
  const result = await runStepVerb("use", { use: "ping" }, context);
  expect(result?.exchange.response.status).toBe(200);
  expect(ctx.sent.map((s) => [s.label, s.request.headers["x-token"]])).toEqual([["use ping", "t"]]);
  await expect(runStepVerb("logout", { use: "ping" }, context)).rejects.toThrow(/a step given as logout has no logout: key/);
  expect(ctx.sent).toHaveLength(1);
});

test("an unknown call or action is a setup error naming it, also for a name an object inherits", async () => {
  const context = stepContext(fakeDriver({ call: "ping" }), fakeContext(200));
  await expect(runStepVerb("use", { use: "constructor" }, context)).rejects.toThrow(/unknown call constructor/);
  await expect(runStepVerb("action", { action: "to-string" }, context)).rejects.toThrow(/unknown action to-string/);
});

test("the probe is a named call, classified, or the driver's own request, named for the reports", async () => {
  const session = { name: "default", state: {}, open: true } as unknown as Session;
  const byCall = fakeDriver({ call: "ping" });
  const ctx = fakeContext(401);
  expect(probeName(byCall)).toBe("ping");
  expect((await probeSession(byCall, ctx, session)).verdict).toBe("unauthenticated");
  expect(ctx.sent.map((s) => s.label)).toEqual(["probe ping"]);

  const own = fakeDriver({
    name: "validate",
    run: async (c) => ({ verdict: "ok", exchange: await c.send({ method: "POST", url: c.url("/v"), headers: {} }, { label: "own" }) }),
  });
  const ownCtx = fakeContext(401);
  expect(probeName(own)).toBe("validate");
  expect((await probeSession(own, ownCtx, session)).verdict).toBe("ok");
  expect(ownCtx.sent.map((s) => s.label)).toEqual(["own"]);

  await expect(probeSession(fakeDriver({ call: "nope" }), ctx, session)).rejects.toThrow(/names probe call nope, which it does not define/);
});
