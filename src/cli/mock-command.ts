import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { findProfile, profileOptions } from "../mocks/profiles.ts";
import { mocks } from "../mocks/registry.ts";
import { startMock } from "../mocks/core/server.ts";
import { systemClock } from "../time/clock.ts";
import { formatDuration, parseDuration } from "../time/duration.ts";

/** `none` switches a timeout off; anything else is a duration. */
function timeoutFlag(flag: string, value: string): number | undefined {
  if (value === "none") return undefined;
  const ms = parseDuration(value);
  if (ms <= 0) throw new Error(`${flag} ${value}: a timeout must be positive (use none for no timeout)`);
  return ms;
}

/** `sessionprobe mock <vendor>`: one mock on the system clock (time really passes), until stopped. */
export async function runMock(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      tls: { type: "boolean", default: false },
      "cert-out": { type: "string" },
      idle: { type: "string" },
      lifetime: { type: "string" },
      defect: { type: "string", multiple: true, default: [] },
      set: { type: "string", multiple: true, default: [] },
      "record-issued": { type: "boolean", default: false },
      profile: { type: "string" },
    },
  });
  const vendor = positionals[0];
  const mock = vendor ? mocks[vendor] : undefined;
  if (!mock) throw new Error(`mock: expected a vendor: ${Object.keys(mocks).join(", ")}${vendor ? ` (got "${vendor}")` : ""}`);
  const options: Record<string, string> = {};
  for (const pair of values.set) {
    const eq = pair.indexOf("=");
    if (eq < 1) throw new Error(`--set expects option=value, got "${pair}"; options of ${vendor}: ${Object.keys(mock.optionHelp).join(", ")}`);
    options[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  // A release profile (src/mocks/profiles.ts) supplies options and timeouts; explicit flags win over it.
  const profile = values.profile ? findProfile(mock.id, values.profile) : undefined;
  const running = await startMock(mock, {
    baseClock: systemClock,
    // For rehearsals: remember every credential handed out, so reports can be searched for it.
    recordIssued: values["record-issued"],
    port: values.port ? Number(values.port) : 0,
    hostname: values.host,
    tls: values.tls,
    defects: values.defect,
    ...profileOptions(profile, {
      options,
      ...(values.idle ? { idleMs: timeoutFlag("--idle", values.idle) } : {}),
      ...(values.lifetime ? { lifetimeMs: timeoutFlag("--lifetime", values.lifetime) } : {}),
    }),
  });
  if (values["cert-out"] && running.certificate) writeFileSync(values["cert-out"], running.certificate);
  const { config } = running.host;
  const lines = [
    `${mock.title} mock (${mock.id}) listening on ${running.baseUrl}`,
    `  idle timeout: ${config.idleMs === undefined ? "none" : formatDuration(config.idleMs)}, lifetime: ${config.lifetimeMs === undefined ? "none" : formatDuration(config.lifetimeMs)}`,
    `  defects: ${[...running.host.activeDefects].join(", ") || "none"}; options: ${JSON.stringify(config.options)}`,
    ...(profile ? [`  release profile: ${profile.name} (${profile.description})`] : []),
    `  control plane: ${running.baseUrl}/__sessionprobe`,
    ...(values["cert-out"] ? [`  certificate written to ${values["cert-out"]} (use it as tls.ca)`] : []),
    "  public test users (never use these values anywhere real):",
    ...Object.entries(mock.users).map(([name, user]) => `    ${name}: ${user.username} / ${user.password}`),
    ...(running.host.instance.banner?.() ?? []).map((line) => `  ${line}`),
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
