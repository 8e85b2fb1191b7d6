import { expect, test } from "@playwright/test";
import type { HttpResponse } from "../http/exchange.ts";
import { parseXml } from "../http/xml.ts";
import { secrets } from "../redact/secrets.ts";
import { bodyShape } from "./body-shape.ts";
import { normalizeContentType } from "./exchange-shape.ts";
import { scrubberFor } from "./stable-text.ts";

const scrub = scrubberFor("http://127.0.0.1:40123");
const response = (type: string, text: string, parsed?: unknown): HttpResponse => ({
  status: 200,
  headers: { "content-type": type },
  setCookies: [],
  text,
  ...(parsed === undefined ? {} : { parsed }),
});

test("a JSON body becomes its paths and types; versions keep their value, nothing else does", () => {
  const body = {
    username: "emuser",
    token: "T0KEN",
    version: "9.22.30",
    errors: [{ message: "x" }, { message: "y", code: 3 }],
    extra: null,
  };
  const shape = bodyShape(response("application/json", JSON.stringify(body), body), scrub);
  expect(shape.shape).toEqual({
    $: "object",
    "$.username": "string",
    "$.token": "string",
    "$.version": "string",
    "$.errors": "array",
    "$.errors[]": "object",
    "$.errors[].message": "string",
    "$.errors[].code": "number",
    "$.extra": "null",
  });
  expect(shape.values).toEqual({ "$.version": "9.22.30" });
  expect(JSON.stringify(shape)).not.toContain("emuser");
});

test("an XML body becomes its element tree with namespaces resolved, whatever the prefixes", () => {
  const web = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
  const plain = `<LogonResponse xmlns="${web}" schemaVersion="V1_0"><Metadata><Atom/></Metadata><X-API-Session kb="ROR">secret-token</X-API-Session></LogonResponse>`;
  const prefixed = `<w:LogonResponse xmlns:w="${web}" schemaVersion="V1_0"><w:Metadata><w:Atom/></w:Metadata><w:X-API-Session kb="ROR">other</w:X-API-Session></w:LogonResponse>`;
  const shapeOf = (xml: string) =>
    bodyShape(response("application/vnd.ibm.powervm.web+xml; type=LogonResponse", xml, parseXml(xml)), scrub);
  const shape = shapeOf(plain);
  expect(shape.shape).toEqual({
    $: "xml",
    "/LogonResponse": `element {${web}}`,
    "/LogonResponse/@schemaVersion": "attribute",
    "/LogonResponse/Metadata": "element",
    "/LogonResponse/Metadata/Atom": "element",
    "/LogonResponse/X-API-Session": "element text",
    "/LogonResponse/X-API-Session/@kb": "attribute",
  });
  expect(shape.values).toEqual({ "/LogonResponse/@schemaVersion": "V1_0" });
  expect(shapeOf(prefixed)).toEqual(shape);
  const moved = plain.replace(web, "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_06/");
  expect(shapeOf(moved).shape["/LogonResponse"]).toContain("2012_06");
});

test("HTML, text and empty bodies are named, not dissected", () => {
  expect(bodyShape(response("text/html;charset=UTF-8", "<html><body>login</body></html>"), scrub).shape).toEqual({ $: "html" });
  expect(bodyShape(response("text/plain", "1BCE77AF"), scrub).shape).toEqual({ $: "text" });
  expect(bodyShape(response("application/json", ""), scrub).shape).toEqual({ $: "empty" });
  expect(bodyShape({ ...response("application/json", "{oops"), parseError: "bad" }, scrub).shape).toEqual({ $: "unparsable json" });
});

test("scrubbing keeps what is stable and hides secrets, addresses, clocks and random ids", () => {
  secrets.add("s3cr3t-value-42", "token");
  expect(scrub("token s3cr3t-value-42")).toBe("token «token»");
  expect(scrub("http://127.0.0.1:40123/welcome.html?nocache=1768467600000")).toBe("‹target›/welcome.html?nocache=‹epoch-ms›");
  expect(scrub("created 2026-01-15T09:00:00Z, due 2026-02-01")).toBe("created ‹time 9999-99-99T99:99:99Z›, due ‹time 9999-99-99›");
  expect(scrub("no-such-user-1a2b3c4d and 00DEADBEEF1a2b3c4d")).toBe("no-such-user-‹id› and ‹id›");
  expect(scrub("status 401, version 9.22.30")).toBe("status 401, version 9.22.30");
});

test("content types compare by meaning, not by spelling", () => {
  expect(normalizeContentType("Application/JSON;Charset=UTF-8")).toBe("application/json; charset=utf-8");
  expect(normalizeContentType("application/vnd.ibm.powervm.web+xml;  type=LogonResponse")).toBe(
    "application/vnd.ibm.powervm.web+xml; type=LogonResponse",
  );
  expect(normalizeContentType(undefined)).toBeNull();
});
