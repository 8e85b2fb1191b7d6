import { checkResponse } from "../engine/expectations.ts";
import type { EngineHooks, SourceLocation } from "../engine/hooks.ts";
import { parseBody } from "../http/body.ts";
import { bodyPath } from "../http/body-path.ts";
import type { Exchange, HttpResponse } from "../http/exchange.ts";
import { MockRun } from "../in-process/mock-run.ts";
import { variantSetup } from "../vendors/variants.ts";
import type { VendorMock } from "../vendor-api/mock.ts";
import type { Expect } from "../scenario/schema.ts";
import type { LoadedSuite } from "../scenario/load.ts";
import type { RecordedExchange, RecordedResponse } from "./corpus.ts";
import { type EvidenceProfile, profileOf } from "./profiles.ts";
import { type PlainRequest, recordedContext, requestSignature, type SignatureContext } from "./signature.ts";
import { type Clock, systemClock } from "../time/clock.ts";

/** One step of a suite as it ran on the clean mock: where it is written, what it asserts, and what it asked. */
export interface SuiteStep {
  file: string;
  line: number;
  covers: readonly string[];
  expect: Expect;
  signature: string;
}

/** A verdict of one assertion of one step on one recorded answer. */
export interface AssertionVerdict {
  step: SuiteStep;
  exchange: RecordedExchange;
  /** status, header x, cookie x, body.path, text, schema x. */
  assertion: string;
  outcome: "accepted" | "contradicted" | "not evaluable";
  /** Why it failed, or why it cannot be judged on this recording. */
  detail?: string;
}

/** Routes whose answer ends a session, changes a password or moves on from a first login: later steps see another state than a recording's fresh one. */
const STATE_CHANGING = /logout|logoutbyhandle|password|_action=refresh/i;
const changesState = (request: Exchange["request"]) => request.method === "DELETE" || STATE_CHANGING.test(request.url);

function plainOf(exchange: Exchange, basePath: string): PlainRequest {
  const url = new URL(exchange.request.url);
  const path = url.pathname.startsWith(basePath) ? url.pathname.slice(basePath.length) : url.pathname;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(exchange.request.headers)) headers[name.toLowerCase()] = value;
  return { method: exchange.request.method, path: `${path}${url.search}`, headers, text: exchange.request.body ?? "" };
}

/**
 * Runs every suite of the mock's vendor on the clean mock and keeps, for each step that
 * ran while its scenario's sessions were still fresh (before any logout, password change,
 * expiry or third login), the request it sent (as a signature) and its `expect:`.
 * Steps after such a change ask about a state no recording shows, so none applies to them.
 */
export async function suiteSteps(mock: VendorMock, suites: readonly LoadedSuite[]): Promise<SuiteStep[]> {
  const profile = await profileOf(mock.id);
  const { host, declared } = variantSetup(undefined);
  const run = await MockRun.start(mock, { ...host, recordIssued: true }, declared);
  const basePath =
    new URL(run.target.baseUrl).pathname.replace(/\/+$/, "") +
    (mock.basePath ? "" : (profile.basePath?.({ ...mock.defaults.options, ...declared.options }) ?? ""));
  const steps: SuiteStep[] = [];
  try {
    for (const { suite, loaded } of run.scenarios(suites)) {
      const pending: { location: SourceLocation; exchange: Exchange; covers: readonly string[] }[] = [];
      let fresh = true;
      let logins = 0;
      const byLine = new Map(loaded.steps.map((s) => [s.position.line, s]));
      const hooks: EngineHooks = {
        step: async (_title, location, body, meta) => {
          const loadedStep = byLine.get(location.line);
          if (loadedStep?.verb === "expire") fresh = false;
          if (loadedStep?.verb === "login" && ++logins > 2) fresh = false;
          const result = (await body()) as { exchange?: Exchange } | undefined;
          if (fresh && loadedStep?.step.expect && result?.exchange)
            pending.push({ location, exchange: result.exchange, covers: meta?.covers ?? [] });
          if (result?.exchange && changesState(result.exchange.request)) fresh = false;
          return result as never;
        },
        exchange: async (exchange) => {
          if (changesState(exchange.request) && exchange.response.status < 400) fresh = false;
        },
        note: () => {},
        log: () => {},
      };
      await run.run(suite, loaded, { hooks });
      const issued = new Set(await issuedValues(run));
      const ctx = mockContext(mock, profile, issued);
      for (const p of pending) {
        const loadedStep = byLine.get(p.location.line);
        if (!loadedStep?.step.expect) continue;
        steps.push({
          file: suite.file,
          line: p.location.line,
          covers: p.covers,
          expect: loadedStep.step.expect,
          signature: requestSignature(plainOf(p.exchange, basePath), ctx),
        });
      }
    }
  } finally {
    await run.stop();
  }
  return steps;
}

async function issuedValues(run: MockRun): Promise<string[]> {
  const exchange = await run.transport.send({ method: "GET", url: `${run.target.controlUrl}/issued`, headers: {} }, "issued");
  return ((exchange.response.parsed as { values?: string[] } | undefined)?.values ?? []).filter((v) => typeof v === "string");
}

function mockContext(mock: VendorMock, profile: EvidenceProfile, issued: ReadonlySet<string>): SignatureContext {
  return {
    profile,
    credential: (value) => (issued.has(value) ? "live" : "forged"),
    rightPassword: (username, password, path) =>
      Object.values(mock.users).some(
        (u) => u.username === username && u.password === password && (u.realm === undefined || u.realm === realmOfPath(path)),
      ),
  };
}

