import { writeFileSync } from "node:fs";
import { findProfile, profileOptions } from "../mocks/profiles.ts";
import { mocks } from "../mocks/registry.ts";
import { startMock } from "../mocks/core/server.ts";
import { systemClock } from "../time/clock.ts";
import { formatDuration } from "../time/duration.ts";
import { UsageError } from "./usage-error.ts";

export interface MockOptions {
  port: number;
  host: string;
  tls: boolean;
  certOut?: string;
  /** Milliseconds; null: no timeout (--idle none). */
  idle?: number | null;
  lifetime?: number | null;
  defect: string[];
  set: Record<string, string>;
  profile?: string;
  recordIssued: boolean;
}

/** `sessionprobe mock <vendor>`: one mock on the system clock (time really passes), until stopped. */
export async function runMock(vendor: string, values: MockOptions): Promise<number> {
  const mock = mocks[vendor];
  if (!mock) throw new UsageError(`mock: expected a vendor: ${Object.keys(mocks).join(", ")} (got "${vendor}")`);
  const options = values.set;
  // A release profile (src/mocks/profiles.ts) supplies options and timeouts; explicit flags win over it.
  const profile = values.profile ? findProfile(mock.id, values.profile) : undefined;
  const running = await startMock(mock, {
    baseClock: systemClock,
    // For rehearsals: remember every credential handed out, so reports can be searched for it.
    recordIssued: values.recordIssued,
    port: values.port,
    hostname: values.host,
    tls: values.tls,
    defects: values.defect,
    ...profileOptions(profile, {
      options,
      ...(values.idle !== undefined ? { idleMs: values.idle ?? undefined } : {}),
      ...(values.lifetime !== undefined ? { lifetimeMs: values.lifetime ?? undefined } : {}),
    }),
  });
  if (values.certOut && running.certificate) writeFileSync(values.certOut, running.certificate);
  const { config } = running.host;
  const lines = [
    `${mock.title} mock (${mock.id}) listening on ${running.baseUrl}`,
    `  idle timeout: ${config.idleMs === undefined ? "none" : formatDuration(config.idleMs)}, lifetime: ${config.lifetimeMs === undefined ? "none" : formatDuration(config.lifetimeMs)}`,
    `  defects: ${[...running.host.activeDefects].join(", ") || "none"}; options: ${JSON.stringify(config.options)}`,
    ...(profile ? [`  release profile: ${profile.name} (${profile.description})`] : []),
    `  control plane: ${running.baseUrl}/__sessionprobe`,
    ...(values.certOut ? [`  certificate written to ${values.certOut} (use it as tls.ca)`] : []),
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
