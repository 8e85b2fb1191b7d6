import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { loadTargets } from "./load.ts";

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
