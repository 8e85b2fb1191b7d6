import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { makeClientCertificates } from "../../test-support/client-certificates.ts";
import { redact } from "../redact/secrets.ts";
import { loadTargets } from "./load.ts";
import "../../test-support/drivers.ts";

/** A targets file with one Control-M target (or `vendor`), `extra` lines added to it, in a fresh folder. */
function targetsFile(extra: string, options: { dir?: string; vendor?: string } = {}): string {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "sp-network-"));
  const file = join(dir, "targets.yaml");
  writeFileSync(
    file,
    `targets:\n  - name: staging\n    vendor: ${options.vendor ?? "controlm"}\n    baseUrl: https://ctm.example.test/automation-api\n${extra}`,
  );
  return file;
}

const problemsOf = (file: string, env: NodeJS.ProcessEnv = {}): string[] => {
  try {
    loadTargets(file, env);
    return [];
  } catch (error) {
    return (error as Error).message.split("\n");
  }
};

test("tls.cert and tls.key (PEM) or tls.pfx with a passphrase from the environment are loaded relative to the targets file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-mtls-load-"));
  const certs = await makeClientCertificates(dir);
  const pem = loadTargets(targetsFile("    tls: { cert: ./client.pem, key: ./client-key.pem }\n", { dir }), {})[0];
  expect(pem?.tls.cert).toContain("BEGIN CERTIFICATE");
  expect(pem?.tls.key).toContain("PRIVATE KEY");
  const pfx = loadTargets(targetsFile('    tls: { pfx: ./client.p12, passphrase: "${env:SP_PFX}" }\n', { dir }), {
    SP_PFX: certs.pfxPassphrase,
  })[0];
  expect(pfx?.tls.pfx?.length).toBeGreaterThan(100);
  expect(pfx?.tls.passphrase).toBe(certs.pfxPassphrase);
  // The passphrase is a secret from here on: no report or message can show it.
  expect(redact(`passphrase ${certs.pfxPassphrase}`)).not.toContain(certs.pfxPassphrase);
});

test("client certificate mistakes are told before any request, each at its line, never with the passphrase", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-mtls-bad-"));
  const certs = await makeClientCertificates(dir);
  const at = (extra: string, env: NodeJS.ProcessEnv = {}) => problemsOf(targetsFile(extra, { dir }), env);
  expect(at("    tls: { key: ./client-key.pem }\n")).toEqual([
    expect.stringMatching(/targets\.yaml:5:17: tls\.key needs tls\.cert: the client certificate \(PEM\) the key belongs to$/),
  ]);
  expect(at("    tls: { cert: ./client.pem }\n")).toEqual([expect.stringMatching(/targets\.yaml:5:18: tls\.cert needs tls\.key/)]);
  expect(at("    tls: { cert: ./missing.pem, key: ./client-key.pem }\n")).toEqual([
    expect.stringMatching(/targets\.yaml:5:18: cannot read the client certificate file .*missing\.pem: ENOENT/),
  ]);
  expect(at("    tls: { cert: ./client.pem, key: ./stranger-key.pem }\n")).toEqual([
    expect.stringMatching(/targets\.yaml:5:18: tls\.key is not the private key of tls\.cert/),
  ]);
  expect(at("    tls: { pfx: ./client.p12, cert: ./client.pem, key: ./client-key.pem }\n")).toEqual([
    expect.stringMatching(/targets\.yaml:5:17: use either tls\.pfx or tls\.cert with tls\.key, not both$/),
  ]);
  expect(at("    tls: { pfx: ./client.p12, passphrase: literal-pass }\n")).toEqual([
    expect.stringMatching(/targets\.yaml:5:43: passphrase must come from the environment: write \$\{env:NAME\}/),
  ]);
  expect(at('    tls: { pfx: ./client.p12, passphrase: "${env:SP_UNSET_PASS}" }\n')).toEqual([
    expect.stringMatching(/targets\.yaml:5:43: environment variable SP_UNSET_PASS is not set \(needed for tls\.passphrase\)/),
  ]);
  const wrong = at('    tls: { pfx: ./client.p12, passphrase: "${env:SP_PFX}" }\n', { SP_PFX: "not-the-passphrase" });
  expect(wrong).toEqual([
    expect.stringMatching(/targets\.yaml:5:17: cannot decrypt tls\.pfx with tls\.passphrase: is it the right passphrase\?$/),
  ]);
  copyFileSync(certs.certPem, join(dir, "not-a-pfx.p12"));
  expect(at('    tls: { pfx: ./not-a-pfx.p12, passphrase: "${env:SP_PFX}" }\n', { SP_PFX: "x-pass" })).toEqual([
    expect.stringMatching(/targets\.yaml:5:17: tls\.pfx is not a PKCS#12 file \(\.p12\/\.pfx\)$/),
  ]);
});

