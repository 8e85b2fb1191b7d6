import { parseBody } from "../http/body.ts";
import type { HttpResponse } from "../http/exchange.ts";
import { createMockHost, type MockHost } from "../mock-kit/host.ts";
import type { MockVariant, VendorMock } from "../vendor-api/mock.ts";
import { variantSetup } from "../vendors/variants.ts";
import { compareResponse } from "./compare.ts";
import type { RecordedExchange, RecordedRequest } from "./corpus.ts";
import { type EvidenceProfile, profileOf } from "./profiles.ts";

/** An in-process mock's address: nothing listens there, requests go to the app itself. */
const ORIGIN = "http://127.0.0.1:9";
const PLACEHOLDER = /\{\{([\w-]+)\}\}/g;

export interface ReplayResult {
  exchange: RecordedExchange;
  /** faithful: answered like the recording; different: see differences; skipped: see reason. */
  outcome: "faithful" | "different" | "skipped";
  differences: string[];
  reason?: string;
  /** The mock's answer (for the schema check and the CLI's report). */
  response?: HttpResponse;
}

/** Placeholder values a replay fills in: the mock's seeded user, and what the mock's answers bound. */
class Bindings {
  readonly values: Record<string, string>;
  constructor(mock: VendorMock) {
    const user = mock.users.default;
    // A bearer token of a cloud tenant's OAuth client: the mocks model no OAuth, so it is sent as a value nobody issued.
    this.values = {
      username: user?.username ?? "",
      password: user?.password ?? "",
      "wrong-password": "sp-wrong-password",
      cookie: "sp-recorded",
      bearer: "sp-recorded-bearer",
    };
  }
  missing(request: RecordedRequest): string[] {
    const text = JSON.stringify(request);
    return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? ""))].filter((name) => this.values[name] === undefined);
  }
  fill(text: string, encode: (value: string) => string = (v) => v): string {
    return text.replace(PLACEHOLDER, (written, name: string) => {
      const value = this.values[name];
      return value === undefined ? written : encode(value);
    });
  }
}

const xmlEscape = (v: string) => v.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function requestOf(request: RecordedRequest, bindings: Bindings, basePath: string): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers ?? {})) headers.set(name, bindings.fill(value));
  const type = (request.headers?.["content-type"] ?? "").toLowerCase();
  let body: string | undefined;
  if (request.body !== undefined) body = bindings.fill(JSON.stringify(request.body), (v) => JSON.stringify(v).slice(1, -1));
  else if (request.text !== undefined)
    body = bindings.fill(request.text, type.includes("xml") ? xmlEscape : type.includes("form") ? encodeURIComponent : (v) => v);
  const init: RequestInit = { method: request.method, headers };
  if (body !== undefined && request.method !== "GET" && request.method !== "HEAD") init.body = body;
  return new Request(`${ORIGIN}${basePath}${bindings.fill(request.path)}`, init);
}

async function send(host: MockHost, request: Request): Promise<HttpResponse> {
  const res = await host.app.fetch(request);
  const text = await res.text();
  const headers: Record<string, string> = {};
  res.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const setCookies = res.headers.getSetCookie();
  return { status: res.status, headers, setCookies, text, ...(await parseBody(headers["content-type"] ?? "", text)) };
}

async function login(host: MockHost, profile: EvidenceProfile, bindings: Bindings, basePath: string): Promise<void> {
  const response = await send(host, requestOf(profile.login, bindings, basePath));
  Object.assign(bindings.values, profile.bind(response));
}

/** Opens a session and ends it, so `{{ended-x}}` holds an ended session's credential; the other bindings stay as they were. */
async function endSession(
  host: MockHost,
  profile: EvidenceProfile,
  bindings: Bindings,
  at: { basePath: string; ended: string },
): Promise<void> {
  if (!profile.logout) return;
  // The session is opened under the logout's own name (`token`), ended, and kept as `ended-<name>`.
  const held = { ...bindings.values };
  await login(host, profile, bindings, at.basePath);
  const opened = Object.keys(bindings.values).find((k) => bindings.values[k] !== held[k] && k !== "xsrf");
  if (opened === undefined) return;
  const token = bindings.values[opened] as string;
  await send(host, requestOf(profile.logout, bindings, at.basePath));
  bindings.values[at.ended] = token;
  if (held[opened] === undefined) delete bindings.values[opened];
  else bindings.values[opened] = held[opened] as string;
}

/**
 * Replays recorded exchanges in order against a fresh in-process mock (optionally a legal
 * variant of it): placeholders are filled with the mock's seeded user and with what its
 * own answers bound (the token its login issued); where a recording starts with a session
 * already open, the vendor's login is sent first. Each answer is compared with the recording.
 */
export async function replayExchanges(options: {
  mock: VendorMock;
  exchanges: readonly RecordedExchange[];
  variant?: MockVariant;
  /** Replay exchanges a mock models no route for, too (a user's HAR: every request counts). */
  includeNotModelled?: boolean;
}): Promise<ReplayResult[]> {
  const { mock } = options;
  const profile = await profileOf(mock.id);
  const host = createMockHost(mock, { ...variantSetup(options.variant).host, recordIssued: false });
  const basePath = mock.basePath ?? profile.basePath?.({ ...mock.defaults.options, ...options.variant?.options }) ?? "";
  const bindings = new Bindings(mock);
  const results: ReplayResult[] = [];
  for (const exchange of options.exchanges) {
    if (exchange.notModelled && !options.includeNotModelled) {
      results.push({ exchange, outcome: "skipped", differences: [], reason: exchange.notModelled });
      continue;
    }
    let missing = bindings.missing(exchange.request);
    for (const ended of missing.filter((name) => name.startsWith("ended-"))) await endSession(host, profile, bindings, { basePath, ended });
    missing = bindings.missing(exchange.request);
    if (missing.length) {
      await login(host, profile, bindings, basePath);
      missing = bindings.missing(exchange.request);
    }
    if (missing.length) {
      results.push({
        exchange,
        outcome: "skipped",
        differences: [],
        reason: `needs ${missing.map((m) => `{{${m}}}`).join(", ")}, which no login binds`,
      });
      continue;
    }
    const response = await send(host, requestOf(exchange.request, bindings, basePath));
    for (const [key, value] of Object.entries(profile.bind(response, exchange.request.path)))
      bindings.values[exchange.binds?.[key] ?? key] = value;
    const differences = compareResponse(exchange.response, response, profile);
    results.push({ exchange, outcome: differences.length ? "different" : "faithful", differences, response });
  }
  return results;
}
