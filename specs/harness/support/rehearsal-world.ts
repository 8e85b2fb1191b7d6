import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { request } from "undici";
import { Agent } from "undici";
import { mocks } from "../../../test-support/mocks.ts";
import { STAGING_CREDENTIALS, STAGING_ENV } from "../../../test-support/staging-users.ts";
import { type StandaloneMock, startStandaloneMock } from "./processes.ts";

/** Each vendor as its own HTTPS process with short real timeouts, and what a target needs to reach it. */
export interface RehearsalServer {
  name: string;
  vendor: string;
  mock: StandaloneMock;
  caFile: string;
}

const TIMEOUTS = ["--idle", "10s", "--lifetime", "30s"];
/** A staging vManage may have a smaller session cap than the documented 100: the flood scenario must hold there too. */
/** Deployment settings of the rehearsal's servers: set on each mock, and declared for its target by the same names. */
const SETTINGS: Record<string, Record<string, string>> = {
  vmanage: { sessionCap: "20" },
  openam: { latestAccessUpdateFrequency: "2" },
  hmc: { operatorIdleTimeout: "8s" },
};
const EXTRA: Record<string, string[]> = Object.fromEntries(
  Object.entries(SETTINGS).map(([vendor, set]) => [vendor, Object.entries(set).flatMap(([k, v]) => ["--set", `${k}=${v}`])]),
);
const DECLARED: Record<string, Record<string, string>> = { ...SETTINGS, controlm: { passwordSecretKey: "emuser-password" } };

export async function startRehearsalServers(dir: string): Promise<RehearsalServer[]> {
  const vendors = ["controlm", "hmc", "vmanage", "openam"];
  return Promise.all(
    vendors.map(async (vendor) => {
      const caFile = join(dir, `${vendor}-ca.pem`);
      const mock = await startStandaloneMock([
        vendor,
        "--tls",
        "--port",
        "0",
        ...TIMEOUTS,
        ...(EXTRA[vendor] ?? []),
        "--cert-out",
        caFile,
        "--record-issued",
      ]);
      return { name: `${vendor}-staging`, vendor, mock, caFile };
    }),
  );
}

/** The public test users of each mock, passed to the run only through the environment. */
export const REHEARSAL_ENV = STAGING_ENV;
const CREDENTIALS = STAGING_CREDENTIALS;

export function writeTargets(
  file: string,
  servers: readonly RehearsalServer[],
  tls: (s: RehearsalServer) => string,
  extra: (s: RehearsalServer) => string = () => "",
): void {
  const entries = servers.map(
    (s) => `  - name: ${s.name}
    vendor: ${s.vendor}
    baseUrl: ${s.mock.baseUrl}${mocks[s.vendor]?.basePath ?? ""}
    ${CREDENTIALS[s.vendor]}
    tls: ${tls(s)}
    # A busy CI runner can stall a process for over a second: the 5 % default (1 s here) is too tight for "just before".
    session: { idleTimeout: 10s, lifetime: 30s, expiryMargin: 3s }
    expiry: wait
    controlPlane: true
    allow: [session-flood, changes-password]
${
  DECLARED[s.vendor]
    ? `    options: { ${Object.entries(DECLARED[s.vendor] ?? {})
        .map(([k, v]) => `${k}: "${v}"`)
        .join(", ")} }\n`
    : ""
}${extra(s)}`,
  );
  writeFileSync(file, `targets:\n${entries.join("\n")}\n`);
}

/** Asks a mock's control plane (trusting its own certificate). */
export async function control<T>(server: RehearsalServer, ca: string, path: string): Promise<T> {
  const dispatcher = new Agent({ connect: { ca } });
  const res = await request(`${server.mock.baseUrl}/__sessionprobe${path}`, { dispatcher });
  const body = (await res.body.json()) as T;
  await dispatcher.close();
  return body;
}
