import { Agent as HttpAgent, type IncomingMessage, request as httpRequest } from "node:http";
import { Agent as HttpsAgent, request as httpsRequest } from "node:https";
import { performance } from "node:perf_hooks";
import type { Clock } from "../time/clock.ts";
import { parseBody } from "./body.ts";
import type { Exchange, HttpRequest, HttpResponse } from "./exchange.ts";
import { requestLine } from "./exchange.ts";
import { learnExchangeSecrets } from "./learn-secrets.ts";

export interface TlsOptions {
  /** Skip certificate verification. Loud: the summary and report say so. */
  insecure?: boolean;
  /** PEM text of the CA (or self-signed certificate) to trust. */
  ca?: string;
}

export interface TransportOptions {
  tls?: TlsOptions;
  /** Per request: headers and body must arrive within this time. */
  timeoutMs: number;
  clock: Clock;
}

export type TransportErrorCode =
  | "TIMEOUT"
  | "CONNECTION_REFUSED"
  | "CONNECTION_RESET"
  | "TLS_CERTIFICATE"
  | "NOT_HTTP"
  | "BODY_TOO_LARGE"
  | "NETWORK";

/** The server could not be talked to at all: kept apart from contract failures. */
export class TransportError extends Error {
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    readonly requestLine: string,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

const MAX_BODY_BYTES = 8 * 1024 * 1024;
const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME_MISMATCH|ALTNAME/;

/** What one request brought back, before its body is parsed. */
interface Answer {
  status: number;
  distinct: NodeJS.Dict<string[]>;
  text: string;
}

/** Methods a client may repeat on its own: sending one twice has the effect of sending it once. */
const IDEMPOTENT = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"]);

/** A reused keep-alive connection turned out closed before any answer came. */
class StaleConnection extends Error {}

/** The request's deadline passed: headers and body must both arrive within the step timeout. */
class DeadlineError extends Error {}

function transportError(error: unknown, req: HttpRequest, timeoutMs: number): TransportError {
  const line = requestLine(req);
  const origin = new URL(req.url).origin;
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code ?? "";
  const message = err.cause?.message ?? err.message ?? String(error);
  if (error instanceof DeadlineError || code === "ETIMEDOUT") {
    return new TransportError(
      "TIMEOUT",
      `${line}: no complete answer from ${origin} within ${timeoutMs} ms (the server hangs or is overloaded); raise the step timeout with timeout: on the target if it is just slow`,
      line,
    );
  }
  if (code === "ECONNREFUSED")
    return new TransportError(
      "CONNECTION_REFUSED",
      `${line}: connection refused by ${origin}: is the server running, and is baseUrl right?`,
      line,
    );
  if (code === "ECONNRESET" || code === "EPIPE")
    return new TransportError("CONNECTION_RESET", `${line}: ${origin} closed the connection before answering (${code})`, line);
  if (TLS_CODES.test(code) || /certificate/i.test(message)) {
    return new TransportError(
      "TLS_CERTIFICATE",
      `${line}: the TLS certificate of ${origin} is not trusted (${code || message}); set tls.ca to the server's CA certificate (PEM), or tls.insecure: true to skip verification`,
      line,
    );
  }
  if (code.startsWith("HPE_"))
    return new TransportError("NOT_HTTP", `${line}: ${origin} answered something that is not HTTP (${code || message})`, line);
  return new TransportError("NETWORK", `${line}: request to ${origin} failed: ${code ? `${code} ` : ""}${message}`, line);
}

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

/**
 * HTTP(S) through Node's own client: loaded with Node itself, where an HTTP client
 * package costs every Playwright worker a few hundred milliseconds of start-up to import.
 */
export class Transport {
  private readonly http = new HttpAgent({ keepAlive: true, timeout: IDLE_CONNECTION_MS });
  private readonly https: HttpsAgent;

  constructor(private readonly options: TransportOptions) {
    this.https = new HttpsAgent({
      keepAlive: true,
      timeout: IDLE_CONNECTION_MS,
      rejectUnauthorized: !options.tls?.insecure,
      ...(options.tls?.ca ? { ca: options.tls.ca } : {}),
    });
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
      if (error instanceof TransportError) throw error;
      throw transportError(error, req, timeoutMs);
    }
    learnExchangeSecrets(req, response);
    return { request: req, response, startedAt, durationMs: Math.round(performance.now() - t0), label };
  }

  /** One request on the wire; an in-process transport (src/in-process) answers it from the mock app instead. */
  protected async once(req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const { status, distinct, text } = await this.exchange(req, timeoutMs);
    const { headers, setCookies } = flattenHeaders(distinct);
    return { status, headers, setCookies, text, ...(await parseBody(headers["content-type"] ?? "", text)) };
  }

  /**
   * Sends `req` and reads the whole answer, all within `timeoutMs`. A kept-alive connection
   * the server closed just as it was reused fails before any answer; an idempotent request
   * is then sent once more on a new connection (RFC 9110 §9.2.2), as Node's documentation
   * advises. Anything else is never repeated: a second login would be a second session.
   */
  private async exchange(req: HttpRequest, timeoutMs: number): Promise<Answer> {
    const deadline = performance.now() + timeoutMs;
    try {
      return await this.attempt(req, timeoutMs);
    } catch (error) {
      if (!(error instanceof StaleConnection)) throw error;
      return this.attempt(req, Math.max(1, deadline - performance.now()));
    }
  }

  /** One try: any failure ends the request and its connection. */
  private attempt(req: HttpRequest, timeoutMs: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const url = new URL(req.url);
      const secure = url.protocol === "https:";
      const send = secure ? httpsRequest : httpRequest;
      let answered = false;
      let settled = false;
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
          reject(stale ? new StaleConnection() : error);
        });
      const outgoing = send(url, { method: req.method, headers: req.headers, agent: secure ? this.https : this.http }, (res) => {
        answered = true;
        this.readBody(req, res).then(
          (text) => settle(() => resolve({ status: res.statusCode ?? 0, distinct: res.headersDistinct, text })),
          fail,
        );
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
    this.http.destroy();
    this.https.destroy();
  }
}
