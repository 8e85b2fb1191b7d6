import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface ClientCertificates {
  /** The CA a mock started with --client-ca trusts. */
  caPem: string;
  /** A client certificate that CA signed, and its key (PEM). */
  certPem: string;
  keyPem: string;
  /** The same certificate and key as one PKCS#12 file, encrypted with `pfxPassphrase`. */
  pfx: string;
  pfxPassphrase: string;
  /** A self-signed client certificate no server here trusts, and its key. */
  strangerCertPem: string;
  strangerKeyPem: string;
}

type Options = Parameters<typeof generate>[1];

const client = (extra: Options = {}): Options => ({
  keyType: "ec",
  algorithm: "sha256",
  extensions: [
    { name: "basicConstraints", cA: false },
    { name: "keyUsage", digitalSignature: true, critical: true },
    { name: "extKeyUsage", clientAuth: true },
  ],
  ...extra,
});

/**
 * Test-only key material for mutual TLS, made fresh in `dir` (never committed): a CA, a client
 * certificate it signed (PEM, and PKCS#12 through openssl), and a stranger's certificate.
 */
export async function makeClientCertificates(dir: string): Promise<ClientCertificates> {
  const ca = await generate([{ name: "commonName", value: "sessionprobe test client CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", keyCertSign: true, digitalSignature: true, critical: true },
    ],
  } as Options);
  const signed = await generate(
    [{ name: "commonName", value: "sessionprobe test client" }],
    client({ ca: { key: ca.private, cert: ca.cert } }),
  );
  const stranger = await generate([{ name: "commonName", value: "a stranger" }], client());
  const files = {
    caPem: join(dir, "client-ca.pem"),
    certPem: join(dir, "client.pem"),
    keyPem: join(dir, "client-key.pem"),
    pfx: join(dir, "client.p12"),
    strangerCertPem: join(dir, "stranger.pem"),
    strangerKeyPem: join(dir, "stranger-key.pem"),
  };
  writeFileSync(files.caPem, ca.cert);
  writeFileSync(files.certPem, signed.cert);
  writeFileSync(files.keyPem, signed.private, { mode: 0o600 });
  writeFileSync(files.strangerCertPem, stranger.cert);
  writeFileSync(files.strangerKeyPem, stranger.private, { mode: 0o600 });
  const pfxPassphrase = "pfx-pass-Zq71";
  execFileSync(
    "openssl",
    ["pkcs12", "-export", "-in", files.certPem, "-inkey", files.keyPem, "-out", files.pfx, "-passout", "env:SP_PFX_PASS"],
    {
      env: { ...process.env, SP_PFX_PASS: pfxPassphrase },
      stdio: "ignore",
    },
  );
  return { ...files, pfxPassphrase };
}
