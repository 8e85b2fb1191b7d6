import { expect, test } from "@playwright/test";
import { createMockHost } from "../../../mock-kit/host.ts";
import { controlmMock } from "./index.ts";
import { jacksonText } from "./jackson.ts";

test("JSON is laid out as Jackson indents it: a field a line, name : value, arrays inline", () => {
  expect(jacksonText({ errors: [{ message: "m", item: "i" }], n: 1, none: undefined, empty: [], obj: {} })).toBe(
    '{\n  "errors" : [ {\n    "message" : "m",\n    "item" : "i"\n  } ],\n  "n" : 1,\n  "empty" : [ ],\n  "obj" : { }\n}',
  );
  expect(jacksonText([{ a: ["x", "y"] }])).toBe('[ {\n  "a" : [ "x", "y" ]\n} ]');
  expect(JSON.parse(jacksonText({ a: [1, null, 'q"'], b: { c: true } }))).toEqual({ a: [1, null, 'q"'], b: { c: true } });
});

// BMC's sample shell scripts (automation-api-community-solutions, e.g. the get-job-status curl
// example) cut the token out of the raw login answer: everything after `token" : "` up to the
// next quote. Restated here as the same text operation; with compact JSON it yields `{`.
test("the token cut out of the raw login text the way BMC's sample scripts do it authorizes requests", async () => {
  const host = createMockHost(controlmMock);
  const res = await host.app.request("/session/login", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "emuser", password: "empass-1234" }),
  });
  const raw = await res.text();
  const after = raw.split('token" : "')[1];
  expect(after, "the raw answer has the marker the scripts look for").toBeDefined();
  const token = (after as string).split('"')[0] as string;
  expect(token).toMatch(/^[0-9A-F]+$/);
  const used = await host.app.request("/config/servers", { headers: { authorization: `Bearer ${token}` } });
  expect(used.status).toBe(200);
});
