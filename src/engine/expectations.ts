import { parseSetCookie, serverTime } from "../http/cookie-jar.ts";
import type { HttpResponse } from "../http/exchange.ts";
import type { CookieExpect, Expect } from "../scenario/schema.ts";
import { mismatch } from "./matchers.ts";
import { schemaValidator } from "./response-schemas.ts";
import { bodyPath, select, show } from "./selectors.ts";

export interface Observation {
  label: string;
  value: unknown;
}

function statusFailures(response: HttpResponse, status: Expect["status"]): string[] {
  if (status === undefined) return [];
  const accepted = Array.isArray(status) ? status : [status];
  return accepted.includes(response.status) ? [] : [`status: expected ${accepted.join(" or ")}, got ${response.status}`];
}

function cookieFailures(response: HttpResponse, name: string, expect: CookieExpect, harnessNow: number): string[] {
  const now = serverTime(response.headers, harnessNow);
  const cookie = response.setCookies.map((h) => parseSetCookie(h, now)).find((c) => c?.name === name);
  const where = `cookie ${name}`;
  if (expect.set === false) return cookie && !cookie.cleared ? [`${where}: expected not to be set, but the response sets it`] : [];
  if (!cookie)
    return expect.set || expect.cleared || Object.keys(expect).length ? [`${where}: expected a Set-Cookie for it, got none`] : [];
  const failures: string[] = [];
  if (expect.set === true && cookie.cleared)
    failures.push(`${where}: expected to be set, but the response clears it (expires ${cookie.expires ?? `max-age ${cookie.maxAge}`})`);
  if (expect.cleared === true && !cookie.cleared)
    failures.push(`${where}: expected to be cleared (past Expires or Max-Age=0), but it stays set`);
  if (expect.cleared === false && cookie.cleared) failures.push(`${where}: expected not to be cleared`);
  for (const attribute of ["httpOnly", "secure"] as const) {
    if (expect[attribute] !== undefined && cookie[attribute] !== expect[attribute])
      failures.push(`${where}: expected ${attribute} ${expect[attribute]}, got ${cookie[attribute]}`);
  }
  for (const attribute of ["path", "domain", "sameSite"] as const) {
    const wanted = expect[attribute];
    if (wanted !== undefined && String(cookie[attribute] ?? "").toLowerCase() !== wanted.toLowerCase())
      failures.push(`${where}: expected ${attribute} ${show(wanted)}, got ${show(cookie[attribute])}`);
  }
  if (expect.value !== undefined) {
    const problem = mismatch(cookie.value, expect.value);
    if (problem) failures.push(`${where} value: ${problem}`);
  }
  return failures;
}

function bodyFailures(response: HttpResponse, body: Expect["body"]): string[] {
  if (!body) return [];
  if (response.parsed === undefined) {
    return [
      `body: expected a JSON or XML body to read ${Object.keys(body).join(", ")} from, got ${response.parseError ?? `content type ${show(response.headers["content-type"])} with ${response.text.length} characters`}`,
    ];
  }
  return Object.entries(body).flatMap(([path, matcher]) => {
    const problem = mismatch(bodyPath(response.parsed, path), matcher);
    return problem ? [`body.${path}: ${problem}`] : [];
  });
}

function schemaFailures(response: HttpResponse, ref: string | undefined): string[] {
  if (!ref) return [];
  if (response.parsed === undefined) return [`schema ${ref}: expected a JSON body, got ${response.parseError ?? "none"}`];
  const validate = schemaValidator(ref);
  if (validate(response.parsed)) return [];
  return (validate.errors ?? []).slice(0, 5).map((e) => `schema ${ref}: ${e.instancePath || "(root)"} ${e.message ?? "is invalid"}`);
}

/** Every failed expectation of a response (the session probe is the engine's), plus what `observe` recorded. */
export function checkResponse(
  response: HttpResponse,
  expect: Expect | undefined,
  harnessNow: number,
): { failures: string[]; observations: Observation[] } {
  if (!expect) return { failures: [], observations: [] };
  const failures = [
    ...statusFailures(response, expect.status),
    ...Object.entries(expect.headers ?? {}).flatMap(([name, matcher]) => {
      const problem = mismatch(response.headers[name.toLowerCase()], matcher);
      return problem ? [`header ${name}: ${problem}`] : [];
    }),
    ...Object.entries(expect.cookies ?? {}).flatMap(([name, cookie]) => cookieFailures(response, name, cookie, harnessNow)),
    ...bodyFailures(response, expect.body),
    ...(expect.text !== undefined
      ? [mismatch(response.text, expect.text)].filter((p): p is string => p !== undefined).map((p) => `text: ${p}`)
      : []),
    ...schemaFailures(response, expect.schema),
  ];
  const observations = Object.entries(expect.observe ?? {}).map(([label, selector]) => ({
    label,
    value: select(response, selector, harnessNow),
  }));
  return { failures, observations };
}
