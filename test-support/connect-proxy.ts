import { once } from "node:events";
import { createServer, request, type IncomingMessage } from "node:http";
import { connect, type Socket } from "node:net";

/**
 * A small forward proxy for tests only — not a product proxy: CONNECT tunnels for https and
 * absolute-form requests for http, as a corporate proxy serves them. It logs every request line
 * it sees (never a credential) and can stand for a network where some servers are reachable
 * only through it: `routes` sends a host:port the client asked for to another one.
 */
export interface TestProxy {
  /** http://127.0.0.1:<port>, without credentials. */
  url: string;
  port: number;
  /** "CONNECT host:port" and "GET http://host:port/path" lines, in order. */
  log: string[];
  /** Requests refused for missing or wrong credentials. */
  refused: number;
  close(): Promise<void>;
}

export interface TestProxyOptions {
  /** Require these (Proxy-Authorization: Basic); 407 otherwise. */
  credentials?: { user: string; password: string };
  /** host:port the client names → host:port the proxy dials. */
  routes?: Record<string, string>;
}

export async function startConnectProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  const sockets = new Set<Socket>();
  const expected = options.credentials
    ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString("base64")}`
    : undefined;
  const state = { refused: 0 };
  const log: string[] = [];
  const authorized = (req: IncomingMessage) => {
    if (!expected || req.headers["proxy-authorization"] === expected) return true;
    state.refused++;
    return false;
  };
  const dial = (hostPort: string) => {
    const [host, port] = (options.routes?.[hostPort] ?? hostPort).split(/:(?=\d+$)/) as [string, string];
    return { host: host.replace(/^\[|\]$/g, ""), port: Number(port) };
  };

  const server = createServer((req, res) => {
    log.push(`${req.method} ${req.url}`);
    if (!authorized(req)) {
      res.writeHead(407, { "Proxy-Authenticate": 'Basic realm="test"', "Content-Length": "0" }).end();
      return;
    }
    const target = new URL(req.url ?? "/");
    const { host, port } = dial(target.host);
    const headers = { ...req.headers };
    delete headers["proxy-authorization"];
    delete headers["proxy-connection"];
    const upstream = request({ host, port, method: req.method, path: `${target.pathname}${target.search}`, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.rawHeaders);
      answer.pipe(res);
    });
    upstream.on("error", () => res.writeHead(502, { "Content-Length": "0" }).end());
    req.pipe(upstream);
  });
  server.on("connect", (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on("close", () => sockets.delete(client));
    client.on("error", () => {});
    log.push(`CONNECT ${req.url}`);
    if (!authorized(req)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect(dial(req.url ?? ""));
    sockets.add(upstream);
    upstream.on("close", () => sockets.delete(upstream));
    upstream.on("error", () => client.end("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n"));
    upstream.on("connect", () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
  });
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    log,
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
