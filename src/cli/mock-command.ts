import { readFileSync, writeFileSync } from "node:fs";
import { createMockHost, type MockHost } from "../mock-kit/host.ts";
import { serveMock } from "../mock-kit/server.ts";
import type { MockVariant, VendorMock } from "../vendor-api/mock.ts";
import { loadMock, vendorIds } from "../vendors/registry.ts";
import { findVariant, variantHostOptions } from "../vendors/variants.ts";
import { systemClock } from "../time/clock.ts";
import { formatDuration } from "../time/duration.ts";
import { UsageError } from "./usage-error.ts";

export interface MockOptions {
  port: number;
  host: string;
  tls: boolean;
  certOut?: string;
  /** A PEM file: require client certificates signed by this CA (mutual TLS). */
  clientCa?: string;
  /** Milliseconds; null: no timeout (--idle none). */
  idle?: number | null;
  lifetime?: number | null;
  defect: string[];
  set: Record<string, string>;
  /** A legal variant or release (`20.18`); --profile is its old name. */
  variant?: string;
  profile?: string;
  recordIssued: boolean;
}

const seeHelp = (vendor: string) => `(sessionprobe mock ${vendor} --help lists its defects, options and variants)`;

/** The variant named by --variant (or its old name --profile); an unknown one is a usage mistake. */
function variantFor(mock: VendorMock, name: string | undefined): MockVariant | undefined {
  if (name === undefined) return undefined;
  try {
    return findVariant(mock, name);
  } catch (error) {
    throw new UsageError(`mock: ${(error as Error).message} ${seeHelp(mock.id)}`);
  }
}

/** The CA file of --client-ca, read before the mock starts. */
function clientCa(values: MockOptions): string | undefined {
  if (values.clientCa === undefined) return undefined;
  if (!values.tls) throw new UsageError("mock: --client-ca requires --tls (client certificates are part of the TLS handshake)");
  try {
    return readFileSync(values.clientCa, "utf8");
  } catch (error) {
    throw new UsageError(`mock: cannot read the --client-ca file ${values.clientCa}: ${(error as Error).message}`);
  }
}

/** `sessionprobe mock <vendor>`: one mock on the system clock (time really passes), until stopped. */
export async function runMock(vendor: string, values: MockOptions): Promise<number> {
  const mock = await loadMock(vendor);
  if (!mock) throw new UsageError(`mock: expected a vendor: ${vendorIds.join(", ")} (got "${vendor}")`);
  const options = values.set;
  // A variant (a release among them) supplies options and timeouts; explicit flags win over it.
  const variant = variantFor(mock, values.variant ?? values.profile);
  const ca = clientCa(values);
  let host: MockHost;
  try {
    // Unknown defects and options, and option values the mock refuses, are the command line's mistakes: nothing runs yet.
    host = createMockHost(mock, {
      baseClock: systemClock,
      // For rehearsals: remember every credential handed out, so reports can be searched for it.
      recordIssued: values.recordIssued,
      defects: values.defect,
      ...variantHostOptions(variant, {
        options,
        ...(values.idle !== undefined ? { idleMs: values.idle ?? undefined } : {}),
        ...(values.lifetime !== undefined ? { lifetimeMs: values.lifetime ?? undefined } : {}),
      }),
    });
  } catch (error) {
    throw new UsageError(`mock: ${(error as Error).message} ${seeHelp(mock.id)}`);
  }
  const running = await serveMock(host, {
    port: values.port,
    hostname: values.host,
    tls: values.tls,
    ...(ca ? { clientCa: ca } : {}),
  }).catch((error: { code?: string; message?: string }) => {
    if (!/^(EADDRINUSE|EACCES|EADDRNOTAVAIL)$/.test(error.code ?? "")) throw error;
    throw new UsageError(
      `mock: cannot listen on ${values.host}:${values.port} (${error.code}); choose another --port (0 picks a free one) or --host`,
    );
  });
  if (values.certOut && running.certificate) writeFileSync(values.certOut, running.certificate);
  const { config } = running.host;
  const lines = [
    `${mock.title} mock (${mock.id}) listening on ${running.baseUrl}`,
    `  idle timeout: ${config.idleMs === undefined ? "none" : formatDuration(config.idleMs)}, lifetime: ${config.lifetimeMs === undefined ? "none" : formatDuration(config.lifetimeMs)}`,
    `  defects: ${[...running.host.activeDefects].join(", ") || "none"}; options: ${JSON.stringify(config.options)}`,
    ...(variant ? [`  variant: ${variant.name} (${variant.description})`] : []),
    `  control plane: ${running.baseUrl}/__sessionprobe`,
    ...(values.certOut ? [`  certificate written to ${values.certOut} (use it as tls.ca)`] : []),
    ...(values.clientCa
      ? [`  client certificates: required, signed by the CA in ${values.clientCa} (tls.cert and tls.key, or tls.pfx)`]
      : []),
    "  public test users (never use these values anywhere real):",
    ...Object.entries(mock.users).map(([name, user]) => `    ${name}: ${user.username} / ${user.password}`),
    ...(running.host.instance.banner?.() ?? []).map((line) => `  ${line}`),
    ...(mock.basePath ? [`  API endpoint (baseUrl for a targets file): ${running.baseUrl}${mock.basePath}`] : []),
    `  ${running.baseUrl}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
  await running.close();
  return 0;
}
