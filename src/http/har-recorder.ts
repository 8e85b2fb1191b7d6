import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { redact } from "../redact/secrets.ts";
import type { Exchange } from "./exchange.ts";

/**
 * `sessionprobe run --record-har`: the CLI names a folder in SESSIONPROBE_RECORD_HAR_DIR and
 * every Playwright worker appends each exchange there as one HAR 1.2 entry per line, every
 * value through redact() (secrets as fingerprints, never raw); the CLI joins them into one HAR.
 * Unset (every other run), this costs one environment read per exchange.
 */
export const RECORD_HAR_ENV = "SESSIONPROBE_RECORD_HAR_DIR";

const headerList = (headers: Record<string, string>) => Object.entries(headers).map(([name, value]) => ({ name, value: redact(value) }));

export function harEntry(exchange: Exchange): Record<string, unknown> {
  const { request, response } = exchange;
  const responseHeaders = headerList(Object.fromEntries(Object.entries(response.headers).filter(([name]) => name !== "set-cookie")));
  for (const cookie of response.setCookies) responseHeaders.push({ name: "set-cookie", value: redact(cookie) });
  const requestType = Object.entries(request.headers).find(([name]) => name.toLowerCase() === "content-type")?.[1] ?? "";
  return {
    startedDateTime: new Date(exchange.startedAt).toISOString(),
    time: exchange.durationMs,
    request: {
      method: request.method,
      url: redact(request.url),
      httpVersion: "HTTP/1.1",
      headers: headerList(request.headers),
      queryString: [],
      cookies: [],
      headersSize: -1,
      bodySize: request.body === undefined ? 0 : Buffer.byteLength(request.body),
      ...(request.body === undefined ? {} : { postData: { mimeType: requestType, text: redact(request.body) } }),
    },
    response: {
      status: response.status,
      statusText: "",
      httpVersion: "HTTP/1.1",
      headers: responseHeaders,
      cookies: [],
      content: { size: Buffer.byteLength(response.text), mimeType: response.headers["content-type"] ?? "", text: redact(response.text) },
      redirectURL: response.headers.location ?? "",
      headersSize: -1,
      bodySize: Buffer.byteLength(response.text),
    },
    cache: {},
    timings: { send: 0, wait: exchange.durationMs, receive: 0 },
    _label: exchange.label,
  };
}

const pending: Exchange[] = [];
let flushOnExit = false;

/**
 * Writes the exchanges held back, redacted now. Held back because a driver registers a
 * secret it reads out of an answer (an XSRF token in a text body) only after the exchange
 * that carried it: redacted at once, that answer would keep the value raw.
 */
function flush(dir: string, keep = 0): void {
  const ready = pending.splice(0, Math.max(0, pending.length - keep));
  if (ready.length)
    appendFileSync(join(dir, `entries-${process.pid}.jsonl`), ready.map((e) => `${JSON.stringify(harEntry(e))}\n`).join(""));
}

/** Keeps the exchange for this process's entry file when a HAR is being recorded; the mock's control plane is left out. */
export function recordForHar(exchange: Exchange): void {
  const dir = process.env[RECORD_HAR_ENV];
  if (!dir || exchange.request.url.includes("/__sessionprobe")) return;
  pending.push(exchange);
  if (!flushOnExit) {
    flushOnExit = true;
    process.once("exit", () => flush(dir));
  }
  // A long run is written as it goes, all but the newest exchanges (whose secrets may still be registered).
  if (pending.length > 500) flush(dir, 50);
}
