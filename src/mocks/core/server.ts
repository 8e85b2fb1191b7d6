import { type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createMockHost, type MockHost, type MockHostOptions } from "./host.ts";
import { localhostCertificate } from "./tls.ts";
import type { VendorMock } from "./types.ts";

type HeaderList = OutgoingHttpHeaders | OutgoingHttpHeader[];

function withDate(headers: HeaderList | undefined, date: string): HeaderList {
  if (headers === undefined) return { Date: date };
  if (Array.isArray(headers)) {
    // A flat [name, value, …] list (or one of pairs): Date added unless the handler gave one.
    const names = headers.flat().filter((_, i) => i % 2 === 0);
    return names.some((n) => String(n).toLowerCase() === "date") ? headers : [...headers, "Date", date];
  }
  if (headers.date !== undefined || headers.Date !== undefined) return headers;
  // A copy, as a loop: the handler's object may be shared between its answers, and V8's
  // object spread took a microsecond here (forty times the loop).
  const out: OutgoingHttpHeaders = { Date: date };
  for (const name in headers) out[name] = headers[name];
  return out;
}

/**
 * Node's response with the mock's Date header: the host sets `mockDate` when the request
 * arrives, and the one writeHead call carries it. Setting it with setHeader instead made
 * Node take its slow header path and validate every header twice, which was a tenth of
 * a standalone mock's CPU per request (the bench's throughput row).
 */
export class DatedResponse<Req extends IncomingMessage = IncomingMessage> extends ServerResponse<Req> {
  /** Set by the host per request; undefined (on the prototype, so constructing a response stays as cheap as Node's) until then. */
  declare mockDate: string | undefined;

  override writeHead(statusCode: number, reasonOrHeaders?: string | HeaderList, headers?: HeaderList): this {
    const date = this.mockDate;
    if (date === undefined || this.hasHeader("date")) return super.writeHead(statusCode, reasonOrHeaders as string, headers);
    if (typeof reasonOrHeaders === "string") return super.writeHead(statusCode, reasonOrHeaders, withDate(headers, date));
    return super.writeHead(statusCode, withDate(reasonOrHeaders, date));
  }
}

DatedResponse.prototype.mockDate = undefined;

export interface RunningMock {
  host: MockHost;
  baseUrl: string;
  /** PEM of the self-signed certificate, when served over HTTPS. */
  certificate?: string;
  close(): Promise<void>;
}

export interface ServeOptions extends MockHostOptions {
  port?: number;
  hostname?: string;
  tls?: boolean;
}

/** Serves a vendor mock over HTTP or HTTPS; port 0 picks a free one. */
export async function startMock(vendor: VendorMock, options: ServeOptions = {}): Promise<RunningMock> {
  const host = createMockHost(vendor, options);
  const hostname = options.hostname ?? "127.0.0.1";
  const material = options.tls ? await localhostCertificate() : undefined;
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve(
      material
        ? {
            fetch: host.app.fetch,
            port: options.port ?? 0,
            hostname,
            createServer: createHttpsServer,
            serverOptions: { key: material.key, cert: material.cert, ServerResponse: DatedResponse },
          }
        : { fetch: host.app.fetch, port: options.port ?? 0, hostname, serverOptions: { ServerResponse: DatedResponse } },
      () => resolve(s),
    );
    s.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const displayHost = hostname.includes(":") ? `[${hostname}]` : hostname;
  const running: RunningMock = {
    host,
    baseUrl: `${material ? "https" : "http"}://${displayHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  };
  if (material) running.certificate = material.cert;
  return running;
}
