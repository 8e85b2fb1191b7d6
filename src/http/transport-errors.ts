import { SessionprobeError } from "../errors/errors.ts";
import { requestLine, type HttpRequest } from "./exchange.ts";
import type { ProxyRoute } from "./proxy.ts";

/**
 * How a request that got no answer is told: one reason per way it failed (ky's HTTPError
 * beside our contract failures), a message that says where, what, and what to change.
 * The error's code stays SP_TRANSPORT; the reason says which of these it was.
 */
export type TransportReason =
  | "TIMEOUT"
  | "CONNECTION_REFUSED"
  | "CONNECTION_RESET"
  | "TLS_CERTIFICATE"
  | "TLS_CLIENT_CERTIFICATE"
  | "PROXY"
  | "NOT_HTTP"
  | "BODY_TOO_LARGE"
  | "NETWORK";

/** The server could not be talked to at all: kept apart from contract failures. */
export class TransportError extends SessionprobeError {
  constructor(
    readonly reason: TransportReason,
    message: string,
    readonly requestLine: string,
  ) {
    super("SP_TRANSPORT", message);
  }
}

const TLS_CODES = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|HOSTNAME_MISMATCH|ALTNAME/;

/** The request's deadline passed: headers and body must both arrive within the step timeout. */
export class DeadlineError extends SessionprobeError {
  constructor(message: string) {
    super("SP_DEADLINE", message);
  }
}

/** The server's TLS alerts about our client certificate: it wanted one, or refused the one it got. */
const CLIENT_CERTIFICATE_REQUIRED = /ALERT_CERTIFICATE_REQUIRED/;
const CLIENT_CERTIFICATE_REFUSED =
  /ALERT_(UNKNOWN_CA|BAD_CERTIFICATE|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|DECRYPT_ERROR)/;
/** What a TLS 1.2 server that requires a client certificate answers a client without one (or with no common cipher). */
const HANDSHAKE_REFUSED = /ALERT_HANDSHAKE_FAILURE/;
/** Failures to reach a proxy at all: with a proxy in between, the server itself is never dialled by us. */
const UNREACHABLE = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH)$/;

/** What a failed request is told against: where it went and how. */
export interface FailureContext {
  req: HttpRequest;
  timeoutMs: number;
  route?: ProxyRoute | undefined;
  /** A client certificate was offered (tls.cert or tls.pfx). */
  clientCertificate: boolean;
}

/** The proxy's own answer to CONNECT (or a 407 to an absolute-form request): the server was never reached. */
export class ProxyRefusal extends SessionprobeError {
  constructor(
    readonly status: number,
    readonly statusText: string,
  ) {
    super("SP_PROXY_REFUSED", `${status} ${statusText}`.trim());
  }
}

/** A failed try, with what the socket had done by then. */
export class FailedAttempt extends SessionprobeError {
  constructor(
    override readonly cause: unknown,
    readonly freshTls: boolean,
  ) {
    super("SP_FAILED_ATTEMPT", "the request failed");
  }
}

/** A reused keep-alive connection turned out closed before any answer came: the request is sent again on a new one. */
export class StaleConnection extends SessionprobeError {
  constructor() {
    super("SP_STALE_CONNECTION", "the reused connection was closed before any answer");
  }
}

function proxyHint(route: ProxyRoute): string {
  return route.source === "the target's proxy:"
    ? "check the target's proxy:"
    : `check ${route.source}, or list the host in NO_PROXY if it is reachable without the proxy`;
}

function proxyRefusal(refusal: ProxyRefusal, route: ProxyRoute, line: string, origin: string): TransportError {
  const why =
    refusal.status === 407
      ? "it wants credentials: write them into the proxy URL (http://user:password@host:port), from the environment"
      : refusal.status === 403
        ? "it does not allow this destination: ask for it to be opened"
        : `it could not reach the server: check baseUrl, or ${proxyHint(route)}`;
  return new TransportError(
    "PROXY",
    `${line}: the proxy ${route.shown} (${route.source}) refused to connect to ${origin}: ${refusal.message}; ${why}`,
    line,
  );
}

