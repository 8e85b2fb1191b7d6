import { expect, test } from "@playwright/test";
import type { HttpResponse } from "../http/exchange.ts";
import { compareResponse } from "./compare.ts";
import { type HarEntry, harToExchanges } from "./har.ts";
import { profileOf } from "./profiles.ts";
import { recordedContext, requestSignature } from "./signature.ts";

const response = (text: string, headers: Record<string, string> = {}, status = 200): HttpResponse => ({
  status,
  headers,
  setCookies: [],
  text,
});

test("compare: an XML declaration, another root namespace and missing elements are differences; the same shape is none", async () => {
  const hmc = await profileOf("hmc");
  const recorded = {
    status: 200,
    headers: { "content-type": "application/atom+xml" },
    text: '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content/></entry></feed>',
  };
  expect(compareResponse(recorded, response(recorded.text, { "content-type": "application/atom+xml" }), hmc)).toEqual([]);
  const differences = compareResponse(
    recorded,
    response('<?xml version="1.0" encoding="UTF-8"?><feed xmlns="urn:other"><entry/></feed>', { "content-type": "application/atom+xml" }),
    hmc,
  );
  expect(differences).toEqual([
    "XML elements: the recording has content; the mock does not",
    'XML root element: recorded "{http://www.w3.org/2005/Atom}feed", mock "{urn:other}feed"',
    "XML declaration: the recording has none, the mock's starts with one",
  ]);
});

test("compare: a prefixed root binds the same namespace as a default one (the element's namespace, not its spelling)", async () => {
  const web = "http://www.ibm.com/xmlns/systems/power/firmware/web/mc/2012_10/";
  const recorded = { status: 200, text: `<LogonResponse xmlns="${web}"><X-API-Session>{{session}}</X-API-Session></LogonResponse>` };
  const prefixed = `<web:LogonResponse xmlns:web="${web}"><web:X-API-Session>s</web:X-API-Session></web:LogonResponse>`;
  expect(
    compareResponse(
      { ...recorded, headers: { "content-type": "application/xml" } },
      response(prefixed, { "content-type": "application/xml" }),
      await profileOf("hmc"),
    ),
  ).toEqual([]);
});

test("compare: JSON key sets, charset and pretty printing are told apart", async () => {
  const recorded = {
    status: 200,
    headers: { "content-type": "application/json;charset=UTF-8" },
    text: '{\n  "token" : "{{token}}",\n  "version" : "9.19.120"\n}',
  };
  expect(
    compareResponse(
      recorded,
      response('{"token":"T","username":"u"}', { "content-type": "application/json" }),
      await profileOf("controlm"),
    ),
  ).toEqual([
    'content type: recorded "application/json;charset=UTF-8", mock "application/json"',
    "body keys: the recording has version; the mock does not",
    "body keys: the mock adds username, which the recording does not have",
    "body layout: the recording's JSON is pretty-printed, the mock's compact",
  ]);
});

const entry = (method: string, url: string, headers: Record<string, string>, status: number, text = "", body?: string): HarEntry => ({
  request: {
    method,
    url,
    headers: Object.entries(headers).map(([name, value]) => ({ name, value })),
    ...(body ? { postData: { text: body } } : {}),
  },
  response: { status, headers: [{ name: "content-type", value: "application/json" }], content: { text } },
});

test("a HAR's credentials become placeholders: a second session is token-2, a logout ends only the session it carried", async () => {
  const base = "https://am.example.com/am/json/realms/root";
  const login = (pw: string) => ({ "x-openam-username": "amadmin", "x-openam-password": pw, "content-type": "application/json" });
  const exchanges = await harToExchanges(
    [
      entry("POST", `${base}/authenticate`, login("secret-1"), 200, '{"tokenId":"AAA-first"}', "{}"),
      entry("POST", `${base}/authenticate`, login("secret-1"), 200, '{"tokenId":"BBB-second"}', "{}"),
      entry(
        "POST",
        `${base}/sessions/?_action=logout`,
        { iplanetdirectorypro: "AAA-first" },
        200,
        '{"result":"Successfully logged out"}',
        '{"tokenId":"AAA-first"}',
      ),
      entry("POST", `${base}/sessions/?_action=validate`, {}, 200, '{"valid":false}', '{"tokenId":"AAA-first"}'),
      entry("POST", `${base}/sessions/?_action=validate`, {}, 200, '{"valid":true}', '{"tokenId":"BBB-second"}'),
      entry("POST", `${base}/authenticate`, login("wrong"), 401, '{"code":401}', "{}"),
    ],
    { vendor: "openam", basePath: "/am", file: "t.har" },
  );
  expect(exchanges.map((e) => e.request.text ?? "")).toEqual([
    "{}",
    "{}",
    '{"tokenId":"{{token}}"}',
    '{"tokenId":"{{ended-token}}"}',
    '{"tokenId":"{{token-2}}"}',
    "{}",
  ]);
  expect(exchanges[1]?.binds).toEqual({ token: "token-2" });
  expect(exchanges[0]?.request.headers?.["x-openam-password"]).toBe("{{password}}");
  expect(exchanges[5]?.request.headers?.["x-openam-password"]).toBe("{{wrong-password}}");
  expect(JSON.stringify(exchanges.map((e) => e.request))).not.toMatch(/secret-1|AAA-first|BBB-second/);
});

test("signature: a token named by the caller's own session and another's, live and ended, ask different questions", async () => {
  const ctx = recordedContext(await profileOf("openam"));
  const ask = (headers: Record<string, string>, body: string) =>
    requestSignature(
      {
        method: "POST",
        path: "/json/realms/root/sessions/?_action=getSessionInfo",
        headers: { "content-type": "application/json", ...headers },
        text: body,
      },
      ctx,
    );
  const noCaller = ask({}, '{"tokenId":"{{token}}"}');
  expect(noCaller).toBe(
    "POST /json/realms/root/sessions?_action=getSessionInfo | type:application/json | body-keys:tokenId | body-tokenId:live",
  );
  expect(ask({ iplanetdirectorypro: "{{token}}" }, '{"tokenId":"{{token}}"}')).toContain("body-tokenId:live/self");
  expect(ask({ iplanetdirectorypro: "{{token}}" }, '{"tokenId":"{{token-2}}"}')).toContain("body-tokenId:live/other");
  expect(ask({}, '{"tokenId":"{{ended-token}}"}')).toContain("body-tokenId:ended");
  expect(ask({}, '{"tokenId":"not-issued"}')).toContain("body-tokenId:forged");
});
