import { Hono } from "hono";
import type { ExecutionContext } from "hono";
import { getPath } from "hono/utils/url";
import { AdjustableClock, type Clock, frozenClock } from "../time/clock.ts";
import { CONTROL_PREFIX, controlPlane } from "./control-plane.ts";
import { dateOnWriteHead } from "./dated-response.ts";
import { IssuedSecrets } from "./issued.ts";
import { Journal } from "./journal.ts";
import { isUnmodelled, unmodelledFallback } from "./unmodelled.ts";
import type { MockConfig, MockInstance, VendorMock } from "../vendor-api/mock.ts";

export interface MockHostOptions {
  /** What the mock's clock runs on: frozen (default, in-process runs) or the system clock (standalone). */
  baseClock?: Clock;
  idleMs?: number | undefined;
  lifetimeMs?: number | undefined;
  options?: Record<string, string>;
  defects?: readonly string[];
  /**
   * Serve every credential the mock minted at `/__sessionprobe/issued`, for leak proofs
   * (standalone mocks). The mock records them where it creates them, never by reading
   * its own responses with the redactor's rules.
   */
  recordIssued?: boolean;
}

export interface MockHost {
  vendor: VendorMock;
  app: Hono;
  clock: AdjustableClock;
  instance: MockInstance;
  config: MockConfig;
  activeDefects: Set<string>;
  journal: Journal;
  issued: IssuedSecrets;
}

const MAX_REQUEST_BYTES = 1024 * 1024;
const TOO_LARGE = "request body larger than 1 MiB refused";

/** What @hono/node-server hands a request beside it: Node's request and response, when served over a socket. */
interface NodeBindings {
  incoming?: { headers?: Record<string, string | string[] | undefined> };
  outgoing?: unknown;
}

/**
 * The Date header of the mock's clock, formatted once a second: it has a resolution of
 * seconds, and formatting a date for each of thousands of requests a second showed up
 * in the profile of a standalone mock.
 */
function httpDates(): (ms: number) => string {
  let second = Number.NaN;
  let text = "";
  return (ms) => {
    const now = Math.floor(ms / 1000);
    if (now !== second) {
      second = now;
      text = new Date(ms).toUTCString();
    }
    return text;
  };
}

const tooLarge = () => new Response(TOO_LARGE, { status: 413, headers: { "content-type": "text/plain; charset=UTF-8" } });

/** A chunked body read up to the limit: the request again with its body in memory, or undefined past the limit. */
async function withinLimit(request: Request): Promise<Request | undefined> {
  if (!request.body) return request;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_REQUEST_BYTES) {
      await reader.cancel().catch(() => {});
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.length;
  }
  return new Request(request, { body });
}

/** One vendor mock with its control plane, journal and clock, ready to be served or called in-process. */
export function createMockHost(vendor: VendorMock, options: MockHostOptions = {}): MockHost {
  const unknownDefects = (options.defects ?? []).filter((d) => !vendor.defects.some((known) => known.name === d));
  if (unknownDefects.length) {
    throw new Error(
      `unknown defect(s) for ${vendor.id}: ${unknownDefects.join(", ")}; known: ${vendor.defects.map((d) => d.name).join(", ")}`,
    );
  }
  const unknownOptions = Object.keys(options.options ?? {}).filter((name) => !(name in vendor.optionHelp));
  if (unknownOptions.length) {
    throw new Error(
      `unknown option(s) for the ${vendor.id} mock: ${unknownOptions.join(", ")}; known: ${Object.keys(vendor.optionHelp).join(", ") || "none"}`,
    );
  }
  const clock = new AdjustableClock(options.baseClock ?? frozenClock());
  const activeDefects = new Set(options.defects ?? []);
  const config: MockConfig = {
    idleMs: "idleMs" in options ? options.idleMs : vendor.defaults.idleMs,
    lifetimeMs: "lifetimeMs" in options ? options.lifetimeMs : vendor.defaults.lifetimeMs,
    options: { ...vendor.defaults.options, ...options.options },
  };
  const journal = new Journal();
  const issued = new IssuedSecrets();
  const instance = vendor.create({
    clock,
    config,
    defect: (name) => activeDefects.has(name),
    issued: (value) => {
      if (options.recordIssued) issued.add(value);
    },
  });

  // The control plane and the vendor's routes in one router, with no middleware: what
  // every request needs besides (the Date header, the size limit, the journal) is done
  // around it in `fetch`, so a request costs one routing and no middleware chain.
  const app = new Hono();
  app.route(
    CONTROL_PREFIX,
    controlPlane({ clock, instance, defects: vendor.defects, active: activeDefects, journal, issued, vendor: vendor.id }),
  );
  app.route("/", instance.app);
  // Whatever no route answers is unmodelled by default; the vendor only picks the answer.
  app.notFound(unmodelledFallback(instance));
  const dispatch = app.fetch;
  const httpDate = httpDates();

  const finish = (request: Request, response: Response, arrived: number, date: string, onSocket: boolean): Response => {
    let res = response;
    if (!onSocket) {
      // In-process (no socket): on the response itself; a response with immutable headers is copied first.
      try {
        res.headers.set("Date", date);
      } catch {
        res = new Response(res.body, res);
        res.headers.set("Date", date);
      }
    }
    const path = getPath(request);
    if (!path.startsWith(CONTROL_PREFIX)) journal.record(arrived, request.method, path, res.status, isUnmodelled(request));
    return res;
  };

  /** Every request: the mock's Date, the 1 MiB limit, the vendor's or the control plane's answer, then the journal. */
  const serve = (request: Request, env?: unknown, executionCtx?: ExecutionContext): Response | Promise<Response> => {
    // The mock's own notion of now, taken as the request arrives, so cookie expiry is judged
    // on the mock's clock. Over a socket it rides on Node's response, written with the
    // handler's headers (dated-response.ts), so those stay a plain object; in-process it is
    // set on the Response in `finish`.
    const arrived = clock.now();
    const date = httpDate(arrived);
    const bindings = env as NodeBindings | undefined;
    const onSocket = bindings?.outgoing !== undefined && dateOnWriteHead(bindings.outgoing, date);
    // A declared Content-Length is checked from the header; only a chunked body (no length)
    // is counted as it is read. Over a socket the headers are those Node has parsed already
    // (Node refuses a repeated or malformed Content-Length itself); in-process, the Request's.
    const nodeHeaders = bindings?.incoming?.headers;
    const length = nodeHeaders ? nodeHeaders["content-length"] : (request.headers.get("content-length") ?? undefined);
    if (length !== undefined) {
      if (Number(length) > MAX_REQUEST_BYTES) return finish(request, tooLarge(), arrived, date, onSocket);
    } else if (nodeHeaders ? nodeHeaders["transfer-encoding"] : request.headers.get("transfer-encoding")) {
      return withinLimit(request).then(async (limited) =>
        limited
          ? finish(limited, await dispatch(limited, env, executionCtx), arrived, date, onSocket)
          : finish(request, tooLarge(), arrived, date, onSocket),
      );
    }
    const answer = dispatch(request, env, executionCtx);
    return answer instanceof Promise
      ? answer.then((res) => finish(request, res, arrived, date, onSocket))
      : finish(request, answer, arrived, date, onSocket);
  };
  // `app.request` (the tests) and the server both call `fetch`: both go through `serve`.
  app.fetch = serve;
  return { vendor, app, clock, instance, config, activeDefects, journal, issued };
}
