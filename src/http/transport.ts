import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { performance } from "node:perf_hooks";
import type { Clock } from "../time/clock.ts";
import { parseBody } from "./body.ts";
import type { Exchange, HttpRequest, HttpResponse } from "./exchange.ts";
import { requestLine } from "./exchange.ts";
import { recordForHar } from "./har-recorder.ts";
import { learnExchangeSecrets } from "./learn-secrets.ts";
import { type ProxyAgents, type ProxyRoute, type ProxySetting, proxyAgents, routeFor } from "./proxy.ts";
import { DeadlineError, FailedAttempt, ProxyRefusal, StaleConnection, TransportError, transportError } from "./transport-errors.ts";

export { TransportError, type TransportReason } from "./transport-errors.ts";

export interface TlsOptions {
  /** Skip certificate verification. Loud: the summary and report say so. */
  insecure?: boolean;
  /** PEM text of the CA (or self-signed certificate) to trust. */
  ca?: string;
  /** The client certificate chain (PEM) and its private key (PEM), for servers that require mutual TLS. */
  cert?: string;
  key?: string;
  /** Or both in one PKCS#12 file. */
  pfx?: Buffer;
  /** Decrypts `key` or `pfx`. */
  passphrase?: string;
}

export interface TransportOptions {
  tls?: TlsOptions;
  /** Real targets only: the built-in mocks are always reached straight (unset = straight). */
  proxy?: ProxySetting | undefined;
  /** Per request: headers and body must arrive within this time. */
  timeoutMs: number;
  clock: Clock;
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** What one request brought back, before its body is parsed. */
interface Answer {
  status: number;
  distinct: NodeJS.Dict<string[]>;
  text: string;
}

/** Methods a client may repeat on its own: sending one twice has the effect of sending it once. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/**
 * Every header as the server sent it: `headersDistinct` keeps each repeat (plain `headers`
 * drops a second Content-Type or Location, which a conformance check must see), joined
 * with ", " as HTTP allows; Set-Cookie values are also kept one by one.
 */
function flattenHeaders(distinct: NodeJS.Dict<string[]>): { headers: Record<string, string>; setCookies: string[] } {
  const headers: Record<string, string> = {};
  for (const [name, values] of Object.entries(distinct)) if (values) headers[name] = values.join(", ");
  return { headers, setCookies: distinct["set-cookie"] ?? [] };
}

/** Idle keep-alive connections are dropped before a server's usual 5 s keep-alive timeout could close one under a request. */
const IDLE_CONNECTION_MS = 4_000;

/** The TLS options every https request carries: through a proxy they apply to the server inside the tunnel, not to the proxy. */
function tlsRequestOptions(tls: TlsOptions | undefined): Record<string, unknown> {
  return {
    rejectUnauthorized: !tls?.insecure,
    ...(tls?.ca ? { ca: tls.ca } : {}),
    ...(tls?.cert ? { cert: tls.cert } : {}),
    ...(tls?.key ? { key: tls.key } : {}),
    ...(tls?.pfx ? { pfx: tls.pfx } : {}),
    ...(tls?.passphrase ? { passphrase: tls.passphrase } : {}),
  };
}

/**
 * HTTP(S) through Node's own client: loaded with Node itself, where an HTTP client
 * package costs every Playwright worker a few hundred milliseconds of start-up to import.
 * The proxy agents are loaded only when a request goes through a proxy.
 */
export class Transport {
  private readonly direct: ProxyAgents = {
    http: new HttpAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
    https: new HttpsAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS }),
  };
  /** One pair of agents per proxy URL (credentials included: two accounts are two pools). */
  private readonly proxied = new Map<string, Promise<ProxyAgents>>();
  private readonly tls: Record<string, unknown>;

  constructor(private readonly options: TransportOptions) {
    this.tls = tlsRequestOptions(options.tls);
  }

  async send(req: HttpRequest, label: string, timeoutMs = this.options.timeoutMs): Promise<Exchange> {
    const startedAt = this.options.clock.now();
    const t0 = performance.now();
    let response: HttpResponse | undefined;
    try {
      response = await this.once(req, timeoutMs);
      for (
        let hops = 0;
        req.followRedirects && hops < 5 && response.status >= 300 && response.status < 400 && response.headers.location;
        hops++
      ) {
        response = await this.once(
          { ...req, method: "GET", url: new URL(response.headers.location, req.url).href, headers: req.headers },
          timeoutMs,
        );
      }
    } catch (error) {
      learnExchangeSecrets(req, undefined);
      throw transportError(error, { req, timeoutMs, clientCertificate: this.offersClientCertificate });
    }
    learnExchangeSecrets(req, response);
    const exchange = { request: req, response, startedAt, durationMs: Math.round(performance.now() - t0), label };
    recordForHar(exchange);
    return exchange;
  }

  private get offersClientCertificate(): boolean {
    return Boolean(this.options.tls?.cert || this.options.tls?.pfx);
  }

  /** One request on the wire; an AppTransport (src/in-process/app-transport.ts) hands it to a mock's app instead. */
  protected async once(req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const { status, distinct, text } = await this.exchange(req, timeoutMs);
    const { headers, setCookies } = flattenHeaders(distinct);
    return { status, headers, setCookies, text, ...(await parseBody(headers["content-type"] ?? "", text)) };
  }

  private async agentsFor(route: ProxyRoute | undefined): Promise<ProxyAgents> {
    if (!route) return this.direct;
    let agents = this.proxied.get(route.url.href);
    if (!agents) {
      agents = proxyAgents(route, { timeout: IDLE_CONNECTION_MS });
      this.proxied.set(route.url.href, agents);
    }
    return agents;
  }

  /**
   * Sends `req` and reads the whole answer, all within `timeoutMs`. A kept-alive connection
   * the server closed just as it was reused fails before any answer; an idempotent request
   * is then sent once more on a new connection (RFC 9110 §9.2.2), as Node's documentation
   * advises. Anything else is never repeated: a second login would be a second session.
   */
  private async exchange(req: HttpRequest, timeoutMs: number): Promise<Answer> {
    const deadline = performance.now() + timeoutMs;
    let route: ProxyRoute | undefined;
    try {
      route = await routeFor(new URL(req.url), this.options.proxy);
      const via = { route, agents: await this.agentsFor(route) };
      try {
        return await this.attempt(req, timeoutMs, via);
      } catch (error) {
        if (!(error instanceof StaleConnection)) throw error;
        return await this.attempt(req, Math.max(1, deadline - performance.now()), via);
      }
    } catch (error) {
      throw transportError(error, { req, timeoutMs, route, clientCertificate: this.offersClientCertificate });
    }
  }

  /** One try: any failure ends the request and its connection. */
  private attempt(req: HttpRequest, timeoutMs: number, via: { route: ProxyRoute | undefined; agents: ProxyAgents }): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const url = new URL(req.url);
      const secure = url.protocol === "https:";
      const send = secure ? httpsRequest : httpRequest;
      let answered = false;
      let settled = false;
      let refusal: ProxyRefusal | undefined;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        finish();
      };
      const fail = (error: unknown) =>
        settle(() => {
          outgoing.destroy();
          const code = (error as { code?: string }).code ?? "";
          const stale = outgoing.reusedSocket && !answered && IDEMPOTENT.has(req.method.toUpperCase()) && /^(ECONNRESET|EPIPE)$/.test(code);
          reject(stale ? new StaleConnection() : new FailedAttempt(error, secure && !outgoing.reusedSocket && !answered));
        });
      const options = {
        method: req.method,
        headers: req.headers,
        agent: secure ? via.agents.https : via.agents.http,
        ...(secure ? this.tls : {}),
      };
      const outgoing = send(url, options, (res) => {
        answered = true;
        // A proxy that refused the tunnel hands its own answer back as if it were the server's; 407 is only ever a proxy's.
        const proxyAnswer = refusal ?? (via.route && res.statusCode === 407 ? new ProxyRefusal(407, res.statusMessage ?? "") : undefined);
        if (proxyAnswer) {
          res.resume();
          fail(proxyAnswer);
          return;
        }
        this.readBody(req, res).then(
          (text) => settle(() => resolve({ status: res.statusCode ?? 0, distinct: res.headersDistinct, text })),
          fail,
        );
      });
      outgoing.on("proxyConnect", (connect: { statusCode?: number; statusText?: string }) => {
        if (connect.statusCode !== undefined && connect.statusCode !== 200)
          refusal = new ProxyRefusal(connect.statusCode, connect.statusText ?? "");
      });
      const timer = setTimeout(() => fail(new DeadlineError(`no complete answer within ${timeoutMs} ms`)), timeoutMs);
      outgoing.on("error", fail);
      outgoing.end(req.body ?? undefined);
    });
  }

  private async readBody(req: HttpRequest, res: IncomingMessage): Promise<string> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.destroy();
        throw new TransportError(
          "BODY_TOO_LARGE",
          `${requestLine(req)}: the response body exceeds ${MAX_BODY_BYTES} bytes; refusing to read more`,
          requestLine(req),
        );
      }
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks).toString("utf8");
  }

  async close(): Promise<void> {
    this.direct.http.destroy();
    this.direct.https.destroy();
    const proxied = await Promise.allSettled(this.proxied.values());
    for (const agents of proxied) {
      if (agents.status !== "fulfilled") continue;
      agents.value.http.destroy();
      agents.value.https.destroy();
    }
  }
}