test("proxy: a URL with credentials only from the environment, or none; a literal password or an unusable environment proxy is an error", () => {
  const [own] = loadTargets(targetsFile("    proxy: http://${env:SP_PROXY_USER}:${env:SP_PROXY_PASSWORD}@proxy.example.test:3128\n"), {
    SP_PROXY_USER: "probe",
    SP_PROXY_PASSWORD: "pr0xy-secret",
  });
  expect(own?.proxy).toEqual({ kind: "url", url: "http://probe:pr0xy-secret@proxy.example.test:3128" });
  expect(redact("Proxy password pr0xy-secret")).not.toContain("pr0xy-secret");
  expect(loadTargets(targetsFile("    proxy: none\n"), { HTTPS_PROXY: "http://proxy.example.test:3128" })[0]?.proxy).toEqual({
    kind: "none",
  });
  expect(loadTargets(targetsFile(""), {})[0]?.proxy).toEqual({ kind: "environment" });

  const literal = problemsOf(targetsFile("    proxy: http://probe:hunter22@proxy.example.test:3128\n"));
  expect(literal).toEqual([expect.stringMatching(/targets\.yaml:5:12: the proxy's password must come from the environment/)]);
  expect(literal.join("\n")).not.toContain("hunter22");
  expect(problemsOf(targetsFile("    proxy: socks5://proxy.example.test:1080\n"))).toEqual([
    expect.stringMatching(/targets\.yaml:5:12: proxy: socks5:\/\/ proxies are not supported/),
  ]);
  const fromEnvironment = problemsOf(targetsFile(""), { HTTPS_PROXY: "socks5://user:envpass9@proxy.example.test:1080" });
  expect(fromEnvironment).toEqual([expect.stringMatching(/targets\.yaml:4:14: HTTPS_PROXY: socks5:\/\/ proxies are not supported/)]);
  expect(fromEnvironment.join("\n")).not.toContain("envpass9");
});

test("deployment options are range-checked before any request: a count that is not one, a duration that is not one", () => {
  expect(problemsOf(targetsFile("    options: { sessionCap: 100k }\n", { vendor: "vmanage" }))).toEqual([
    expect.stringMatching(/targets\.yaml:5:28: option sessionCap must be a whole number at least 1; got "100k"$/),
  ]);
  expect(problemsOf(targetsFile("    options: { sessionCap: 0 }\n", { vendor: "vmanage" }))).toHaveLength(1);
  expect(problemsOf(targetsFile("    options: { sessionCap: 250 }\n", { vendor: "vmanage" }))).toEqual([]);
  expect(problemsOf(targetsFile("    options: { latestAccessUpdateFrequency: soon }\n", { vendor: "openam" }))).toEqual([
    expect.stringMatching(
      /option latestAccessUpdateFrequency must be a positive duration: whole seconds \(60\) or a duration \(90s, 5m\); got "soon"$/,
    ),
  ]);
  expect(problemsOf(targetsFile("    options: { latestAccessUpdateFrequency: 90s }\n", { vendor: "openam" }))).toEqual([]);
});

test("an empty targets file, or a key left without a value, says which and what belongs there", () => {
  const dir = mkdtempSync(join(tmpdir(), "sp-empty-targets-"));
  const empty = join(dir, "empty.yaml");
  writeFileSync(empty, "# nothing yet\n");
  expect(problemsOf(empty)).toEqual([
    expect.stringMatching(
      /empty\.yaml:1:1: the file is empty \(or holds only comments\): a targets file needs targets: a list of targets, each with name:, vendor: and baseUrl:$/,
    ),
  ]);
  expect(problemsOf(targetsFile("    tls:\n"))).toEqual([
    expect.stringMatching(
      /targets\.yaml:5:9: "tls:" has no value; write insecure:, ca:, or a client certificate \(cert: with key:, or pfx:\)$/,
    ),
  ]);
});
