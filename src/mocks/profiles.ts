import type { MockHostOptions } from "./core/host.ts";

/**
 * Named release profiles: the release differences the wire notes describe, as mock
 * options, so a team can rehearse an upgrade (`sessionprobe mock vmanage --profile 20.18`)
 * and see what its baseline comparison would say. A profile only sets options the mock
 * already has; explicit `--set`, `--idle` and `--lifetime` flags still win over it.
 * `null` switches a timeout off.
 */
export interface MockProfile {
  name: string;
  description: string;
  options?: Record<string, string>;
  idleMs?: number | null;
  lifetimeMs?: number | null;
}

const MINUTE = 60_000;

export const profiles: Record<string, readonly MockProfile[]> = {
  controlm: [
    {
      name: "absolute",
      description: "the 30 minutes run from issue (the mock's default; CTM-S-06 is OPEN)",
      idleMs: null,
      lifetimeMs: 30 * MINUTE,
    },
    { name: "idle", description: "the 30 minutes run from last use (CTM-S-06 is OPEN)", idleMs: 30 * MINUTE, lifetimeMs: null },
  ],
  hmc: [
    {
      name: "401",
      description: "a bad X-API-Session is refused 401, logoff answers 204 (what pypowervm, the ruby SDK and hmci handle; the default)",
      options: { badSessionStatus: "401", logoffStatus: "204" },
    },
    {
      name: "403",
      description: "a bad X-API-Session is refused 403 (IBM's RequestHeaders page; HMC-06's code is OPEN)",
      options: { badSessionStatus: "403" },
    },
    {
      name: "logoff-200",
      description: "DELETE Logon answers 200 instead of 204 (HMC-07's code is OPEN)",
      options: { logoffStatus: "200" },
    },
  ],
  vmanage: [
    {
      name: "20.9",
      description: "before 20.12: GET logout only, HTML login-failure page, at most 250 sessions",
      options: { version: "20.9.4", failureBody: "html", logoutMethod: "get", sessionCap: "250" },
    },
    {
      name: "20.12",
      description: "20.12 to 20.16: HTML login-failure page, GET and POST logout, at most 100 sessions (the default)",
      options: { version: "20.12.1", failureBody: "html", logoutMethod: "both", sessionCap: "100" },
    },
    {
      name: "20.18",
      description: "20.18: JSON login-failure body after three blank lines, as the 20.18.2.1 capture (still HTTP 200), POST logout only",
      options: { version: "20.18.2", failureBody: "json-padded", logoutMethod: "post", sessionCap: "100" },
    },
  ],
  openam: [
    { name: "7.1", description: "AM 7 / 7.1: sessions resource 4.0 (the default)", options: { resourceVersion: "4.0" } },
    { name: "7.2", description: "AM 7.2: sessions resource 5.0", options: { resourceVersion: "5.0" } },
    { name: "7.4", description: "AM 7.4 to 8.1: sessions resource 5.1", options: { resourceVersion: "5.1" } },
  ],
};

export function findProfile(vendor: string, name: string): MockProfile {
  const known = profiles[vendor] ?? [];
  const profile = known.find((p) => p.name === name);
  if (!profile) throw new Error(`no profile "${name}" for the ${vendor} mock; known: ${known.map((p) => p.name).join(", ") || "none"}`);
  return profile;
}

/** The mock host options a profile stands for; `overrides` (the command line's own flags) win. */
export function profileOptions(profile: MockProfile | undefined, overrides: MockHostOptions = {}): MockHostOptions {
  const out: MockHostOptions = { ...overrides, options: { ...profile?.options, ...overrides.options } };
  if (profile && profile.idleMs !== undefined && !("idleMs" in overrides)) out.idleMs = profile.idleMs ?? undefined;
  if (profile && profile.lifetimeMs !== undefined && !("lifetimeMs" in overrides)) out.lifetimeMs = profile.lifetimeMs ?? undefined;
  return out;
}

export function profileNames(vendor: string): string[] {
  return (profiles[vendor] ?? []).map((p) => p.name);
}
