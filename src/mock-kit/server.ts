import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createMockHost, type MockHost, type MockHostOptions } from "./host.ts";
import { localhostCertificate } from "./tls.ts";
import type { VendorMock } from "../vendor-api/mock.ts";

export interface RunningMock {
  host: MockHost;
  baseUrl: string;
  /** PEM of the self-signed certificate, when served over HTTPS. */
  certificate?: string;
  close(): Promise<void>;
}

export interface ListenOptions {
  port?: number;
  hostname?: string;
  tls?: boolean;
  /**
   * PEM of the CA whose client certificates the HTTPS mock requires (mutual TLS): a client
   * without one signed by it is refused in the handshake, as a staging gateway refuses it.
   */
  clientCa?: string;
}

export interface ServeOptions extends MockHostOptions, ListenOptions {}

/** Serves a vendor mock over HTTP or HTTPS; port 0 picks a free one. */
export async function startMock(vendor: VendorMock, options: ServeOptions = {}): Promise<RunningMock> {
  return serveMock(createMockHost(vendor, options), options);
}

/** Serves a mock host already built (the CLI builds it first, so a wrong --defect or --set is a usage error, not a crash). */
export async function serveMock(host: MockHost, options: ListenOptions = {}): Promise<RunningMock> {
  if (options.clientCa && !options.tls) throw new Error("client certificates (clientCa) need TLS");
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
            serverOptions: {
              key: material.key,
              cert: material.cert,
              ...(options.clientCa ? { ca: options.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
            },
          }
        : { fetch: host.app.fetch, port: options.port ?? 0, hostname },
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
