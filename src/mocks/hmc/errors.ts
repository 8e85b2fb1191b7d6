import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { escapeXml } from "../../http/xml.ts";
import { ATOM_NS, ATOM_TYPE, atomTime, GENERATOR, K2_NS, OPENSEARCH_NS, WEB_MEDIA, WEB_NS, XHTML_NS } from "./wire.ts";

export interface HttpErrorInfo {
  status: ContentfulStatusCode;
  reasonCode: string;
  message: string;
}

/**
 * The HMC's HttpErrorResponse, an Atom entry (pypowervm tests/data/fake_httperror.txt).
 * Clients read HTTPStatus / ReasonCode / Message (ruby, pypowervm) or the first
 * `//Message` (ansible). RequestHeaders is left out: echoing headers would echo
 * ansible's Basic credentials, and no client reads it.
 */
export function httpErrorXml(info: HttpErrorInfo & { requestUri: string; now: number }): string {
  const field = (name: string, kb: string, value: string) => `    <${name} kb="${kb}" kxe="false">${escapeXml(value)}</${name}>`;
  return [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    `<entry xmlns="${ATOM_NS}" xmlns:ns2="${OPENSEARCH_NS}" xmlns:ns3="${XHTML_NS}">`,
    `    <id>${randomUUID()}</id>`,
    "    <title>HttpErrorResponse</title>",
    `    <published>${atomTime(info.now)}</published>`,
    `    <author>\n        <name>${GENERATOR}</name>\n    </author>`,
    `    <content type="${WEB_MEDIA}; type=HttpErrorResponse">`,
    `        <HttpErrorResponse:HttpErrorResponse xmlns:HttpErrorResponse="${WEB_NS}" xmlns="${WEB_NS}" xmlns:ns2="${K2_NS}" schemaVersion="V1_2_0">`,
    "    <Metadata>\n        <Atom/>\n    </Metadata>",
    field("HTTPStatus", "ROR", String(info.status)),
    field("RequestURI", "ROR", info.requestUri),
    field("ReasonCode", "ROR", info.reasonCode),
    field("Message", "ROO", info.message),
    '    <RequestBody kb="ROO" kxe="false"/>',
    "</HttpErrorResponse:HttpErrorResponse>",
    "    </content>",
    "</entry>",
    "",
  ].join("\n");
}

const NO_CACHE = { expires: "Thu, 01 Dec 1994 16:00:00 GMT", "cache-control": 'no-cache="set-cookie, set-cookie2"' };

/**
 * Answers with an HttpErrorResponse; its content type (atom+xml) is as recorded for a
 * 500, UNVERIFIED for 4xx. `empty`: the same status with no body, the other form
 * ansible's parse_error_response handles ("HTTP Error {code}: {reason}").
 */
export function httpError(c: Context, now: number, info: HttpErrorInfo & { body?: "http-error" | "empty" }): Response {
  if (info.body === "empty") return c.body(null, info.status, NO_CACHE);
  const body = httpErrorXml({ ...info, requestUri: c.req.path, now });
  return c.body(body, info.status, { "content-type": ATOM_TYPE, ...NO_CACHE });
}
