import { mkdtempSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { makeClientCertificates } from "../../test-support/client-certificates.ts";
import { startConnectProxy } from "../../test-support/connect-proxy.ts";
import { controlmMock } from "../vendors/controlm/mock/index.ts";
import { startMock } from "../mock-kit/server.ts";
import { redact } from "../redact/secrets.ts";
import { systemClock } from "../time/clock.ts";
import type { ProxySetting } from "./proxy.ts";
import { type TlsOptions, Transport, TransportError } from "./transport.ts";

/** A port nothing listens on: the address a server has on the other side of the proxy. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function get(options: { url: string; proxy?: ProxySetting; tls?: TlsOptions }): Promise<number | TransportError> {
  const transport = new Transport({
    timeoutMs: 5_000,
    clock: systemClock,
    ...(options.proxy ? { proxy: options.proxy } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
  });
  try {
    return (await transport.send({ method: "GET", url: options.url, headers: {} }, "probe")).response.status;
  } catch (error) {
    expect(error).toBeInstanceOf(TransportError);
    return error as TransportError;
  } finally {
    await transport.close();
  }
}

/** Runs `body` with these environment variables set, then restores them. */
async function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(vars);
  try {
    return await body();
  } finally {
    apply(saved);
  }
}

const NO_PROXY_VARS = { https_proxy: undefined, http_proxy: undefined, all_proxy: undefined, no_proxy: undefined, ALL_PROXY: undefined };

test("https through a CONNECT proxy: the server is reachable only through it, TLS is verified end to end, the proxy's password stays out of messages", async () => {
  const mock = await startMock(controlmMock, { tls: true });
  const hidden = await closedPort();
  const password = "proxy-pw-4Kq9";
  const proxy = await startConnectProxy({
    credentials: { user: "probe", password },
    routes: { [`127.0.0.1:${hidden}`]: new URL(mock.baseUrl).host },
  });
  const url = `https://127.0.0.1:${hidden}/config/servers`;
  const tls = { ca: mock.certificate as string };
  try {
    // Straight, the server is not there; through the proxy it answers (401: no session), over TLS the client verified.
    expect((await get({ url, tls })) as TransportError).toMatchObject({ reason: "CONNECTION_REFUSED" });
    const withCredentials = `http://probe:${password}@127.0.0.1:${proxy.port}`;
    expect(await get({ url, tls, proxy: { kind: "url", url: withCredentials } })).toBe(401);
    expect(proxy.log).toEqual([`CONNECT 127.0.0.1:${hidden}`]);
    expect(await get({ url, proxy: { kind: "url", url: withCredentials } })).toMatchObject({ reason: "TLS_CERTIFICATE" });

    const wrong = (await get({
      url,
      tls,
      proxy: { kind: "url", url: `http://probe:not-${password}@127.0.0.1:${proxy.port}` },
    })) as TransportError;
    expect(wrong.reason).toBe("PROXY");
    expect(wrong.message).toBe(
      `GET /config/servers: the proxy http://127.0.0.1:${proxy.port} (the target's proxy:) refused to connect to https://127.0.0.1:${hidden}: 407 Proxy Authentication Required; it wants credentials: write them into the proxy URL (http://user:password@host:port), from the environment`,
    );
    expect(redact(`${withCredentials} not-${password}`)).not.toContain(password);
  } finally {
    await Promise.all([proxy.close(), mock.close()]);
  }
});

test("HTTPS_PROXY and HTTP_PROXY are honoured, NO_PROXY hosts go straight, and an unreachable proxy is named as the problem", async () => {
  const secure = await startMock(controlmMock, { tls: true });
  const plain = await startMock(controlmMock);
  const proxy = await startConnectProxy();
  const tls = { ca: secure.certificate as string };
  const securePort = new URL(secure.baseUrl).port;
  const plainPort = new URL(plain.baseUrl).port;
  const environment = { kind: "environment" } as const;
  try {
    await withEnv({ ...NO_PROXY_VARS, HTTPS_PROXY: proxy.url, HTTP_PROXY: `127.0.0.1:${proxy.port}`, NO_PROXY: "localhost" }, async () => {
      expect(await get({ url: `${secure.baseUrl}/config/servers`, tls, proxy: environment })).toBe(401);
      expect(await get({ url: `${plain.baseUrl}/config/servers`, proxy: environment })).toBe(401);
      // localhost is in NO_PROXY, and a target with proxy: none ignores the environment.
      expect(await get({ url: `https://localhost:${securePort}/config/servers`, tls, proxy: environment })).toBe(401);
      expect(await get({ url: `${secure.baseUrl}/config/servers`, tls, proxy: { kind: "none" } })).toBe(401);
      // Without a proxy setting (a built-in mock), the environment is never read.
      expect(await get({ url: `${plain.baseUrl}/config/servers` })).toBe(401);
    });
    expect(proxy.log).toEqual([`CONNECT 127.0.0.1:${securePort}`, `GET http://127.0.0.1:${plainPort}/config/servers`]);

    const nowhere = await closedPort();
    await withEnv({ ...NO_PROXY_VARS, HTTPS_PROXY: `http://127.0.0.1:${nowhere}`, NO_PROXY: undefined }, async () => {
      const error = (await get({ url: `${secure.baseUrl}/config/servers`, tls, proxy: environment })) as TransportError;
      expect(error.reason).toBe("PROXY");
      expect(error.message).toBe(
        `GET /config/servers: could not reach the proxy http://127.0.0.1:${nowhere} (HTTPS_PROXY) for ${secure.baseUrl}: ECONNREFUSED; check HTTPS_PROXY, or list the host in NO_PROXY if it is reachable without the proxy`,
      );
    });
  } finally {
    await Promise.all([proxy.close(), secure.close(), plain.close()]);
  }
});

test("mutual TLS: a mock that requires client certificates refuses none and a stranger's, with clear messages, and takes PEM or PKCS#12", async () => {
  const certs = await makeClientCertificates(mkdtempSync(join(tmpdir(), "sp-mtls-")));
  const mock = await startMock(controlmMock, { tls: true, clientCa: readFileSync(certs.caPem, "utf8") });
  const url = `${mock.baseUrl}/config/servers`;
  const ca = mock.certificate as string;
  try {
    const without = (await get({ url, tls: { ca } })) as TransportError;
    expect(without.reason).toBe("TLS_CLIENT_CERTIFICATE");
    expect(without.message).toMatch(
      /^GET \/config\/servers: https:\/\/127\.0\.0\.1:\d+ requires a client certificate \(mutual TLS\) and refused the connection without one \(ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED\); set tls\.cert and tls\.key \(PEM files\) or tls\.pfx on the target$/,
    );
    const stranger = (await get({
      url,
      tls: { ca, cert: readFileSync(certs.strangerCertPem, "utf8"), key: readFileSync(certs.strangerKeyPem, "utf8") },
    })) as TransportError;
    expect(stranger.message).toMatch(/refuse.*client certificate.*CA/);
    expect(await get({ url, tls: { ca, cert: readFileSync(certs.certPem, "utf8"), key: readFileSync(certs.keyPem, "utf8") } })).toBe(401);
    expect(await get({ url, tls: { ca, pfx: readFileSync(certs.pfx), passphrase: certs.pfxPassphrase } })).toBe(401);
  } finally {
    await mock.close();
  }
});