/**
 * The realm an AM path names (`…/realms/root/realms/alpha/authenticate` is "/alpha"): a user's
 * right password sent to another realm is a wrong login there. Paths without realms name none.
 */
function realmOfPath(path: string): string | undefined {
  const match = /\/realms\/root((?:\/realms\/[^/?]+)*)\//.exec(path);
  if (!match) return undefined;
  const nested = (match[1] ?? "").split("/realms/").filter(Boolean);
  return `/${nested.join("/")}`;
}

/** The recorded answer as the engine reads a response. */
export async function recordedHttpResponse(recorded: RecordedResponse): Promise<HttpResponse & { bodyKept: boolean }> {
  const headers: Record<string, string> = { ...recorded.headers };
  const text = recorded.text ?? (recorded.body !== undefined ? JSON.stringify(recorded.body) : "");
  const bodyKept = recorded.text !== undefined || recorded.body !== undefined;
  return {
    status: recorded.status,
    headers,
    setCookies: recorded.setCookies ?? [],
    text,
    bodyKept,
    ...(await parseBody(headers["content-type"] ?? "", text)),
  };
}

/** A step's `expect:` as single assertions, each judged alone. */
function splitExpect(expect: Expect): { name: string; part: Expect; needs: "status" | "header" | "cookies" | "body" }[] {
  const parts: { name: string; part: Expect; needs: "status" | "header" | "cookies" | "body" }[] = [];
  if (expect.status !== undefined) parts.push({ name: "status", part: { status: expect.status }, needs: "status" });
  for (const [name, m] of Object.entries(expect.headers ?? {}))
    parts.push({ name: `header ${name}`, part: { headers: { [name]: m } }, needs: "header" });
  for (const [name, c] of Object.entries(expect.cookies ?? {}))
    parts.push({ name: `cookie ${name}`, part: { cookies: { [name]: c } }, needs: "cookies" });
  for (const [path, m] of Object.entries(expect.body ?? {}))
    parts.push({ name: `body.${path}`, part: { body: { [path]: m } }, needs: "body" });
  if (expect.text !== undefined) parts.push({ name: "text", part: { text: expect.text }, needs: "body" });
  if (expect.schema) parts.push({ name: `schema ${expect.schema}`, part: { schema: expect.schema }, needs: "body" });
  return parts;
}

/** Whether a failure may come from a value the corpus replaced (a token) rather than from the server. */
function readsStrippedValue(response: HttpResponse, name: string, failures: readonly string[]): boolean {
  if (!response.text.includes("{{")) return false;
  if (name.startsWith("body.")) return JSON.stringify(bodyPath(response.parsed, name.slice(5)) ?? "").includes("{{");
  if (name === "text") return true;
  if (name.startsWith("schema")) {
    return failures.every((f) => {
      const pointer = /: (\/[^ ]*) /.exec(f)?.[1];
      return pointer !== undefined && JSON.stringify(bodyPath(response.parsed, pointer.slice(1).replace(/\//g, ".")) ?? "").includes("{{");
    });
  }
  return false;
}

/**
 * Every assertion of every suite step whose request asks what a recorded request asked,
 * judged on the recorded answer with the engine's own expectation code. An assertion the
 * recording cannot decide (a header it did not keep, a body kept only as a key set, a
 * value written with the run's own `${…}`) is counted apart, never as accepted.
 */
export async function judgeSuiteOnCorpus(
  vendor: string,
  steps: readonly SuiteStep[],
  exchanges: readonly RecordedExchange[],
  clock: Clock = systemClock,
): Promise<AssertionVerdict[]> {
  const ctx = recordedContext(await profileOf(vendor));
  const verdicts: AssertionVerdict[] = [];
  for (const exchange of exchanges) {
    const { request } = exchange;
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const text = request.text ?? (request.body !== undefined ? JSON.stringify(request.body) : "");
    const signature = requestSignature({ method: request.method, path: request.path, headers, text }, ctx);
    const matching = steps.filter((s) => s.signature === signature);
    if (!matching.length) continue;
    const response = await recordedHttpResponse(exchange.response);
    for (const step of matching) {
      for (const { name, part, needs } of splitExpect(step.expect)) {
        const base = { step, exchange, assertion: name };
        if (JSON.stringify(part).includes("${")) {
          verdicts.push({ ...base, outcome: "not evaluable", detail: "written with a value of the run (${…})" });
          continue;
        }
        if (needs === "body" && !response.bodyKept) {
          verdicts.push({ ...base, outcome: "not evaluable", detail: "the recording keeps only the body's key or element set" });
          continue;
        }
        if (needs === "header") {
          const headerName = name.slice("header ".length).toLowerCase();
          if (response.headers[headerName] === undefined) {
            verdicts.push({ ...base, outcome: "not evaluable", detail: "the recording does not keep that header" });
            continue;
          }
        }
        if (needs === "cookies" && !exchange.response.setCookies) {
          verdicts.push({ ...base, outcome: "not evaluable", detail: "the source shows no Set-Cookie headers" });
          continue;
        }
        const { failures } = checkResponse(response, part, clock.now());
        if (!failures.length) verdicts.push({ ...base, outcome: "accepted" });
        else if (readsStrippedValue(response, name, failures))
          verdicts.push({ ...base, outcome: "not evaluable", detail: "it reads a value the corpus replaced with a placeholder" });
        else verdicts.push({ ...base, outcome: "contradicted", detail: failures.join("; ") });
      }
    }
  }
  return verdicts;
}
