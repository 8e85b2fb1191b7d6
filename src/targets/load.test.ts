import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { loadTargets } from "./load.ts";
import "../../test-support/drivers.ts";

function targetsFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sp-targets-"));
  const file = join(dir, "targets.yaml");
  writeFileSync(file, text);
  return file;
}

const valid = `targets:
  - name: ctm-staging
    vendor: controlm
    baseUrl: https://ctm.example.test:8443/automation-api/
    credentials:
      username: \${env:SP_T_USER}
      password: \${env:SP_T_PASSWORD}
    session: { idleTimeout: 20s }
    expiry: wait
`;

test("a targets file resolves credentials from the environment and durations to milliseconds", () => {
  const [target] = loadTargets(targetsFile(valid), { SP_T_USER: "emuser", SP_T_PASSWORD: "s3cret-pw" });
  expect(target).toMatchObject({
    name: "ctm-staging",
    vendor: "controlm",
    kind: "real",
    baseUrl: "https://ctm.example.test:8443/automation-api",
    credentials: { username: "emuser", password: "s3cret-pw" },
    timeouts: { idleMs: 20_000 },
    expiry: "wait",
  });
});

test("missing variables are all reported, with positions, before any request", () => {
  const file = targetsFile(valid);
  expect(() => loadTargets(file, {})).toThrow(
    /targets\.yaml:6:17: environment variable SP_T_USER is not set \(needed for username\); export it before the run\n.*targets\.yaml:7:17: environment variable SP_T_PASSWORD is not set/,
  );
});

test("a literal credential is refused: secrets come only from the environment", () => {
  const file = targetsFile(valid.replace("${env:SP_T_PASSWORD}", "hunter2"));
  let message = "";
  try {
    loadTargets(file, { SP_T_USER: "u" });
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message).toMatch(/targets\.yaml:7:17: password must come from the environment: write \$\{env:NAME\}/);
  expect(message).not.toContain("hunter2");
});

test("shape errors and unknown vendors name the line", () => {
  const file = targetsFile(valid.replace("vendor: controlm", "vendor: acme").replace("expiry: wait", "expiry: sometimes"));
  expect(() => loadTargets(file, { SP_T_USER: "u", SP_T_PASSWORD: "p" })).toThrow(
    /^[^\n]*targets\.yaml:9:13: expected wait or skip, got "sometimes"$/,
  );
  const vendorOnly = targetsFile(valid.replace("vendor: controlm", "vendor: acme"));
  expect(() => loadTargets(vendorOnly, { SP_T_USER: "u", SP_T_PASSWORD: "p" })).toThrow(
    /targets\.yaml:3:13: unknown vendor "acme"; expected one of: controlm/,
  );
});

test("an unquoted ${env:…} inside a flow map gets one error with the fix, not thirty", () => {
  const file = targetsFile(
    valid.replace(/credentials:\n {6}username: (.*)\n {6}password: (.*)\n/, "credentials: { username: $1, password: $2 }\n"),
  );
  expect(() => loadTargets(file, {})).toThrow(
    /^[^\n]*targets\.yaml:5:\d+: YAML syntax: .*\(inside \{ … \} write "\$\{env:NAME\}" in quotes\); \d+ more error\(s\) follow from it$/,
  );
});

const withDeviations = (entries: string) => `${valid}    deviations:\n${entries}`;
const env = { SP_T_USER: "u", SP_T_PASSWORD: "p" };

test("known deviations are read per target: id, reason, ticket and the last day they hold", () => {
  const file = targetsFile(
    withDeviations(`      - { id: CTM-S-07, reason: "logout keeps the token (vendor case 0042)", ticket: ABC-123, until: 2027-03-01 }\n`),
  );
  const [target] = loadTargets(file, env);
  expect(target?.deviations).toEqual([
    { id: "CTM-S-07", reason: "logout keeps the token (vendor case 0042)", ticket: "ABC-123", until: "2027-03-01" },
  ]);
});

test("a deviation of an unknown id, of another vendor's id, with an impossible date or declared twice is refused, located", () => {
  const file = targetsFile(
    withDeviations(
      [
        "      - { id: CTM-S-99, reason: r, ticket: T-1, until: 2027-03-01 }",
        "      - { id: VM-04, reason: r, ticket: T-2, until: 2027-03-01 }",
        "      - { id: CTM-S-07, reason: r, ticket: T-3, until: 2027-02-30 }",
        "      - { id: CTM-S-07, reason: r, ticket: T-4, until: 2027-03-01 }",
        "",
      ].join("\n"),
    ),
  );
  let message = "";
  try {
    loadTargets(file, env);
  } catch (error) {
    message = (error as Error).message;
  }
  expect(message.split("\n")).toEqual([
    expect.stringMatching(
      /targets\.yaml:11:15: unknown behaviour id "CTM-S-99": a deviation waives a documented behaviour of vendor controlm; known: CTM-S-01, /,
    ),
    expect.stringMatching(/targets\.yaml:12:15: VM-04 is a vmanage behaviour, and this target's vendor is controlm/),
    expect.stringMatching(/targets\.yaml:13:\d+: until must be a real date as YYYY-MM-DD, got "2027-02-30"/),
    expect.stringMatching(/targets\.yaml:14:15: CTM-S-07 is declared twice \(also deviations\[2\]\): keep one entry per id/),
  ]);
});

test("a deviation without a ticket or an until date is refused: a waiver nobody tracks, or that never ends, would rot", () => {
  const file = targetsFile(withDeviations("      - { id: CTM-S-07, reason: r, until: 27-03-01 }\n"));
  expect(() => loadTargets(file, env)).toThrow(
    /targets\.yaml:11:\d+: missing required key "ticket"\n.*targets\.yaml:11:\d+: expected the last day \(UTC\) the waiver holds, as YYYY-MM-DD, got "27-03-01"/,
  );
});
