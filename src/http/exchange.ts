/** What the harness sends and receives, independent of the HTTP client underneath. */
export interface HttpRequest {
  method: string;
  /** Absolute URL. */
  url: string;
  headers: Record<string, string>;
  body?: string;
  /** Follow redirects? Never by default: a 302 is often the behaviour under test. */
  followRedirects?: boolean;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased; repeated headers joined with ", " except set-cookie. */
  headers: Record<string, string>;
  setCookies: string[];
  text: string;
  /** JSON value or parsed XML object, when the content type says so and it parses. */
  parsed?: unknown;
  /** Why `parsed` is missing although the content type promised JSON or XML. */
  parseError?: string;
}

export interface Exchange {
  request: HttpRequest;
  response: HttpResponse;
  startedAt: number;
  durationMs: number;
  /** Short label for reports: "login", "token fetch", "probe". */
  label: string;
}

export function contentType(response: HttpResponse): string {
  return (response.headers["content-type"] ?? "").toLowerCase();
}

export function requestLine(request: HttpRequest): string {
  const url = new URL(request.url);
  return `${request.method} ${url.pathname}${url.search}`;
}

/** A top-level field of a JSON object body; undefined for any other body (an array, text, XML, nothing). */
export function bodyField(exchange: Exchange, field: string): unknown {
  const parsed = exchange.response.parsed;
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>)[field] : undefined;
}
