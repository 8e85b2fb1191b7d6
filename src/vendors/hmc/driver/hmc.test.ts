import { expect, test } from "@playwright/test";
import { SessionCookies } from "../../../http/cookie-jar.ts";
import type { Exchange, HttpRequest } from "../../../http/exchange.ts";
import { parseXml } from "../../../http/xml.ts";
import { hmcMock } from "../mock/index.ts";
import { parseLogonRequest } from "../mock/logon-request.ts";
import type { DriverContext, Session } from "../../../vendor-api/driver.ts";
import { apiSessionOf, hmc } from "./index.ts";
import { logonRequestXml, pickSchemaVersion, WEB_NS } from "./wire.ts";

function exchange(status: number, path: string, body = ""): Exchange {
  const response = { status, headers: {}, setCookies: [], text: body, ...(body ? { parsed: parseXml(body) } : {}) };
  return {
    request: { method: "GET", url: `https://hmc.example:12443${path}`, headers: {} },
    response,
    startedAt: 0,
    durationMs: 0,
    label: "t",
  };
}

const error403 = (code: string) =>
  `<entry xmlns="http://www.w3.org/2005/Atom"><content type="x"><HttpErrorResponse:HttpErrorResponse xmlns:HttpErrorResponse="${WEB_NS}"><ReasonCode>${code}</ReasonCode></HttpErrorResponse:HttpErrorResponse></content></entry>`;

test("both LogonRequest forms escape the password and read back as sent", () => {
  for (const version of ["V1_1_0", "V1_0"] as const) {
    const xml = logonRequestXml(version, "hmcoper", "a&b<c>'\"");
    const parsed = parseLogonRequest(xml, { doctype: "refused" });
    expect(parsed).toMatchObject({ userId: "hmcoper", password: "a&b<c>'\"", schemaVersion: version });
    expect(Object.keys(parseXml(xml).LogonRequest as object).includes("Metadata")).toBe(version === "V1_1_0");
  }
});

test("the step picks the LogonRequest form, V1_1_0 by default; typos fail", () => {
  expect(pickSchemaVersion(undefined)).toBe("V1_1_0");
  expect(pickSchemaVersion("V1_0")).toBe("V1_0");
  expect(() => pickSchemaVersion("v1.0")).toThrow(/schemaVersion must be one of/);
});

test("the X-API-Session is found under any prefix, with the doc example's line breaks removed", () => {
  const wrapped = `<ns3:LogonResponse xmlns:ns3="${WEB_NS}"><ns3:X-API-Session kb="ROR">\n  abc_DEF-1\n  23=\n</ns3:X-API-Session></ns3:LogonResponse>`;
  expect(apiSessionOf(exchange(200, "/rest/api/web/Logon", wrapped))).toBe("abc_DEF-123=");
  expect(
    apiSessionOf(exchange(200, "/rest/api/web/Logon", `<LogonResponse xmlns="${WEB_NS}"><X-API-Session/></LogonResponse>`)),
  ).toBeUndefined();
});

test("403 means unauthenticated for reason codes 4/5 or on Logon/ManagementConsole, forbidden elsewhere", () => {
  expect(hmc.classify(exchange(403, "/rest/api/uom/ManagementConsole"))).toBe("unauthenticated");
  expect(hmc.classify(exchange(403, "/rest/api/web/Logon"))).toBe("unauthenticated");
  expect(hmc.classify(exchange(403, "/rest/api/pcm/preferences", error403("5")))).toBe("unauthenticated");
  expect(hmc.classify(exchange(403, "/rest/api/pcm/preferences", error403("Forbidden.")))).toBe("forbidden");
  expect(hmc.classify(exchange(204, "/rest/api/web/Logon"))).toBe("ok");
  expect(hmc.classify(exchange(401, "/x"))).toBe("unauthenticated");
  expect(hmc.classify(exchange(415, "/rest/api/web/Logon"))).toBe("rejected");
});

test("deployment options use the mock's --set names; the per-user idle timeout has no default, as the HMC documents none", () => {
  for (const name of Object.keys(hmc.deploymentOptions)) expect(Object.keys(hmcMock.optionHelp)).toContain(name);
  expect(hmc.deploymentOptions.operatorIdleTimeout).toMatchObject({ duration: true });
  expect(hmc.deploymentOptions.operatorIdleTimeout?.default).toBeUndefined();
});

test("carriers: the X-API-Session header alone (documented) and the Logon's cookies alone (unverified), each without the other", async () => {
  const sent: HttpRequest[] = [];
  const ctx: DriverContext = {
    target: { name: "t", vendor: "hmc", baseUrl: "https://hmc.example:12443", options: {} },
    url: (path) => `https://hmc.example:12443${path}`,
    secret: () => {},
    now: () => 0,
    async send(request) {
      sent.push(request);
      return { ...exchange(401, new URL(request.url).pathname), request };
    },
  };
  const session: Session = { name: "s", cookies: new SessionCookies(), state: { apiSession: "tok-1" }, open: true };
  await session.cookies.store(["JSESSIONID=J1; Path=/rest; Secure; HttpOnly", "CCFWSESSION=C1; Path=/; Secure; HttpOnly"], ctx.url("/"), 0);
  const carriers = hmc.carriers?.(session) ?? [];
  expect(carriers.map((c) => c.sureness)).toEqual(["documented", "unverified"]);
  for (const carrier of carriers) expect((await carrier.probe(ctx, session)).verdict).toBe("unauthenticated");
  const [byHeader, byCookies] = sent;
  expect(byHeader?.headers).toEqual({ accept: "application/atom+xml", "x-api-session": "tok-1" });
  expect(byCookies?.headers["x-api-session"]).toBeUndefined();
  expect(byCookies?.headers.cookie?.split("; ").sort()).toEqual(["CCFWSESSION=C1", "JSESSIONID=J1"]);
  // A session whose jar holds nothing sends no credential that way: not judged.
  const bare: Session = { ...session, cookies: new SessionCookies() };
  expect((await (hmc.carriers?.(bare) ?? [])[1]?.probe(ctx, bare))?.inconclusive).toMatch(/holds no cookie/);
});
