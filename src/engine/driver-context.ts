import type { DriverContext, TargetView } from "../vendor-api/driver.ts";
import { serverTime } from "../http/cookie-jar.ts";
import type { Exchange } from "../http/exchange.ts";
import type { Transport } from "../http/transport.ts";
import { secrets } from "../redact/secrets.ts";

export interface RecordingContext extends DriverContext {
  /** Exchanges sent since the last `take()`: a step's evidence. */
  take(): Exchange[];
  /** When the last response arrived (the context's clock), if any did: no request of this scenario reached the server after it. */
  lastAnsweredAt(): number | undefined;
}

/** The seam between drivers and the network: cookie jars, secrets, and a record of every exchange. */
export function createDriverContext(options: {
  target: TargetView;
  transport: Transport;
  now: () => number;
  stepTimeoutMs: () => number;
}): RecordingContext {
  let recorded: Exchange[] = [];
  let lastAnswer: number | undefined;
  const { target, transport } = options;
  return {
    target,
    now: options.now,
    url(path, query) {
      const url = new URL(target.baseUrl + path);
      for (const [k, v] of Object.entries(query ?? {})) url.searchParams.set(k, v);
      return url.href;
    },
    secret(value, kind) {
      secrets.add(value, kind);
    },
    async send(request, meta) {
      let outgoing = request;
      if (meta.session) {
        const jar = await meta.session.cookies.header(request.url);
        if (jar) {
          const existing = request.headers.cookie;
          outgoing = { ...request, headers: { ...request.headers, cookie: existing ? `${existing}; ${jar}` : jar } };
        }
      }
      const exchange = await transport.send(outgoing, meta.label, options.stepTimeoutMs());
      lastAnswer = options.now();
      if (meta.session && exchange.response.setCookies.length) {
        await meta.session.cookies.store(exchange.response.setCookies, request.url, serverTime(exchange.response.headers, options.now()));
      }
      recorded.push(exchange);
      return exchange;
    },
    lastAnsweredAt: () => lastAnswer,
    take() {
      const out = recorded;
      recorded = [];
      return out;
    },
  };
}
