import { parseBody } from "../http/body.ts";
import type { HttpRequest, HttpResponse } from "../http/exchange.ts";
import { requestLine } from "../http/exchange.ts";
import { Transport, TransportError, type TransportOptions } from "../http/transport.ts";

type Fetch = (request: Request) => Response | Promise<Response>;

/**
 * The "app" transport: requests go to a mock's app as `Request` objects, with no socket and
 * no HTTP parser in between (the matrices, the sweep, the baseline observer, and every
 * control-plane question a Playwright worker asks the mock it serves), so the thousands of
 * scenario runs of `npm test` cost the mock's work and not the loopback's. Its counterpart is
 * the wire: `Transport` itself, over real TCP. What the wire adds that suites can see is
 * added here too: a Content-Length for a body of known size (as Node's server sends it).
 * Timeouts hold as on the wire.
 */
export class AppTransport extends Transport {
  constructor(
    options: TransportOptions,
    private readonly fetchApp: Fetch,
  ) {
    super(options);
  }

  protected override async once(req: HttpRequest, timeoutMs: number): Promise<HttpResponse> {
    const init: RequestInit = { method: req.method, headers: req.headers };
    if (req.body !== undefined && req.method !== "GET" && req.method !== "HEAD") init.body = req.body;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new TransportError(
              "TIMEOUT",
              `${requestLine(req)}: no complete answer from ${new URL(req.url).origin} within ${timeoutMs} ms (the server hangs or is overloaded); raise the step timeout with timeout: on the target if it is just slow`,
              requestLine(req),
            ),
          ),
        timeoutMs,
      );
    });
    try {
      const res = await Promise.race([Promise.resolve(this.fetchApp(new Request(req.url, init))), timeout]);
      const text = req.method === "HEAD" ? "" : await Promise.race([res.text(), timeout]);
      const headers: Record<string, string> = {};
      res.headers.forEach((value, name) => {
        if (name !== "set-cookie") headers[name] = value;
      });
      const setCookies = res.headers.getSetCookie();
      if (setCookies.length) headers["set-cookie"] = setCookies.join(", ");
      if (headers["content-length"] === undefined && headers["transfer-encoding"] === undefined)
        headers["content-length"] = String(Buffer.byteLength(text));
      return { status: res.status, headers, setCookies, text, ...(await parseBody(headers["content-type"] ?? "", text)) };
    } finally {
      clearTimeout(timer);
    }
  }
}
