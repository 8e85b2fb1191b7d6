import { once } from "node:events";
import { type AddressInfo, createServer, type Server } from "node:net";
import { expect, test } from "@playwright/test";
import { controlmMock } from "../vendors/controlm/mock/index.ts";
import { startMock } from "../mock-kit/server.ts";
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
  expect(error.reason).toBe("TIMEOUT");
  expect(error.message).toMatch(/^GET \/config\/servers: no complete answer from http:\/\/127\.0\.0\.1:\d+ within 300 ms/);
  for (const s of sockets) s.destroy();
  server.close();
  await transport.close();
});

test("a connection reset and a non-HTTP answer are told apart", async () => {
  const reset = await rawServer((socket) => socket.resetAndDestroy());
  const garbage = await rawServer((socket) => socket.end("SSH-2.0-OpenSSH_9.6\r\nthis is not http\r\n\r\n"));
  const transport = new Transport({ timeoutMs: 2_000, clock: systemClock });
  expect((await failure(transport, reset.url)).reason).toBe("CONNECTION_RESET");
  const notHttp = await failure(transport, garbage.url);
  expect(notHttp.reason).toBe("NOT_HTTP");
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
  expect(error.reason).toBe("CONNECTION_REFUSED");
  expect(error.message).toMatch(/is the server running, and is baseUrl right\?/);
  await transport.close();
});

