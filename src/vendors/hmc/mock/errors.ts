import { randomUUID } from "node:crypto";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { escapeXml } from "../../../http/xml.ts";
import { ATOM_NS, ATOM_TYPE, atomTime, GENERATOR, K2_NS, OPENSEARCH_NS, WEB_MEDIA, WEB_NS, XHTML_NS } from "./wire.ts";

export interface HttpErrorInfo {
  status: ContentfulStatusCode;
  reasonCode: string;
  message: string;
}

/**
 * The HMC's HttpErrorResponse, an Atom entry (pypowervm@8613035a tests/data/fake_httperror.txt).
 * Clients read HTTPStatus / ReasonCode / Message (ruby, pypowervm) or the first
 * `//Message` (ansible). RequestHeaders is left out: echoing headers would echo
 * ansible's Basic credentials, and no client reads it.
 */
// An empty result is the other legal refusal (the `empty` body options); the suites accept both by design.
// Stryker disable next-line BlockStatement: see above.
export function httpErrorXml(info: HttpErrorInfo & { requestUri: string; now: number }): string {
  // kb says who may change a field (ROR read-only, ROO optional): JAXB bookkeeping that no client reads.
  // Stryker disable next-line StringLiteral,ArrayDeclaration: see above.
  const [readOnly, optional] = ["ROR", "ROO"];
  const field = (name: string, kb: string, value: string) => `    <${name} kb="${kb}" kxe="false">${escapeXml(value)}</${name}>`;
  // Stryker disable next-line ArrayDeclaration: an empty body is the other legal refusal (see above).
  const lines = [
    // No XML declaration, as recorded (fake_httperror.txt): pypowervm parses this body as a str
    // (exceptions.py:73 `etree.fromstring(resp.body)`), and lxml refuses a str declaring its encoding.
    `<entry xmlns="${ATOM_NS}" xmlns:ns2="${OPENSEARCH_NS}" xmlns:ns3="${XHTML_NS}">`,
    `    <id>${randomUUID()}</id>`,
    "    <title>HttpErrorResponse</title>",
    // Stryker disable next-line StringLiteral: published is recorded but optional in Atom, and no client reads it.
    `    <published>${atomTime(info.now)}</published>`,
    `    <author>\n        <name>${GENERATOR}</name>\n    </author>`,
    `    <content type="${WEB_MEDIA}; type=HttpErrorResponse">`,
    `        <HttpErrorResponse:HttpErrorResponse xmlns:HttpErrorResponse="${WEB_NS}" xmlns="${WEB_NS}" xmlns:ns2="${K2_NS}" schemaVersion="V1_2_0">`,
    // Stryker disable next-line StringLiteral: Metadata/Atom is in every recorded document and read by no client (HMC-03 lets a LogonResponse go without it).
    "    <Metadata>\n        <Atom/>\n    </Metadata>",
    field("HTTPStatus", readOnly, String(info.status)),
    field("RequestURI", readOnly, info.requestUri),
    field("ReasonCode", readOnly, info.reasonCode),
    field("Message", optional, info.message),
    // Stryker disable next-line StringLiteral: RequestBody is recorded empty and read by no client (ruby, pypowervm and ansible read the four fields above).
    '    <RequestBody kb="ROO" kxe="false"/>',
    "</HttpErrorResponse:HttpErrorResponse>",
    "    </content>",
    "</entry>",
    // Stryker disable next-line StringLiteral: the newline after the root element is insignificant.
    "",
  ];
  // Stryker disable next-line StringLiteral: the line breaks between elements are insignificant whitespace.
  return lines.join("\n");
}

// Stryker disable next-line ObjectLiteral,StringLiteral: no-cache headers as recorded for an error; no client acts on them.
const NO_CACHE = { expires: "Thu, 01 Dec 1994 16:00:00 GMT", "cache-control": 'no-cache="set-cookie, set-cookie2"' };

/**
 * Answers with an HttpErrorResponse; its content type (atom+xml) is as recorded for a
 * 500, UNVERIFIED for 4xx. `empty`: the same status with no body, the other form
 * ansible's parse_error_response handles ("HTTP Error {code}: {reason}").
 */
export function httpError(c: Context, now: number, info: HttpErrorInfo & { body?: "http-error" | "empty" }): Response {
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: an HttpErrorResponse and no body are both legal refusals (the `empty` body options); the suites accept both by design.
  if (info.body === "empty") return c.body(null, info.status, NO_CACHE);
  const body = httpErrorXml({ ...info, requestUri: c.req.path, now });
  // Stryker disable next-line ObjectLiteral: the content type of a 4xx HttpErrorResponse is UNVERIFIED (wire notes §2.5 record it for a 500 only).
  return c.body(body, info.status, { "content-type": ATOM_TYPE, ...NO_CACHE });
}
