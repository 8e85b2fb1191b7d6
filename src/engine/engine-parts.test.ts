import { expect, test } from "@playwright/test";
import type { HttpResponse } from "../http/exchange.ts";
import { interpolate, InterpolationError } from "../scenario/interpolate.ts";
import { formatDuration, parseDuration } from "../time/duration.ts";
import { mismatch } from "./matchers.ts";
import { bodyPath, select } from "./selectors.ts";
import { defaultMargin, resolveTimeExpr } from "./time.ts";
import { realTarget } from "../../test-support/real-target.ts";

test("durations parse and print both ways, and a bad one says what is expected", () => {
  expect(parseDuration("1h30m")).toBe(5_400_000);
  expect(parseDuration("250ms")).toBe(250);
  expect(formatDuration(5_400_000)).toBe("1h30m");
  expect(() => parseDuration("soon")).toThrow(/"soon" is not a duration: expected a number and a unit \(ms, s, m, h, d\)/);
});

test("time expressions are relative to the declared timeout", () => {
  expect(resolveTimeExpr("past", 30 * 60_000)).toBe(31 * 60_000);
  expect(resolveTimeExpr("before", 30 * 60_000)).toBe(29 * 60_000);
  expect(resolveTimeExpr("past", 20_000)).toBe(21_000);
  expect(resolveTimeExpr("60%", 20_000)).toBe(12_000);
  expect(resolveTimeExpr("90s", undefined)).toBe(90_000);
  expect(resolveTimeExpr("past", 20_000, 3_000)).toBe(23_000);
  expect(defaultMargin(24 * 3_600_000)).toBe(60_000);
  expect(() => resolveTimeExpr("past", undefined)).toThrow(/relative to a timeout the target does not declare/);
});

test("body paths read JSON and namespaced XML alike", () => {
  expect(bodyPath({ errors: [{ message: "x" }] }, "errors[0].message")).toBe("x");
  const xml = { "ns2:LogonResponse": { "@xmlns": "urn:web", "X-API-Session": { "#text": "tok", "@kb": "ROR" } } };
  expect(bodyPath(xml, "LogonResponse.X-API-Session")).toBe("tok");
  expect(bodyPath(xml, "LogonResponse.X-API-Session.@kb")).toBe("ROR");
  expect(bodyPath(xml, "LogonResponse.@xmlns")).toBe("urn:web");
  expect(bodyPath(xml, "LogonResponse.Missing")).toBeUndefined();
});

test("selectors read status, headers, cookies and bodies", () => {
  const response: HttpResponse = {
    status: 200,
    headers: { "content-type": "application/json", date: "Thu, 15 Jan 2026 09:00:00 GMT" },
    setCookies: ["JSESSIONID=abc; Path=/; Secure; HttpOnly; SameSite=Lax", "old=x; Expires=Thu, 01 Jan 1970 00:00:10 GMT"],
    text: '{"a":1}',
    parsed: { a: 1 },
  };
  expect(select(response, "status", 0)).toBe(200);
  expect(select(response, "headers.Content-Type", 0)).toBe("application/json");
  expect(select(response, "cookies.JSESSIONID.httpOnly", 0)).toBe(true);
  expect(select(response, "cookies.JSESSIONID.sameSite", 0)).toBe("lax");
  expect(select(response, "cookies.old.cleared", 0)).toBe(true);
  expect(select(response, "body.a", 0)).toBe(1);
});

test("matchers say what was expected and what came", () => {
  expect(mismatch(200, 200)).toBeUndefined();
  // Equality by YAML type: a number is not its text, true is not "true" nor ["true"].
  expect(mismatch("401", 401)).toBe('expected to equal 401, got "401"');
  expect(mismatch("true", true)).toBe('expected to equal true, got "true"');
  expect(mismatch(["true"], true)).toBe('expected to equal true, got ["true"]');
  expect(mismatch("1", { equals: 1 })).toBe('expected to equal 1, got "1"');
  expect(mismatch("1", { equals: "1" })).toBeUndefined();
  expect(mismatch(1, { oneOf: ["1", "2"] })).toBe('expected to be one of ["1","2"], got 1');
  expect(mismatch(false, { notEquals: "false" })).toBeUndefined();
  expect(mismatch("abc", { matches: "^a", nonEmpty: true, type: "string" })).toBeUndefined();
  expect(mismatch(undefined, { exists: true })).toBe("expected to exist, got nothing (absent)");
  expect(mismatch("x", { oneOf: ["a", "b"] })).toBe('expected to be one of ["a","b"], got "x"');
  expect(mismatch("2026-01-15T09:31:00Z", { after: "2026-01-15T09:30:00Z" })).toBeUndefined();
  expect(mismatch("same", { notEquals: "same" })).toBe('expected to differ from "same", got "same"');
});

test("interpolation resolves captures, credentials, users and dates; an unknown name is an error", () => {
  const scope = {
    captures: { tok: "T1" },
    credentials: { username: "u" },
    users: { admin: { password: "p" } },
    random: "r4nd",
    now: Date.UTC(2026, 0, 31, 23, 0),
  };
  expect(
    interpolate(
      { a: "${tok}/${credentials.username}/${users.admin.password}/${random}", d: ["${date}", "${date+1d}", "${date-31d}"] },
      scope,
    ),
  ).toEqual({ a: "T1/u/p/r4nd", d: ["2026-01-31", "2026-02-01", "2025-12-31"] });
  expect(() => interpolate("${nope}", scope)).toThrow(InterpolationError);
  expect(() => interpolate("${users.ghost.password}", scope)).toThrow(/the target has no user "ghost"; known: admin/);
});

test("a scenario's requirements skip it, with the reason, on a target whose timeouts are too short", async () => {
  const { planScenario } = await import("./plan.ts");
  const { controlm } = await import("../vendors/controlm/driver/index.ts");
  const loaded = {
    scenario: { name: "x", covers: ["CTM-S-05"], requires: { idleTimeoutAtLeast: "3m" }, steps: [{ login: {} }] },
    position: { line: 1, column: 1 },
    steps: [],
  };
  const target = realTarget("t", "controlm", { baseUrl: "https://x", credentials: {}, timeouts: { idleMs: 10_000 } });
  expect(planScenario(loaded, target, controlm).skip).toBe("needs an idle timeout of at least 3m; target t has 10s");
  expect(planScenario(loaded, { ...target, timeouts: { idleMs: 30 * 60_000 } }, controlm).skip).toBeUndefined();
});
