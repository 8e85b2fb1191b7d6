import {
  CallbackType,
  Config,
  FRAuth,
  type FRLoginSuccess,
  type FRStep,
  type NameCallback,
  type PasswordCallback,
  SessionManager,
  StepType,
} from "@forgerock/javascript-sdk";
import { expect, test } from "@playwright/test";
import { openam } from "../../src/vendors/openam/driver/index.ts";
import { createDriverContext } from "../../src/engine/driver-context.ts";
import { Transport } from "../../src/http/transport.ts";
import { type RunningMock, startMock } from "../../src/mock-kit/server.ts";
import { openamMock } from "../../src/vendors/openam/mock/index.ts";
import { seededUsers } from "../../src/vendors/openam/mock/users.ts";
import { systemClock } from "../../src/time/clock.ts";

/**
 * Interoperability with a real client: @forgerock/javascript-sdk (pinned 4.9.1) logs in with
 * FRAuth callbacks against the mock over HTTP and logs out with SessionManager.logout(); the
 * harness's own driver then checks, with validate, that the SDK's logout really ended the
 * session. Wire notes §4: Node's fetch keeps no cookies, so a middleware adds the SSO header
 * on LOGOUT; a custom token store keeps the SDK away from localStorage.
 */

// The SDK's .d.ts files import without extensions, which NodeNext resolution cannot follow: its
// types come out as any here, so the shapes this test relies on are spelled out (config/interfaces.d.ts).
type Tokens = Record<string, unknown>;
interface TokenStoreObject {
  get(clientId: string): Promise<Tokens>;
  set(clientId: string, tokens: Tokens): Promise<void>;
  remove(clientId: string): Promise<void>;
}
interface RequestObj {
  url: URL;
  init: RequestInit;
}
type RequestMiddleware = (req: RequestObj, action: { type: string }, next: () => RequestObj) => void;

// The SDK races each request against a setTimeout it never clears: keep it short, and let it run out before the test ends.
const SDK_TIMEOUT_MS = 500;

let running: RunningMock;
let transport: Transport;

test.beforeAll(async () => {
  running = await startMock(openamMock);
  transport = new Transport({ timeoutMs: 5_000, clock: systemClock });
});

test.afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, SDK_TIMEOUT_MS + 50));
  await transport.close();
  await running.close();
});

function memoryTokenStore(): TokenStoreObject {
  const tokens = new Map<string, Tokens>();
  return {
    get: async (clientId) => tokens.get(clientId) ?? {},
    set: async (clientId, value) => void tokens.set(clientId, value),
    remove: async (clientId) => void tokens.delete(clientId),
  };
}

/** The driver's validate action, through the harness's own Transport: the judge is not the SDK. */
async function validate(tokenId: string): Promise<{ status: number; body: unknown }> {
  const ctx = createDriverContext({
    target: { name: "openam-sdk", vendor: "openam", baseUrl: `${running.baseUrl}/am`, options: {} },
    transport,
    now: () => Date.now(),
    stepTimeoutMs: () => 5_000,
  });
  const spec = openam.actions.validate;
  if (!spec) throw new Error("the openam driver has no validate action");
  const { exchange } = await spec.run(ctx, undefined, { tokenId });
  return { status: exchange.response.status, body: exchange.response.parsed };
}

test("openam: the ForgeRock JS SDK logs in with callbacks and its logout ends the session", async () => {
  const user = seededUsers.demo;
  if (!user) throw new Error("the openam mock has no demo user");
  let sessionToken = "";
  const seen: string[] = [];
  const addSsoHeader: RequestMiddleware = (req, action, next) => {
    seen.push(String(action.type));
    if (String(action.type) === "LOGOUT" && sessionToken) {
      const headers = new Headers(req.init.headers);
      headers.set("iPlanetDirectoryPro", sessionToken);
      req.init.headers = headers;
    }
    next();
  };
  Config.set({
    serverConfig: { baseUrl: `${running.baseUrl}/am/`, timeout: SDK_TIMEOUT_MS },
    realmPath: "root",
    tree: "Login",
    tokenStore: memoryTokenStore(),
    middleware: [addSsoHeader],
  });

  const first = await FRAuth.next();
  expect(first.type, "the first answer is a callback step").toBe(StepType.Step);
  const step = first as FRStep;
  step.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName(user.username);
  step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword(user.password);
  const done = await FRAuth.next(step);
  expect(done.type, "the filled step logs in").toBe(StepType.LoginSuccess);
  sessionToken = (done as FRLoginSuccess).getSessionToken() ?? "";
  expect(sessionToken).not.toBe("");
  expect((done as FRLoginSuccess).getRealm()).toBe("/");

  expect(await validate(sessionToken)).toEqual({ status: 200, body: expect.objectContaining({ valid: true, uid: user.username }) });

  const response = await SessionManager.logout();
  expect(response.status).toBe(200);
  // The SDK accepts any 2xx or 4xx and never reads the body: the harness checks it.
  expect(await response.json()).toEqual({ result: "Successfully logged out" });
  expect(seen).toContain("LOGOUT");

  expect(await validate(sessionToken)).toEqual({ status: 200, body: { valid: false } });
  expect(running.host.instance.openSessions()).toEqual([]);
});

test("openam: a wrong password through the SDK is a LoginFailure with AM's 401", async () => {
  Config.set({
    serverConfig: { baseUrl: `${running.baseUrl}/am/`, timeout: SDK_TIMEOUT_MS },
    realmPath: "root",
    tree: "Login",
    tokenStore: memoryTokenStore(),
  });
  const step = (await FRAuth.next()) as FRStep;
  step.getCallbackOfType<NameCallback>(CallbackType.NameCallback).setName("demo");
  step.getCallbackOfType<PasswordCallback>(CallbackType.PasswordCallback).setPassword("not-the-password");
  const failed = await FRAuth.next(step);
  expect(failed.type).toBe(StepType.LoginFailure);
  expect(running.host.instance.openSessions()).toEqual([]);
});
