// The HTTP entry of allure-js-commons: its constants alone, not the whole facade (a worker imports this).
import {
  ALLURE_HTTP_EXCHANGE_CONTENT_TYPE,
  ALLURE_HTTP_EXCHANGE_SCHEMA_VERSION,
  ALLURE_HTTP_REDACTED_VALUE,
  type HttpExchange,
} from "allure-js-commons/http";
import type { Exchange } from "../http/exchange.ts";
import { redact } from "../redact/secrets.ts";
import { isSensitiveHeader } from "../redact/sensitive.ts";

const MAX_BODY = 64 * 1024;

/** The media type Allure's report shows as an HTTP exchange (request, response, headers, bodies). */
export const ALLURE_HTTP_CONTENT_TYPE = ALLURE_HTTP_EXCHANGE_CONTENT_TYPE;

function headerList(headers: Record<string, string>): { name: string; value: string }[] {
  return Object.entries(headers).map(([name, value]) => ({
    name,
    // Credential headers are masked whole; every other value still passes through redact().
    value: isSensitiveHeader(name) && name !== "set-cookie" ? ALLURE_HTTP_REDACTED_VALUE : redact(value),
  }));
}

function body(text: string | undefined, contentType: string | undefined) {
  if (!text) return undefined;
  const value = redact(text.length > MAX_BODY ? text.slice(0, MAX_BODY) : text);
  return {
    value,
    encoding: "utf8" as const,
    size: text.length,
    truncated: text.length > MAX_BODY,
    ...(contentType ? { contentType } : {}),
  };
}

/** An exchange as Allure's HTTP attachment, with every secret redacted. */
export function toAllureHttp(exchange: Exchange): HttpExchange {
  const { request, response } = exchange;
  const requestBody = body(request.body, request.headers["content-type"]);
  const responseBody = body(response.text, response.headers["content-type"]);
  const setCookies = response.setCookies.map((cookie) => {
    const [pair = "", ...attributes] = cookie.split(";");
    const name = pair.split("=")[0]?.trim() ?? "";
    return { name: "set-cookie", value: [`${name}=${ALLURE_HTTP_REDACTED_VALUE}`, ...attributes].join(";") };
  });
  return {
    schemaVersion: ALLURE_HTTP_EXCHANGE_SCHEMA_VERSION,
    request: {
      method: request.method,
      url: redact(request.url),
      headers: headerList(request.headers),
      ...(requestBody ? { body: requestBody } : {}),
    },
    response: {
      status: response.status,
      headers: [...headerList(Object.fromEntries(Object.entries(response.headers).filter(([n]) => n !== "set-cookie"))), ...setCookies],
      ...(responseBody ? { body: responseBody } : {}),
    },
    start: exchange.startedAt,
    stop: exchange.startedAt + exchange.durationMs,
  };
}
