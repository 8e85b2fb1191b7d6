import { expect, test } from "@playwright/test";
import { parseXml } from "../../../http/xml.ts";
import { decodeXmlText } from "../../../http/xml.ts";
import { ansibleLogon, documentedLogon, hmcHost, LOGON, logon, openSessions, put, withSession } from "../../../../test-support/hmc-mock.ts";
import { WEB_NS } from "./wire.ts";

test("the documented V1_1_0 LogonRequest gets a LogonResponse with the captured shape, cookies and headers", async () => {
  const host = hmcHost();
  const { res, text, token } = await logon(host);
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("application/vnd.ibm.powervm.web+xml; type=LogonResponse");
  expect(token).toMatch(/^[A-Za-z0-9_-]{199}=$/);
  const root = parseXml(text).LogonResponse as Record<string, unknown>;
  expect(root["@xmlns"]).toBe(WEB_NS);
  // Answered in the version asked, as the IBM doc example pairs them (V1_1_0 → V1_1_0), without the 2024 capture's ns2.
  expect(root["@schemaVersion"]).toBe("V1_1_0");
  expect(root["@xmlns:ns2"]).toBeUndefined();
  expect(root.Metadata).toEqual({ Atom: "" });
  expect(text.startsWith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<LogonResponse ')).toBe(true);
  const cookies = res.headers.getSetCookie();
  expect(cookies).toHaveLength(2);
  expect(cookies[0]).toMatch(/^JSESSIONID=[0-9A-F]{32}; Path=\/rest; Secure; HttpOnly$/);
  expect(cookies[1]).toMatch(/^CCFWSESSION=[0-9A-F]{32}; Path=\/; Secure; HttpOnly$/);
  expect(res.headers.get("x-transaction-id")).toMatch(/^XT\d{8}$/);
  expect(res.headers.get("server")).toBe("Server Hardware Management Console");
  expect(res.headers.get("strict-transport-security")).toContain("max-age=31536000");
  expect(await openSessions(host)).toBe(1);
});

test("V1_0 without Metadata or kb/kxe, with ansible's extra xmlns:mc, and a prefixed root are all accepted", async () => {
  const host = hmcHost();
  const v1_0 = await logon(host, ansibleLogon("hscroot", "hmc-pass-1"));
  expect(v1_0.res.status).toBe(200);
  // The 2024 capture: a V1_0 request is answered V1_0, declaring k2 as ns2.
  const root = parseXml(v1_0.text).LogonResponse as Record<string, unknown>;
  expect([root["@schemaVersion"], root["@xmlns:ns2"]]).toEqual(["V1_0", "http://www.w3.org/XML/1998/namespace/k2"]);
  const prefixed = `<mc:LogonRequest xmlns:mc="${WEB_NS}" schemaVersion="V1_0"><mc:UserID>hscroot</mc:UserID><mc:Password>hmc-pass-1</mc:Password></mc:LogonRequest>`;
  expect((await logon(host, prefixed)).res.status).toBe(200);
  // Media-type parameters are matched without regard to case or extra parameters.
  expect(
    (await logon(host, ansibleLogon("hscroot", "hmc-pass-1"), "application/vnd.ibm.powervm.web+xml; charset=UTF-8; type=LogonRequest")).res
      .status,
  ).toBe(200);
  expect(await openSessions(host)).toBe(3);
});

test("an XML-escaped password is decoded before it is compared", async () => {
  const host = hmcHost();
  const body = (password: string) =>
    `<LogonRequest xmlns="${WEB_NS}" schemaVersion="V1_0"><UserID>hmcoper</UserID><Password>${password}</Password></LogonRequest>`;
  expect((await logon(host, body("oper&amp;pass-2"))).res.status).toBe(200);
  expect((await logon(host, body("oper&#38;pass-2"))).res.status).toBe(200);
  expect((await logon(host, body("oper&amp;amp;pass-2"))).res.status).toBe(401);
  // A bare & is not well-formed XML.
  expect((await logon(host, body("oper&pass-2"))).res.status).toBe(400);
  expect(decodeXmlText("&lt;a&gt; &quot;b&apos; &#x41;&#66;&amp;")).toBe("<a> \"b' AB&");
  expect(() => decodeXmlText("&nbsp;")).toThrow(/not declared/);
});

test("wrong credentials get 401, an HttpErrorResponse, and no session", async () => {
  const host = hmcHost();
  for (const body of [documentedLogon("hscroot", "wrong"), documentedLogon("nobody", "hmc-pass-1")]) {
    const { res, text, token } = await logon(host, body);
    expect(res.status).toBe(401);
    expect(token).toBeUndefined();
    expect(res.headers.getSetCookie()).toEqual([]);
    expect(res.headers.get("content-type")).toBe("application/atom+xml");
    const entry = parseXml(text).entry as Record<string, Record<string, Record<string, unknown>>>;
    const error = entry.content?.["HttpErrorResponse:HttpErrorResponse"] as Record<string, { "#text": string }>;
    expect(error.HTTPStatus?.["#text"]).toBe("401");
    expect(error.ReasonCode?.["#text"]).toBeTruthy();
    expect(error.Message?.["#text"]).toMatch(/Logon failed/);
  }
  expect(await openSessions(host)).toBe(0);
});

test("a wrong or missing Content-Type is refused with 400 (415 when configured) and no session", async () => {
  const host = hmcHost();
  const body = documentedLogon("hscroot", "hmc-pass-1");
  for (const type of ["application/xml", "application/vnd.ibm.powervm.web+xml; type=LogonResponse", "text/plain", null]) {
    const res = await host.app.request(LOGON, put(body, type));
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('<HTTPStatus kb="ROR" kxe="false">400</HTTPStatus>');
  }
  expect(await openSessions(host)).toBe(0);
  const strict = hmcHost({ options: { badContentTypeStatus: "415" } });
  expect((await strict.app.request(LOGON, put(body, "text/plain"))).status).toBe(415);
});

test("malformed XML, a foreign root, a wrong namespace or a missing field is 400 'Failed to unmarshal input payload'", async () => {
  const host = hmcHost();
  const bodies = [
    "<LogonRequest><UserID>hscroot</UserID>",
    "not xml at all",
    `<JobRequest xmlns="${WEB_NS}"><UserID>hscroot</UserID><Password>hmc-pass-1</Password></JobRequest>`,
    `<LogonRequest xmlns="http://www.ibm.com/xmlns/systems/power/firmware/uom/mc/2012_10/"><UserID>hscroot</UserID><Password>hmc-pass-1</Password></LogonRequest>`,
    "<LogonRequest><UserID>hscroot</UserID><Password>hmc-pass-1</Password></LogonRequest>",
    `<mc:LogonRequest xmlns:mc="${WEB_NS}"><UserID>hscroot</UserID><Password>hmc-pass-1</Password></mc:LogonRequest>`,
    `<LogonRequest xmlns="${WEB_NS}"><UserID>hscroot</UserID></LogonRequest>`,
    `<LogonRequest xmlns="${WEB_NS}"><UserID>hscroot</UserID><UserID>x</UserID><Password>hmc-pass-1</Password></LogonRequest>`,
  ];
  for (const body of bodies) {
    const { res, text } = await logon(host, body);
    expect(res.status, body).toBe(400);
    expect(text).toContain("Failed to unmarshal input payload");
  }
  expect(await openSessions(host)).toBe(0);
});

test("an XML bomb (DOCTYPE with nested entities) is refused with 4xx in well under a second, no session", async () => {
  const host = hmcHost();
  const entities = ['<!ENTITY lol "lol">'];
  for (let i = 1; i <= 9; i++) entities.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? "" : i - 1};`.repeat(10)}">`);
  const bomb = `<?xml version="1.0"?>\n<!DOCTYPE LogonRequest [\n${entities.join("\n")}\n]>\n<LogonRequest xmlns="${WEB_NS}"><UserID>hscroot</UserID><Password>&lol9;</Password></LogonRequest>`;
  const started = performance.now();
  const { res, text } = await logon(host, bomb);
  expect(performance.now() - started).toBeLessThan(500);
  expect(res.status).toBe(400);
  expect(text).toContain("Failed to unmarshal input payload");
  expect(await openSessions(host)).toBe(0);
});

test("other methods on Logon are 405 once authorized", async () => {
  const host = hmcHost();
  const { token } = await logon(host);
  const res = await host.app.request(LOGON, withSession(token ?? "", { method: "POST" }));
  expect(res.status).toBe(405);
  expect(res.headers.get("allow")).toBe("PUT, DELETE");
  expect((await host.app.request(LOGON, { method: "GET" })).status).toBe(401);
});
