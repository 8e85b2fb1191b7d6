import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * The throughput baseline: a bare node:http server answering the three requests of
 * a Control-M login → use → logout cycle with equivalent JSON bodies (a 128-hex-digit
 * token, the same shapes as the mock), and nothing else: no routing framework, no
 * journal, no clock, no control plane. Prints its URL and runs until SIGTERM.
 */
const passwords = new Map([
  ["emuser", "empass-1234"],
  ["opsuser", "opspass-5678"],
]);
const sessions = new Map<string, string>();
const VERSION = "9.22.30";

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

const unauthorized = (res: ServerResponse) => send(res, 401, { errors: [{ message: "Unauthorized" }] });

function bearer(req: IncomingMessage): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
}

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    if (req.method === "POST" && req.url === "/session/login") {
      let body: { username?: unknown; password?: unknown };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as typeof body;
      } catch {
        send(res, 400, { errors: [{ message: "the body is not JSON" }] });
        return;
      }
      const { username, password } = body;
      if (typeof username !== "string" || typeof password !== "string" || passwords.get(username) !== password) {
        send(res, 401, { errors: [{ message: "Login failed" }] });
        return;
      }
      const token = randomBytes(64).toString("hex").toUpperCase();
      sessions.set(token, username);
      send(res, 200, { username, token, version: VERSION });
      return;
    }
    if (req.method === "GET" && req.url === "/config/servers") {
      const token = bearer(req);
      if (!token || !sessions.has(token)) return unauthorized(res);
      send(res, 200, [{ name: "ctm-server", host: "ctm-server.example.test", state: "Up", message: "Connected", version: VERSION }]);
      return;
    }
    if (req.method === "POST" && req.url === "/session/logout") {
      const token = bearer(req);
      if (!token || !sessions.delete(token)) return unauthorized(res);
      send(res, 200, { message: `Successfully logged out from session ${token}` });
      return;
    }
    send(res, 404, { errors: [{ message: `No such resource: ${req.method} ${req.url}` }] });
  });
});

server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`bare controlm-like server listening on http://127.0.0.1:${port}\n`);
});
process.once("SIGTERM", () => {
  server.close();
  server.closeAllConnections();
});
