import type { generate as Generate } from "selfsigned";

export interface TlsMaterial {
  key: string;
  cert: string;
}

let cached: Promise<TlsMaterial> | undefined;

/**
 * A self-signed certificate for localhost and 127.0.0.1, made at start. It is its
 * own CA: a target can trust it with `tls.ca` (the CLI writes it with --cert-out).
 * The certificate library is loaded here, when a mock is served over HTTPS: importing it
 * with the server cost every mock, and every process that starts one, half a second.
 */
export function localhostCertificate(): Promise<TlsMaterial> {
  cached ??= import("selfsigned").then(({ generate }) => certificate(generate));
  return cached;
}

function certificate(generate: typeof Generate): Promise<TlsMaterial> {
  return generate([{ name: "commonName", value: "localhost" }], {
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
  } as Parameters<typeof Generate>[1]).then((pems) => ({ key: pems.private, cert: pems.cert }));
}
