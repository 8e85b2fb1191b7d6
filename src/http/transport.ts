import { performance } from "node:perf_hooks";
import { Agent, errors as undiciErrors, request } from "undici";
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

function transportError(error: unknown, req: HttpRequest, timeoutMs: number): TransportError {
  const line = requestLine(req);
  const origin = new URL(req.url).origin;
  const err = error as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code ?? "";
  const message = err.cause?.message ?? err.message ?? String(error);
  if (
    error instanceof undiciErrors.HeadersTimeoutError ||
    error instanceof undiciErrors.BodyTimeoutError ||
    code === "UND_ERR_CONNECT_TIMEOUT" ||
    (error as Error).name === "TimeoutError" ||
    (error as Error).name === "AbortError"
  ) {
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
  if (code === "ECONNRESET" || code === "UND_ERR_SOCKET" || code === "EPIPE")
    return new TransportError("CONNECTION_RESET", `${line}: ${origin} closed the connection before answering (${code})`, line);
  if (TLS_CODES.test(code) || /certificate/i.test(message)) {
    return new TransportError(
      "TLS_CERTIFICATE",
      `${line}: the TLS certificate of ${origin} is not trusted (${code || message}); set tls.ca to the server's CA certificate (PEM), or tls.insecure: true to skip verification`,
      line,
    );
  }
  if (code.startsWith("HPE_") || error instanceof undiciErrors.HTTPParserError)
    return new TransportError("NOT_HTTP", `${line}: ${origin} answered something that is not HTTP (${code || message})`, line);
  return new TransportError("NETWORK", `${line}: request to ${origin} failed: ${code ? `${code} ` : ""}${message}`, line);
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): { headers: Record<string, string>; setCookies: string[] } {
  const headers: Record<string, string> = {};
  let setCookies: string[] = [];
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === "set-cookie") {
      setCookies = Array.isArray(value) ? value : [value];
      headers[lower] = setCookies.join(", ");
    } else {
      headers[lower] = Array.isArray(value) ? value.join(", ") : value;
    }
  }
  return { headers, setCookies };
}

export class Transport {
  private readonly agent: Agent;

  constructor(private readonly options: TransportOptions) {
    const connect: Record<string, unknown> = { rejectUnauthorized: !options.tls?.insecure };
    if (options.tls?.ca) connect.ca = options.tls.ca;
    this.agent = new Agent({ connect, headersTimeout: options.timeoutMs, bodyTimeout: options.timeoutMs, keepAliveTimeout: 4_000 });
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
    const res = await request(req.url, {
      method: req.method as "GET",
      headers: req.headers,
      body: req.body ?? null,
      dispatcher: this.agent,
      signal: AbortSignal.timeout(timeoutMs),
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) {
        res.body.destroy();
        throw new TransportError(
          "BODY_TOO_LARGE",
          `${requestLine(req)}: the response body exceeds ${MAX_BODY_BYTES} bytes; refusing to read more`,
          requestLine(req),
        );
      }
      chunks.push(chunk as Buffer);
    }
    const text = Buffer.concat(chunks).toString("utf8");
    const { headers, setCookies } = flattenHeaders(res.headers);
    return { status: res.statusCode, headers, setCookies, text, ...(await parseBody(headers["content-type"] ?? "", text)) };
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}
