import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { createMockHost, type MockHost, type MockHostOptions } from "./host.ts";
import { localhostCertificate } from "./tls.ts";
import type { VendorMock } from "./types.ts";

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
            serverOptions: { key: material.key, cert: material.cert },
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
