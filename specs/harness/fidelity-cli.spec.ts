import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { runCli, startStandaloneMock } from "./support/processes.ts";

/**
 * `sessionprobe run --record-har` and `sessionprobe fidelity`, as a user runs them: a HAR
 * recorded from a standalone mock with a legal variant switched on differs from the
 * default mock exactly where the variant does; recorded without it, it differs nowhere.
 */
const credentials = { SP_VM_USER: "admin", SP_VM_PASSWORD: "admin-pass-1" };
const SCENARIOS = "login for an unknown user|form login succeeds";

function targetsFile(dir: string, baseUrl: string): string {
  const file = join(dir, "targets.yaml");
  writeFileSync(
    file,
    [
      "targets:",
      "  - name: vm-recorded",
      "    vendor: vmanage",
      `    baseUrl: ${baseUrl}`,
      "    credentials:",
      "      username: ${env:SP_VM_USER}",
      "      password: ${env:SP_VM_PASSWORD}",
      "",
    ].join("\n"),
  );
  return file;
}

async function recordHar(mockArgs: readonly string[]): Promise<{ har: string; issued: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "sp-har-"));
  const mock = await startStandaloneMock(["vmanage", "--port", "0", "--record-issued", ...mockArgs]);
  try {
    const har = join(dir, "run.har");
    const run = await runCli(
      ["run", "--targets", targetsFile(dir, mock.baseUrl), "--record-har", har, "--grep", SCENARIOS, "--reporter", "line"],
      {
        ...credentials,
        SESSIONPROBE_REPORTS: join(dir, "reports"),
      },
    );
    expect(run.code, run.output).toBe(0);
    expect(run.output).toMatch(/HAR: \d+ exchanges written to /);
    const issued = (await (await fetch(`${mock.baseUrl}/__sessionprobe/issued`)).json()) as { values: string[] };
    return { har, issued: issued.values };
  } finally {
    await mock.stop();
  }
}

test("a HAR recorded from a mock with a variant on is reported with its differences (exit 1); recorded without it, none (exit 0)", async () => {
  test.setTimeout(300_000);
  const withVariant = await recordHar(["--set", "failureBody=json-padded"]);
  const document = JSON.parse(readFileSync(withVariant.har, "utf8")) as { log: { version: string; entries: unknown[] } };
  expect(document.log.version).toBe("1.2");
  expect(document.log.entries.length).toBeGreaterThan(3);
  const text = readFileSync(withVariant.har, "utf8");
  expect(withVariant.issued.length, "the mock handed out credentials").toBeGreaterThan(0);
  expect(
    withVariant.issued.filter((secret) => text.includes(secret)),
    "no credential the mock issued is in the HAR",
  ).toEqual([]);
  expect(text).not.toContain(credentials.SP_VM_PASSWORD);

  const differs = await runCli(["fidelity", withVariant.har, "--vendor", "vmanage"], {});
  expect(differs.code, differs.output).toBe(1);
  expect(differs.output).toMatch(
    /DIFFERS {2}\[\d+\] POST \/j_security_check\n\s+content type: recorded "application\/json", mock "text\/html;charset=UTF-8"/,
  );
  expect(differs.output).toMatch(/body layout: the recording starts with 3 blank lines, the mock's with 0/);
  expect(differs.output).toMatch(/fidelity vmanage: \d+ of \d+ exchanges replayed, \d+ answered alike, 1 differ/);

  const sameVariant = await runCli(["fidelity", withVariant.har, "--vendor", "vmanage", "--set", "failureBody=json-padded"], {});
  expect(sameVariant.code, sameVariant.output).toBe(0);

  const plain = await recordHar([]);
  const faithful = await runCli(["fidelity", plain.har, "--vendor", "vmanage"], {});
  expect(faithful.code, faithful.output).toBe(0);
  expect(faithful.output).not.toMatch(/DIFFERS/);
  expect(faithful.output).toMatch(/fidelity vmanage: (\d+) of \1 exchanges replayed, \1 answered alike, 0 differ/);
});

test("fidelity: a file that is no HAR is exit 2 with the file and what was expected; an unknown vendor too", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-har-bad-"));
  const notJson = join(dir, "broken.har");
  writeFileSync(notJson, "{ not json");
  const broken = await runCli(["fidelity", notJson, "--vendor", "openam"], {});
  expect(broken.code).toBe(2);
  expect(broken.output).toMatch(/broken\.har: not a HAR file: .*expected the JSON a browser's "Save all as HAR"/);
  const noEntries = join(dir, "empty.har");
  writeFileSync(noEntries, JSON.stringify({ log: { entries: [{ request: { method: "GET" } }] } }));
  const entry = await runCli(["fidelity", noEntries, "--vendor", "openam"], {});
  expect(entry.code).toBe(2);
  expect(entry.output).toMatch(/empty\.har: log\.entries\[0\]: request\.method, request\.url and request\.headers are required/);
  const vendor = await runCli(["fidelity", noEntries, "--vendor", "nosuch"], {});
  expect(vendor.code).toBe(2);
  expect(vendor.output).toMatch(/unknown vendor "nosuch"; known: controlm, hmc, vmanage, openam/);
});
