import { expect, test } from "@playwright/test";
import { fingerprint, redact, SecretRegistry } from "./secrets.ts";
import { learnHeader } from "../http/learn-secrets.ts";
import { isSensitiveKey } from "./sensitive.ts";

test("a registered secret is replaced in every encoding it travels in, by a stable fingerprint", () => {
  const registry = new SecretRegistry();
  registry.add("p@ss w&rd<1>", "credential");
  const fp = fingerprint("p@ss w&rd<1>");
  const text = [
    "raw p@ss w&rd<1>",
    `url ${encodeURIComponent("p@ss w&rd<1>")}`,
    "form p%40ss+w%26rd%3C1%3E",
    `json ${JSON.stringify({ password: "p@ss w&rd<1>" })}`,
    "xml <Password>p@ss w&amp;rd&lt;1&gt;</Password>",
  ].join("\n");
  const out = registry.redact(text);
  expect(out).not.toContain("w&rd");
  expect(out).not.toContain("w%26rd");
  expect(out).not.toContain("w&amp;rd");
  expect(out.match(new RegExp(`«credential#${fp}»`, "g"))).toHaveLength(5);
});

test("fingerprints tell the same value from a changed one, and never show the value", () => {
  const a = fingerprint("TOKEN-AAAA-1111");
  expect(fingerprint("TOKEN-AAAA-1111")).toBe(a);
  expect(fingerprint("TOKEN-AAAA-2222")).not.toBe(a);
  expect(a).toMatch(/^[0-9a-f]{8}$/);
});

test("a longer secret containing a shorter one is replaced whole", () => {
  const registry = new SecretRegistry();
  registry.add("abc123", "short");
  registry.add("abc123-and-more", "long");
  expect(registry.redact("x abc123-and-more y abc123")).toBe(
    `x «long#${fingerprint("abc123-and-more")}» y «short#${fingerprint("abc123")}»`,
  );
});

test("values too short to be told apart from ordinary text are not registered", () => {
  const registry = new SecretRegistry();
  registry.add("ab");
  expect(registry.redact("ab cd")).toBe("ab cd");
  expect(registry.size).toBe(0);
});

test("credential-bearing keys are sensitive; names and dates are not", () => {
  for (const key of ["password", "token", "tokenValue", "tokenId", "X-API-Session", "sessionHandle", "JSESSIONID", "apiKey"])
    expect(isSensitiveKey(key), key).toBe(true);
  for (const key of ["tokenName", "tokenType", "username", "expirationDate", "maxIdleExpirationTime", "realm"])
    expect(isSensitiveKey(key), key).toBe(false);
});

test("cookie values learned from Set-Cookie and Cookie headers, and credentials in Authorization, are redacted everywhere", () => {
  learnHeader("set-cookie", "JSESSIONID=3E1EC6173328CB85AE79; Expires=Thu, 01-Jan-1970 00:00:10 GMT; Path=/");
  learnHeader("Cookie", "a=first-cookie-value; b=second-cookie-value");
  learnHeader("Authorization", "Bearer BEARER-TOKEN-123");
  const text = redact("JSESSIONID=3E1EC6173328CB85AE79 first-cookie-value second-cookie-value Bearer BEARER-TOKEN-123");
  for (const value of ["3E1EC6173328CB85AE79", "first-cookie-value", "second-cookie-value", "BEARER-TOKEN-123"])
    expect(text).not.toContain(value);
  expect(text).toContain("Bearer «credential#");
});

test("with thousands of secrets known, every one is still replaced, the longest first, in one pass over the text", () => {
  const registry = new SecretRegistry();
  const values = Array.from({ length: 2000 }, (_, i) => `tok-${i.toString(36).padStart(4, "0")}-secret`);
  for (const value of values) registry.add(value, "token");
  registry.add("tok-0001-secret-and-more", "long");
  const text = `a ${values[0]} b ${values[1999]} c tok-0001-secret-and-more d tok-0001-secret`;
  expect(registry.redact(text)).toBe(
    `a «token#${fingerprint(values[0] as string)}» b «token#${fingerprint(values[1999] as string)}» c «long#${fingerprint("tok-0001-secret-and-more")}» d «token#${fingerprint("tok-0001-secret")}»`,
  );
  expect(registry.redact("nothing secret here")).toBe("nothing secret here");
});
