import { once } from "node:events";
import { type AddressInfo, createServer, type Server } from "node:net";
import { expect, test } from "@playwright/test";
import { controlmMock } from "../mocks/controlm/index.ts";
import { startMock } from "../mocks/core/server.ts";
import { systemClock } from "../time/clock.ts";
import { Transport, TransportError } from "./transport.ts";

async function rawServer(onConnection: (socket: import("node:net").Socket) => void): Promise<{ url: string; server: Server }> {
  const server = createServer(onConnection);
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

async function failure(transport: Transport, url: string): Promise<TransportError> {
  const error = await transport.send({ method: "GET", url: `${url}/config/servers`, headers: {} }, "probe").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TransportError);
  return error as TransportError;
}

test("a server that never answers fails the request after the timeout, with a hint", async () => {
  const sockets: import("node:net").Socket[] = [];
  const { url, server } = await rawServer((socket) => sockets.push(socket));
  const transport = new Transport({ timeoutMs: 300, clock: systemClock });
  const started = performance.now();
  const error = await failure(transport, url);
  expect(performance.now() - started).toBeLessThan(5_000);
  expect(error.code).toBe("TIMEOUT");
  expect(error.message).toMatch(/^GET \/config\/servers: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms/);
  for (const s of sockets) s.destroy();
  server.close();
  await transport.close();
});

test("a connection reset and a non-HTTP answer are told apart", async () => {
  const reset = await rawServer((socket) => socket.resetAndDestroy());
  const garbage = await rawServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\nthis is not http\r\n\r\n"));
  const transport = new Transport({ timeoutMs: 2_000, clock: systemClock });
  expect((await failure(transport, reset.url)).code).toBe("CONNECTION_RESET");
  const notHttp = await failure(transport, garbage.url);
  expect(notHttp.code).toBe("NOT_HTTP");
  expect(notHttp.message).toMatch(/answered something that is not HTTP/);
  reset.server.close();
  garbage.server.close();
  await transport.close();
});

test("a refused connection says to check the server and baseUrl", async () => {
  const { url, server } = await rawServer(() => {});
  server.close();
  await once(server, "close");
  const transport = new Transport({ timeoutMs: 2_000, clock: systemClock });
  const error = await failure(transport, url);
  expect(error.code).toBe("CONNECTION_REFUSED");
  expect(error.message).toMatch(/is the server running, and is baseUrl right\?/);
  await transport.close();
});

test("TLS is verified by default; tls.ca trusts the mock's certificate; tls.insecure skips the check", async () => {
  const mock = await startMock(controlmMock, { tls: true });
  const strict = new Transport({ timeoutMs: 5_000, clock: systemClock });
  const error = await failure(strict, mock.baseUrl);
  expect(error.code).toBe("TLS_CERTIFICATE");
  expect(error.message).toMatch(/not trusted .*set tls\.ca to the server's CA certificate \(PEM\), or tls\.insecure: true/);
  const trusting = new Transport({ timeoutMs: 5_000, clock: systemClock, tls: { ca: mock.certificate as string } });
  const insecure = new Transport({ timeoutMs: 5_000, clock: systemClock, tls: { insecure: true } });
  for (const transport of [trusting, insecure]) {
    const exchange = await transport.send({ method: "GET", url: `${mock.baseUrl}/config/servers`, headers: {} }, "probe");
    expect(exchange.response.status).toBe(401);
    expect(exchange.response.parsed).toEqual({ errors: [expect.objectContaining({ message: expect.any(String) })] });
  }
  await Promise.all([strict.close(), trusting.close(), insecure.close(), mock.close()]);
});
