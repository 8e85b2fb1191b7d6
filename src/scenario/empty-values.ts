import { pointerToPath } from "./positions.ts";

/**
 * What belongs under a key whose schema has no description of its own, by the key's name:
 * a key left without a value (`expect:` and nothing after it) is told what to write there.
 */
const BELONGS: Record<string, string> = {
  scenarios: 'a list of scenarios below it, each starting with "- name:" and with covers: and steps:',
  steps: 'a list of steps below it, each starting with "- " and one verb, e.g. "- login: {}"',
  expect: "what the response must be, e.g. expect: { status: 200 }",
  headers: "header names, each with the value (or a matcher such as { contains: … })",
  cookies: "cookie names, each with what it must be (e.g. { set: true })",
  query: "query parameter names with their values",
  form: "form field names with their values",
  request: "the raw request: method: and path:, e.g. request: { method: GET, path: /x }",
  repeat: "how often: times: (and from:, index:), e.g. repeat: { times: 3 }",
  targets: 'a list of targets below it, each starting with "- name:" and with vendor: and baseUrl:',
  tls: "insecure:, ca:, or a client certificate (cert: with key:, or pfx:)",
  session: "the deployment's timeouts: idleTimeout:, lifetime:, expiryMargin:",
  users: "user names, each with its credential fields as ${env:NAME}",
  lockout: "budget: and account:",
  options: "deployment options by name (see docs/mocks.md), or {} for none",
};

const NOUN: Record<string, string> = {
  object: "a map: keys indented below it, or { … } on the same line",
  array: 'a list: "- " items below it, or [ … ] on the same line',
  string: "a text",
  integer: "a whole number",
  number: "a number",
  boolean: "true or false",
};

/** What one item of a list holds, by the list's name. */
const ITEM_BELONGS: Record<string, string> = {
  scenarios: 'a scenario: name:, covers: and steps: indented below the "-"',
  targets: 'a target: name:, vendor: and baseUrl: indented below the "-"',
};

/**
 * A key or list item with no value (YAML null): which one, and what belongs there — the
 * schema's own description where it has one, else what the key is known to hold, else the
 * type in words. `whole` says what a whole file holds, for a file that is empty.
 */
export function emptyValueMessage(error: { instancePath: string; type?: string; described?: string; whole?: string }): string {
  if (error.instancePath === "") return `the file is empty (or holds only comments): ${error.whole ?? "write its keys"}`;
  const path = pointerToPath(error.instancePath);
  const key = path.at(-1);
  const noun = error.type ? NOUN[error.type] : undefined;
  if (typeof key === "number") {
    const list = path.at(-2);
    const name = typeof list === "string" ? list : undefined;
    const what = error.described ?? (name ? ITEM_BELONGS[name] : undefined) ?? noun ?? "a value";
    return `item ${key + 1} of ${name ? `"${name}:"` : "the list"} has no value (a "-" with nothing after it); write ${what}`;
  }
  const what = error.described ?? (key !== undefined ? BELONGS[key] : undefined) ?? noun ?? "a value";
  return `"${String(key)}:" has no value; write ${what}`;
}
