import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { mocks } from "../../test-support/mocks.ts";
import { STAGING_CREDENTIALS, STAGING_ENV } from "../../test-support/staging-users.ts";
import { type Bench, NODE, ROOT, SESSIONPROBE_CLI } from "./context.ts";
import { type Server, startServer } from "./proc.ts";

/**
 * A nightly staging run in miniature: each vendor as its own standalone HTTPS mock with short
 * real timeouts, and a targets file that says so (`expiry: wait`), as a team would write one
 * for its staging servers (specs/harness/support/rehearsal-world.ts is the test suite's twin).
 */
export const NIGHTLY_VENDORS = ["controlm", "hmc", "vmanage", "openam"] as const;
export type NightlyVendor = (typeof NIGHTLY_VENDORS)[number];

export interface NightlyTimeouts {
  idle: string;
  lifetime: string;
}

export interface NightlyServer {
  vendor: NightlyVendor;
  name: string;
  server: Server;
  caFile: string;
}

/**
 * Deployment settings that follow the timeouts, set on the mock and declared for its target:
 * HMC's operator idles out before the default user (and a lifetime of twice it fits), AM's refresh
 * throttle is short enough for the throttle scenario (idle ≥ 250 % of it), a staging vManage's cap.
 */
const STAGING: Record<NightlyVendor, (idleS: number) => Record<string, string>> = {
  hmc: (idleS) => ({ operatorIdleTimeout: `${Math.max(1, Math.floor(idleS * 0.8))}s` }),
  openam: (idleS) => ({ latestAccessUpdateFrequency: String(Math.max(1, Math.floor(idleS / 3))) }),
  vmanage: () => ({ sessionCap: "20" }),
  controlm: () => ({}),
};
const settings = (vendor: NightlyVendor, idleS: number): Record<string, string> => STAGING[vendor](idleS);

/** What the targets file declares besides: Control-M's Secrets key for the password-change scenario. */
const DECLARED_ONLY: Partial<Record<NightlyVendor, Record<string, string>>> = { controlm: { passwordSecretKey: "emuser-password" } };
const declared = (vendor: NightlyVendor, idleS: number): Record<string, string> => ({
  ...settings(vendor, idleS),
  ...DECLARED_ONLY[vendor],
});

const seconds = (duration: string) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(duration);
  if (!m) throw new Error(`bench: ${duration} is not a duration in ms, s or m`);
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60 }[m[2] as "ms" | "s" | "m"] ?? 1);
};

export async function startNightlyServers(bench: Bench, timeouts: NightlyTimeouts): Promise<NightlyServer[]> {
  const idleS = seconds(timeouts.idle);
  return Promise.all(
    NIGHTLY_VENDORS.map(async (vendor) => {
      const caFile = join(bench.tmp, `nightly-${vendor}-ca.pem`);
      const set = Object.entries(settings(vendor, idleS)).flatMap(([k, v]) => ["--set", `${k}=${v}`]);
      const server = await startServer(
        NODE,
        [
          SESSIONPROBE_CLI,
          "mock",
          vendor,
          "--tls",
          "--port",
          "0",
          "--idle",
          timeouts.idle,
          "--lifetime",
          timeouts.lifetime,
          ...set,
          "--cert-out",
          caFile,
        ],
        { cwd: ROOT, env: bench.env(`nightly-${vendor}-server`), readyPattern: /listening on (https?:\/\/\S+)/ },
      );
      return { vendor, name: `${vendor}-staging`, server, caFile };
    }),
  );
}

/** The mocks' public test users, given to the runs only through the environment, as credentials always are. */
export const NIGHTLY_ENV: Record<string, string> = STAGING_ENV;
const CREDENTIALS: Record<string, string> = STAGING_CREDENTIALS;

/** Every server as a target: `expiry: wait`, the timeouts it was started with, the guarded tags allowed. */
export function writeNightlyTargets(file: string, servers: readonly NightlyServer[], timeouts: NightlyTimeouts): string {
  const idleS = seconds(timeouts.idle);
  const entries = servers.map((s) => {
    const options = Object.entries(declared(s.vendor, idleS))
      .map(([k, v]) => `${k}: "${v}"`)
      .join(", ");
    return `  - name: ${s.name}
    vendor: ${s.vendor}
    baseUrl: ${s.server.url}${mocks[s.vendor]?.basePath ?? ""}
    ${CREDENTIALS[s.vendor]}
    tls: { ca: ${s.caFile} }
    session: { idleTimeout: ${timeouts.idle}, lifetime: ${timeouts.lifetime} }
    expiry: wait
    controlPlane: true
    allow: [session-flood, changes-password]
${options ? `    options: { ${options} }\n` : ""}`;
  });
  writeFileSync(file, `targets:\n${entries.join("\n")}\n`);
  return file;
}