test("TLS is verified by default; tls.ca trusts the mock's certificate; tls.insecure skips the check", async () => {
  const mock = await startMock(controlmMock, { tls: true });
  const strict = new Transport({ timeoutMs: 5_000, clock: systemClock });
  const error = await failure(strict, mock.baseUrl);
  expect(error.reason).toBe("TLS_CERTIFICATE");
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

/**
 * The faulty servers of issue 14, as a permanent suite: each run ends within the step
 * timeout plus start-up, with a transport error of its own reason, or with a response whose
 * body problem is reported (never thrown) for the expectations to judge.
 */
async function httpServer(answer: (socket: import("node:net").Socket, request: string) => void): Promise<{ url: string; close(): void }> {
  const sockets: import("node:net").Socket[] = [];
  const { url, server } = await rawServer((socket) => {
    sockets.push(socket);
    socket.on("error", () => {});
    let seen = "";
    socket.on("data", (d) => {
      seen += d.toString();
      if (seen.includes("\r\n\r\n")) answer(socket, seen);
    });
  });
  return {
    url,
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

const STEP_MS = 800;

async function outcome(answer: Parameters<typeof httpServer>[0], options: { followRedirects?: boolean } = {}) {
  const server = await httpServer(answer);
  const transport = new Transport({ timeoutMs: STEP_MS, clock: systemClock });
  const started = performance.now();
  const result = await transport
    .send(
      {
        method: "GET",
        url: `${server.url}/rest/api/web/Logon`,
        headers: {},
        ...(options.followRedirects ? { followRedirects: true } : {}),
      },
      "probe",
    )
    .then(
      (exchange) => ({ exchange }),
      (error: unknown) => ({ error: error as TransportError }),
    );
  const elapsed = performance.now() - started;
  server.close();
  await transport.close();
  // The step timeout, plus start-up and a loaded CI machine.
  expect(elapsed).toBeLessThan(STEP_MS + 4_000);
  return result;
}

const reply =
  (head: string, body: string | Buffer = "") =>
  (socket: import("node:net").Socket) => {
    socket.end(Buffer.concat([Buffer.from(head.replace(/\n/g, "\r\n")), Buffer.isBuffer(body) ? body : Buffer.from(body)]));
  };

test("faulty servers: HTML for JSON, truncated XML, an XML bomb and an empty 200 are answers whose body problem is reported, not thrown", async () => {
  const html = await outcome(
    reply("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 23\nConnection: close\n\n", "<html>login page</html>"),
  );
  expect("exchange" in html && html.exchange.response.parseError).toMatch(/^the JSON body does not parse: /);
  const truncated = await outcome(
    reply("HTTP/1.1 200 OK\nContent-Type: application/vnd.ibm.powervm.web+xml\nConnection: close\n\n", "<LogonResponse><X-API-Session>abc"),
  );
  expect("exchange" in truncated && truncated.exchange.response.parseError).toMatch(/^the XML body does not parse: /);
  const bomb = `<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><LogonResponse>&c;</LogonResponse>`;
  const bombed = await outcome(reply("HTTP/1.1 200 OK\nContent-Type: application/xml\nConnection: close\n\n", bomb));
  expect("exchange" in bombed).toBe(true);
  if ("exchange" in bombed) expect(JSON.stringify(bombed.exchange.response.parsed ?? "").length).toBeLessThan(10_000);
  const empty = await outcome(reply("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 0\nConnection: close\n\n"));
  expect("exchange" in empty && empty.exchange.response).toMatchObject({ status: 200, text: "" });
});

test("faulty servers: a slow drip, a body shorter than its Content-Length and a 10 MB body end as transport errors within the timeout", async () => {
  const drip = await outcome((socket) => {
    socket.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n");
    const timer = setInterval(() => (socket.writable ? socket.write(" ") : clearInterval(timer)), 300);
    socket.on("close", () => clearInterval(timer));
  });
  expect("error" in drip && drip.error.reason).toBe("TIMEOUT");
  const short = await outcome(
    reply("HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: 500\nConnection: close\n\n", '{"token":'),
  );
  expect("error" in short && short.error.reason).toMatch(/^(CONNECTION_RESET|NETWORK)$/);
  if ("error" in short) expect(short.error.message).toMatch(/^GET \/rest\/api\/web\/Logon: /);
  const huge = await outcome(
    reply("HTTP/1.1 200 OK\nContent-Type: application/json\nConnection: close\n\n", Buffer.alloc(10 * 1024 * 1024, 32)),
  );
  expect("error" in huge && huge.error.reason).toBe("BODY_TOO_LARGE");
});

test("faulty servers: a redirect loop stops after five hops; status 999 is not HTTP", async () => {
  let hops = 0;
  const loop = await outcome(
    (socket) => {
      hops++;
      reply("HTTP/1.1 302 Found\nLocation: /again\nContent-Length: 0\nConnection: close\n\n")(socket);
    },
    { followRedirects: true },
  );
  expect("exchange" in loop && loop.exchange.response.status).toBe(302);
  expect(hops).toBeLessThanOrEqual(6);
  const odd = await outcome(reply("HTTP/1.1 999 Odd\nContent-Length: 0\nConnection: close\n\n"));
  // Node's parser reads any three digits; a status no HTTP version defines is handed to the expectations, which name it.
  if ("exchange" in odd) expect(odd.exchange.response.status).toBe(999);
  else expect(odd.error.reason).toBe("NOT_HTTP");
});

test("a kept-alive connection the server closed unannounced: a GET is sent again on a new one, a POST is never sent twice", async () => {
  // Each connection answers one request and closes without saying "Connection: close", so the next request,
  // sent at once, takes a connection that is already closing. Every request line that reaches the server is counted.
  const received: string[] = [];
  const { url, server } = await rawServer((socket) => {
    socket.on("error", () => {});
    let answered = false;
    socket.on("data", (data) => {
      received.push(...(data.toString().match(/^[A-Z]+ \S+/gm) ?? []));
      if (answered) return;
      answered = true;
      socket.end("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
    });
  });
  const transport = new Transport({ timeoutMs: STEP_MS, clock: systemClock });
  const send = (method: string) => transport.send({ method, url: `${url}/rest/api/web/Logon`, headers: {} }, "step");
  try {
    for (let i = 0; i < 3; i++) expect((await send("GET")).response.status).toBe(200);
    await send("POST").catch((e: unknown) => expect(e).toMatchObject({ reason: "CONNECTION_RESET" }));
    expect(received.filter((line) => line.startsWith("POST")).length).toBeLessThanOrEqual(1);
  } finally {
    await transport.close();
    server.close();
  }
});