function tlsClientError(code: string, line: string, origin: string, clientCertificate: boolean): TransportError | undefined {
  if (CLIENT_CERTIFICATE_REQUIRED.test(code))
    return new TransportError(
      "TLS_CLIENT_CERTIFICATE",
      clientCertificate
        ? `${line}: ${origin} asked for a client certificate and did not take the one in tls.cert / tls.pfx (${code})`
        : `${line}: ${origin} requires a client certificate (mutual TLS) and refused the connection without one (${code}); set tls.cert and tls.key (PEM files) or tls.pfx on the target`,
      line,
    );
  if (CLIENT_CERTIFICATE_REFUSED.test(code))
    return new TransportError(
      "TLS_CLIENT_CERTIFICATE",
      `${line}: ${origin} refused ${clientCertificate ? "the client certificate of tls.cert / tls.pfx" : "the connection"} (${code}): a certificate not signed by a CA the server trusts, expired, or not meant for client authentication is refused so`,
      line,
    );
  if (HANDSHAKE_REFUSED.test(code))
    return new TransportError(
      "TLS_CLIENT_CERTIFICATE",
      `${line}: ${origin} refused the TLS handshake (${code})${clientCertificate ? "" : ": a TLS 1.2 server that requires a client certificate answers so; set tls.cert and tls.key or tls.pfx if it does"}`,
      line,
    );
  return undefined;
}

export function transportError(error: unknown, context: FailureContext): TransportError {
  if (error instanceof TransportError) return error;
  const { req, timeoutMs, route } = context;
  const attempt = error instanceof FailedAttempt ? error : undefined;
  const cause = attempt ? attempt.cause : error;
  if (cause instanceof TransportError) return cause;
  const line = requestLine(req);
  const origin = new URL(req.url).origin;
  if (cause instanceof ProxyRefusal && route) return proxyRefusal(cause, route, line, origin);
  const err = cause as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? err.code ?? "";
  const message = err.cause?.message ?? err.message ?? String(cause);
  const via = route ? ` through the proxy ${route.shown} (${route.source})` : "";
  if (cause instanceof DeadlineError || code === "ETIMEDOUT") {
    return new TransportError(
      "TIMEOUT",
      `${line}: no complete answer from ${origin}${via} within ${timeoutMs} ms (the server hangs or is overloaded); raise the step timeout with timeout: on the target if it is just slow`,
      line,
    );
  }
  if (route && UNREACHABLE.test(code))
    return new TransportError(
      "PROXY",
      `${line}: could not reach the proxy ${route.shown} (${route.source}) for ${origin}: ${code}; ${proxyHint(route)}`,
      line,
    );
  if (code === "ECONNREFUSED")
    return new TransportError(
      "CONNECTION_REFUSED",
      `${line}: connection refused by ${origin}: is the server running, and is baseUrl right?`,
      line,
    );
  const clientTls = tlsClientError(code, line, origin, context.clientCertificate);
  if (clientTls) return clientTls;
  if (code === "ECONNRESET" || code === "EPIPE") {
    // A server that refuses a client certificate under TLS 1.3 may just close the new connection.
    const hint =
      attempt?.freshTls && context.clientCertificate
        ? "; a server that refuses the client certificate (tls.cert / tls.pfx) closes a new connection like this: check that a CA it trusts signed it"
        : "";
    return new TransportError("CONNECTION_RESET", `${line}: ${origin}${via} closed the connection before answering (${code})${hint}`, line);
  }
  if (TLS_CODES.test(code) || /certificate/i.test(message)) {
    return new TransportError(
      "TLS_CERTIFICATE",
      `${line}: the TLS certificate of ${origin} is not trusted (${code || message}); set tls.ca to the server's CA certificate (PEM), or tls.insecure: true to skip verification`,
      line,
    );
  }
  if (code.startsWith("HPE_"))
    return new TransportError("NOT_HTTP", `${line}: ${origin} answered something that is not HTTP (${code || message})`, line);
  return new TransportError("NETWORK", `${line}: request to ${origin}${via} failed: ${code ? `${code} ` : ""}${message}`, line);
}
