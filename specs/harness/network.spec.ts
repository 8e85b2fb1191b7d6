import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { makeClientCertificates } from "../../test-support/client-certificates.ts";
import { startConnectProxy } from "../../test-support/connect-proxy.ts";
import { runCli, startStandaloneMock } from "./support/processes.ts";
import { scanWithControl } from "./support/secret-scan.ts";

/**
 * Real-target mode on a corporate-style network, end to end through `sessionprobe run`:
 * servers reachable only through a CONNECT proxy, a host NO_PROXY sends straight, and a
 * server that requires client certificates.
 */

const credentials = { SP_CTM_USER: "emuser", SP_CTM_PASSWORD: "empass-1234" };
/** Two scenarios per target: a login and a use, enough to see every kind of request. */
const GREP = ["--grep", "CTM-S-01 CTM-S-11 login|CTM-S-03 "];

/** A port nothing listens on: a server's address on the far side of the proxy. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function target(name: string, baseUrl: string, extra = ""): string {
  return [
    `  - name: ${name}`,
    "    vendor: controlm",
    `    baseUrl: ${baseUrl}/automation-api`,
    "    credentials:",
    "      username: ${env:SP_CTM_USER}",
    "      password: ${env:SP_CTM_PASSWORD}",
    ...(extra ? [extra] : []),
  ].join("\n");
}

function writeTargets(dir: string, targets: string[]): string {
  const file = join(dir, "targets.yaml");
  writeFileSync(file, `targets:\n${targets.join("\n")}\n`);
  return file;
}

const summaryOf = (reports: string) =>
  JSON.parse(readFileSync(join(reports, "summary.json"), "utf8")) as { scenarios: { target: string; status: string }[] };

test("through a CONNECT proxy: every request to servers reachable only through it is in the proxy's log, a NO_PROXY host goes straight, the proxy's password appears nowhere", async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-proxy-run-"));
  const secure = await startStandaloneMock(["controlm", "--tls", "--port", "0", "--cert-out", join(dir, "mock-ca.pem")]);
  const plain = await startStandaloneMock(["controlm", "--port", "0"]);
  const [tunnelPort, forwardPort] = [await closedPort(), await closedPort()];
  const password = "Pr0xy-pw-Zt8q";
  const proxy = await startConnectProxy({
    credentials: { user: "probe", password },
    routes: { [`127.0.0.1:${tunnelPort}`]: new URL(secure.baseUrl).host, [`127.0.0.1:${forwardPort}`]: new URL(plain.baseUrl).host },
  });
  try {
    const file = writeTargets(dir, [
      target("ctm-tunnel", `https://127.0.0.1:${tunnelPort}`, "    tls: { ca: ./mock-ca.pem }"),
      target("ctm-forward", `http://127.0.0.1:${forwardPort}`),
      target("ctm-direct", `https://localhost:${new URL(secure.baseUrl).port}`, "    tls: { ca: ./mock-ca.pem }"),
    ]);
    const reports = join(dir, "reports");
    const proxyUrl = `http://probe:${password}@127.0.0.1:${proxy.port}`;
    const run = await runCli(["run", "--targets", file, ...GREP], {
      ...credentials,
      HTTPS_PROXY: proxyUrl,
      HTTP_PROXY: proxyUrl,
      NO_PROXY: "localhost",
      SESSIONPROBE_REPORTS: reports,
    });
    expect(run.code, run.output).toBe(0);
    const passed = (name: string) => summaryOf(reports).scenarios.filter((s) => s.target === name && s.status === "passed").length;
    for (const name of ["ctm-tunnel", "ctm-forward", "ctm-direct"]) expect(passed(name), name).toBe(2);
    // The two proxied servers exist only behind the proxy: passing scenarios against them went through it.
    expect(proxy.log).toContain(`CONNECT 127.0.0.1:${tunnelPort}`);
    expect(proxy.log.filter((line) => /localhost/.test(line))).toEqual([]);
    expect(proxy.refused).toBe(0);
    // Plain HTTP shows each request to the proxy: every request the server journaled is in the proxy's log, in order.
    const journal = (await (await fetch(`${plain.baseUrl}/__sessionprobe/journal`)).json()) as {
      entries: { method: string; path: string }[];
    };
    const served = journal.entries.filter((e) => !e.path.startsWith("/__sessionprobe/journal")).map((e) => `${e.method} ${e.path}`);
    const forwarded = proxy.log
      .filter((line) => line.includes(`http://127.0.0.1:${forwardPort}/`))
      .map((line) => line.replace(`http://127.0.0.1:${forwardPort}`, "").replace(/\?.*$/, ""));
    expect(served.length).toBeGreaterThan(3);
    expect(forwarded).toEqual(served.map((line) => line.replace(/\?.*$/, "")));
    const scan = scanWithControl({
      dir: reports,
      terminal: run.output,
      literals: [password, proxyUrl],
      patterns: [],
      basic: [["probe", password]],
    });
    expect(scan.control.found).toEqual(scan.control.expected);
    expect(scan.hits).toEqual([]);

    const wrong = `not-${password}`;
    const refused = await runCli(["run", "--targets", file, "--target", "ctm-tunnel", ...GREP], {
      ...credentials,
      HTTPS_PROXY: `http://probe:${wrong}@127.0.0.1:${proxy.port}`,
      SESSIONPROBE_REPORTS: join(dir, "refused"),
    });
    expect(refused.code, refused.output).toBe(3);
    expect(refused.output).toContain(
      `the proxy http://127.0.0.1:${proxy.port} (HTTPS_PROXY) refused to connect to https://127.0.0.1:${tunnelPort}: 407 Proxy Authentication Required; it wants credentials`,
    );
    expect(refused.output).not.toContain(wrong);
  } finally {
    await Promise.all([proxy.close(), secure.stop(), plain.stop()]);
  }
});

test("a mock that requires client certificates: a run without one stops on a clear transport error (exit 3); with tls.cert/tls.key or tls.pfx it passes", async () => {
  test.setTimeout(240_000);
  const dir = mkdtempSync(join(tmpdir(), "sp-mtls-run-"));
  const certs = await makeClientCertificates(dir);
  const mock = await startStandaloneMock([
    "controlm",
    "--tls",
    "--port",
    "0",
    "--client-ca",
    certs.caPem,
    "--cert-out",
    join(dir, "mock-ca.pem"),
  ]);
  try {
    expect(mock.output()).toContain(`client certificates: required, signed by the CA in ${certs.caPem}`);
    const file = writeTargets(dir, [
      target("ctm-no-cert", mock.baseUrl, "    tls: { ca: ./mock-ca.pem }"),
      target("ctm-pem", mock.baseUrl, "    tls: { ca: ./mock-ca.pem, cert: ./client.pem, key: ./client-key.pem }"),
      target("ctm-pfx", mock.baseUrl, '    tls: { ca: ./mock-ca.pem, pfx: ./client.p12, passphrase: "${env:SP_PFX_PASSPHRASE}" }'),
    ]);
    const env = { ...credentials, SP_PFX_PASSPHRASE: certs.pfxPassphrase };
    const refused = await runCli(["run", "--targets", file, "--target", "ctm-no-cert", ...GREP], {
      ...env,
      SESSIONPROBE_REPORTS: join(dir, "refused"),
    });
    expect(refused.code, refused.output).toBe(3);
    expect(refused.output).toMatch(
      /requires a client certificate \(mutual TLS\) and refused the connection without one .*set tls\.cert and tls\.key/,
    );
    expect(refused.output).toMatch(/target\(s\) ctm-no-cert could not be reached/);

    const reports = join(dir, "reports");
    const run = await runCli(["run", "--targets", file, "--target", "ctm-pem", "--target", "ctm-pfx", ...GREP], {
      ...env,
      SESSIONPROBE_REPORTS: reports,
    });
    expect(run.code, run.output).toBe(0);
    for (const name of ["ctm-pem", "ctm-pfx"])
      expect(
        summaryOf(reports).scenarios.filter((s) => s.target === name && s.status === "passed"),
        name,
      ).toHaveLength(2);
    const scan = scanWithControl({
      dir: reports,
      terminal: run.output,
      literals: [certs.pfxPassphrase, readFileSync(certs.keyPem, "utf8")],
      patterns: [],
    });
    expect(scan.hits).toEqual([]);
  } finally {
    await mock.stop();
  }
});
