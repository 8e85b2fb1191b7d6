import { generate } from "selfsigned";

export interface TlsMaterial {
  key: string;
  cert: string;
}

let cached: Promise<TlsMaterial> | undefined;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made at start. It is its
 * own CA: a target can trust it with `tls.ca` (the CLI writes it with --cert-out).
 */
export function localhostCertificate(): Promise<TlsMaterial> {
  cached ??= generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [
      { name: "basicConstraints", cA: true, critical: true },
      { name: "keyUsage", digitalSignature: true, keyCertSign: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      {
        name: "subjectAltName",
        altNames: [
          { type: 2, value: "localhost" },
          { type: 7, ip: "127.0.0.1" },
          { type: 7, ip: "::1" },
        ],
      },
    ],
  } as Parameters<typeof generate>[1]).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return cached;
}
