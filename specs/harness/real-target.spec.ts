import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { runCli, startStandaloneMock } from "./support/processes.ts";
import { scanWithControl } from "./support/secret-scan.ts";

// The mock's public test password: known, so it can be searched for. Passed only through the environment.
const PASSWORD = "empass-1234";
/** Control-M session tokens (128 upper-case hex) and the suite's generated passwords must never appear. */
const TOKEN_SHAPES = [/[0-9A-F]{64,}/, /Np-[0-9a-f]{8}-x9/];

/** What the mock minted, from its control plane (HTTPS with its own CA). */
async function issuedValues(baseUrl: string, caFile: string): Promise<string[]> {
  const { Agent, request } = await import("undici");
  const dispatcher = new Agent({ connect: { ca: readFileSync(caFile, "utf8") } });
  const response = await request(`${baseUrl}/__sessionprobe/issued`, { dispatcher });
  const { values } = (await response.body.json()) as { values: string[] };
  await dispatcher.close();
  return values;
}

function targetsFor(baseUrl: string, dir: string, extra = ""): string {
  const file = join(dir, "targets.yaml");
  writeFileSync(
    file,
    `targets:
  - name: ctm-real
    vendor: controlm
    baseUrl: ${baseUrl}/automation-api
    credentials:
      username: \${env:SP_CTM_USER}
      password: \${env:SP_CTM_PASSWORD}
      apiKey: \${env:SP_CTM_APIKEY}
    users:
      other:
        username: \${env:SP_CTM_OTHER_USER}
        password: \${env:SP_CTM_OTHER_PASSWORD}
    options: { passwordSecretKey: emuser-password }
    tls: { ca: ./mock-ca.pem }
    session: { idleTimeout: 20s }
    expiry: wait
    controlPlane: true
    allow: [changes-password]
${extra}`,
  );
  return file;
}

const credentials = {
  SP_CTM_USER: "emuser",
  SP_CTM_PASSWORD: PASSWORD,
  SP_CTM_SECRET: "emuser-password",
  SP_CTM_APIKEY: "ctm-seeded-api-token-emuser-public-0001",
  SP_CTM_OTHER_USER: "opsuser",
  SP_CTM_OTHER_PASSWORD: "opspass-5678",
};

test("the Control-M suite passes against a separately started HTTPS mock, expiry by real waiting, with no secret in any artifact", async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-real-"));
  // As the README says to start it: npx sessionprobe mock controlm --tls --port N --idle 20s (port 0: any free one).
  const mock = await startStandaloneMock([
    "controlm",
    "--tls",
    "--port",
    "0",
    "--idle",
    "20s",
    "--record-issued",
    "--cert-out",
    join(dir, "mock-ca.pem"),
  ]);
  try {
    const reports = join(dir, "reports");
    const run = await runCli(["run", "--targets", targetsFor(mock.baseUrl, dir)], { ...credentials, SESSIONPROBE_REPORTS: reports });
    expect(run.code, run.output).toBe(0);
    // Without a disposable account, the wrong-password-for-a-real-account scenarios are not asserted here — never passed.
    expect(run.output).toMatch(/Control-M Session service: 11 ids — 9 passed, 0 failed, 2 skipped; 2 OPEN ids observed/);
    expect(run.output).toMatch(/skipped CTM-S-02: not asserted on this target: it sends a wrong password for a real account/);
    expect(run.output).toMatch(/skipped CTM-S-09: not asserted on this target: it sends a wrong password for a real account/);
    expect(run.output).toMatch(/sessions: \d+ closed in teardown, 0 left open on the server/);
    expect(run.output).toMatch(/waiting \d+s in real time/);
    // Every session token and API-token value the server minted, as it recorded them (not as the redactor learned them).
    const issued = await issuedValues(mock.baseUrl, join(dir, "mock-ca.pem"));
    expect(issued.length).toBeGreaterThan(5);
    const scan = scanWithControl({
      dir: reports,
      terminal: run.output + mock.output().replace(/public test users[\s\S]*$/, ""),
      literals: [PASSWORD, credentials.SP_CTM_APIKEY, credentials.SP_CTM_OTHER_PASSWORD, ...issued],
      patterns: TOKEN_SHAPES,
      basic: [[credentials.SP_CTM_USER, PASSWORD]],
    });
    expect(scan.control.found, "the planted control secret is found in every encoding").toEqual(scan.control.expected);
    expect(scan.filesScanned).toBeGreaterThan(10);
    expect(scan.hits).toEqual([]);
  } finally {
    await mock.stop();
  }
});

test("a defect makes the run fail with a located, redacted message, and teardown still closes what it opened", async () => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-defect-"));
  const mock = await startStandaloneMock([
    "controlm",
    "--tls",
    "--port",
    "0",
    "--idle",
    "20s",
    "--defect",
    "logout-keeps-token",
    "--cert-out",
    join(dir, "mock-ca.pem"),
  ]);
  try {
    const reports = join(dir, "reports");
    const run = await runCli(["run", "--targets", targetsFor(mock.baseUrl, dir), "--grep", "CTM-S-0[1347]"], {
      ...credentials,
      SESSIONPROBE_REPORTS: reports,
    });
    expect(run.code).not.toBe(0);
    expect(run.output).toMatch(
      /\[ctm-real\] step 2 "logout" \(src\/vendors\/controlm\/suites\/session\.yaml:\d+:\d+\): session "default": expected invalid \(the server's unauthenticated answer\), but the probe \(config-servers\) says ok/,
    );
    expect(run.output).toMatch(/POST \/automation-api\/session\/logout → 200 application\/json/);
    expect(run.output).toMatch(/Successfully logged out from session «[a-z:]*#[0-9a-f]{8}»/);
    expect(run.output).toMatch(/failed: CTM-S-07/);
    const scan = scanWithControl({ dir: reports, terminal: run.output, literals: [PASSWORD], patterns: TOKEN_SHAPES });
    expect(scan.control.found).toEqual(scan.control.expected);
    expect(scan.hits).toEqual([]);
  } finally {
    await mock.stop();
  }
});
