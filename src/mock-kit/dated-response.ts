import { type OutgoingHttpHeader, type OutgoingHttpHeaders, ServerResponse } from "node:http";

type HeaderList = OutgoingHttpHeaders | OutgoingHttpHeader[];
type Dated = ServerResponse & { [DATE]?: string };

const DATE = Symbol("the mock's Date header");
// Node's own, called with the arguments it was given (its overloads: status, [reason], [headers]).
const nodeWriteHead = ServerResponse.prototype.writeHead as (this: ServerResponse, ...args: unknown[]) => Dated;

function withDate(headers: HeaderList | undefined, date: string): HeaderList {
  if (headers === undefined) return { Date: date };
  if (Array.isArray(headers)) {
    // A flat [name, value, …] list (or one of pairs): Date added unless the handler gave one.
    const names = headers.flat().filter((_, i) => i % 2 === 0);
    return names.some((n) => String(n).toLowerCase() === "date") ? headers : [...headers, "Date", date];
  }
  if (headers.date !== undefined || headers.Date !== undefined) return headers;
  // A copy, as a loop: the handler's object may be shared between its answers, and V8's
  // object spread took a microsecond here (forty times the loop).
  const out: OutgoingHttpHeaders = { Date: date };
  for (const name in headers) out[name] = headers[name];
  return out;
}

function writeHeadWithDate(this: Dated, statusCode: number, reasonOrHeaders?: string | HeaderList, headers?: HeaderList): Dated {
  const date = this[DATE];
  if (date === undefined || this.hasHeader("date")) return nodeWriteHead.call(this, statusCode, reasonOrHeaders as string, headers);
  if (typeof reasonOrHeaders === "string") return nodeWriteHead.call(this, statusCode, reasonOrHeaders, withDate(headers, date));
  return nodeWriteHead.call(this, statusCode, withDate(reasonOrHeaders, date));
}

/**
 * Puts the mock's Date header on Node's response, written in its one writeHead call with
 * the handler's own headers (a Date the handler set wins). Cheaper than the alternatives
 * the profile of a standalone mock measured: a Headers object for every response (Hono's
 * c.header), Node's slow header path (setHeader before writeHead validates every header
 * twice), or a ServerResponse subclass (Node's parser then builds each response slower).
 * False when `outgoing` is not Node's response (in-process: the host sets it on the Response).
 */
export function dateOnWriteHead(outgoing: unknown, date: string): boolean {
  if (!(outgoing instanceof ServerResponse) || outgoing.headersSent) return false;
  const dated = outgoing as Dated;
  dated[DATE] = date;
  dated.writeHead = writeHeadWithDate as ServerResponse["writeHead"];
  return true;
}
