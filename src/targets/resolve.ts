import { findDriver, vendorIds } from "../vendors/registry.ts";
import type { Credentials } from "../vendor-api/driver.ts";
import { secrets } from "../redact/secrets.ts";
import { isSensitiveKey } from "../redact/sensitive.ts";
import { parseDuration } from "../time/duration.ts";
import { deviationProblems } from "./deviations.ts";
import { resolveProxy, resolveTls } from "./network.ts";
import { resolveOptions } from "./options.ts";
import type { TargetEntry } from "./schema.ts";
import { DEFAULT_LOCKOUT_BUDGET, DEFAULT_MAX_WAIT_MS, DEFAULT_STEP_TIMEOUT_MS, type ResolvedTarget } from "./types.ts";

/**
 * A checked targets file's entries made into targets: every ${env:…} read from the environment (the
 * secrets among them registered for redaction), durations in milliseconds, options checked against the
 * vendor's driver (which must be loaded), deviations against its catalogue. Kept apart from reading and
 * checking the file (YAML, the schema: src/targets/load.ts), which a worker given the checked entries
 * by its runner skips (src/targets/handed.ts).
 */

const ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** Every entry resolved, or the problems found (each located by `where`), duplicate names among them. */
export function resolveEntries(
  entries: readonly TargetEntry[],
  ctx: Omit<ResolveContext, "where" | "problems"> & { where: (path: (string | number)[]) => string },
): { targets: ResolvedTarget[]; problems: string[] } {
  const problems: string[] = [];
  const targets = entries.map((entry, i) => resolveEntry(entry, { ...ctx, problems, where: (p) => ctx.where(["targets", i, ...p]) }));
  const names = targets.map((t) => t.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push(`${ctx.where(["targets", i, "name"])}: duplicate target name "${name}"`);
  });
  return { targets, problems };
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

export interface ResolveContext {
  env: NodeJS.ProcessEnv;
  baseDir: string;
  problems: string[];
  where: (path: (string | number)[]) => string;
}

function resolveCredentials(set: Record<string, string> | undefined, path: (string | number)[], ctx: ResolveContext): Credentials {
  const out: Credentials = {};
  for (const [field, value] of Object.entries(set ?? {})) {
    const match = value.match(ENV_REF);
    if (!match) {
      ctx.problems.push(
        `${ctx.where([...path, field])}: ${field} must come from the environment: write \${env:NAME} (a literal value would end up in the repository)`,
      );
      continue;
    }
    const name = match[1] as string;
    const resolved = ctx.env[name];
    if (resolved === undefined || resolved === "") {
      ctx.problems.push(
        `${ctx.where([...path, field])}: environment variable ${name} is not set (needed for ${field}); export it before the run`,
      );
      continue;
    }
    // Passwords, keys and tokens are secrets; a username or a realm is not (redacting "/alpha" everywhere would garble reports).
    if (isSensitiveKey(field) || /key|pass|secret|token/i.test(field)) secrets.add(resolved, "credential");
    out[field] = resolved;
  }
  return out;
}

function resolveEntry(entry: TargetEntry, ctx: ResolveContext): ResolvedTarget {
  if (!findDriver(entry.vendor))
    ctx.problems.push(`${ctx.where(["vendor"])}: unknown vendor "${entry.vendor}"; expected one of: ${vendorIds.join(", ")}`);
  const tls = resolveTls(entry.tls, ctx);
  const duration = (text: string | undefined) => (text === undefined ? undefined : parseDuration(text));
  const users: Record<string, Credentials> = {};
  for (const [name, set] of Object.entries(entry.users ?? {})) users[name] = resolveCredentials(set, ["users", name], ctx);
  const target: ResolvedTarget = {
    name: entry.name,
    vendor: entry.vendor,
    kind: "real",
    baseUrl: entry.baseUrl.replace(/\/+$/, ""),
    credentials: resolveCredentials(entry.credentials, ["credentials"], ctx),
    users,
    tls,
    proxy: resolveProxy(entry, ctx),
    timeouts: {
      idleMs: duration(entry.session?.idleTimeout),
      lifetimeMs: duration(entry.session?.lifetime),
      marginMs: duration(entry.session?.expiryMargin),
    },
    expiry: entry.expiry ?? "skip",
    maxWaitMs: duration(entry.maxWait) ?? DEFAULT_MAX_WAIT_MS,
    stepTimeoutMs: duration(entry.timeout) ?? DEFAULT_STEP_TIMEOUT_MS,
    options: {},
    allow: entry.allow ?? [],
    lockout: { budget: entry.lockout?.budget ?? DEFAULT_LOCKOUT_BUDGET },
  };
  if (entry.lockout?.account) {
    target.lockout.account = entry.lockout.account;
    if (!users[entry.lockout.account])
      ctx.problems.push(
        `${ctx.where(["lockout", "account"])}: lockout.account names "${entry.lockout.account}", which is not under users: (declare the disposable account's credentials there)`,
      );
  }
  const driver = findDriver(entry.vendor);
  if (driver) {
    const { options, problems } = resolveOptions(driver, entry.options ?? {});
    target.options = options;
    for (const problem of problems) ctx.problems.push(`${ctx.where(["options", problem.name])}: ${problem.message}`);
  }
  if (entry.deviations?.length) {
    target.deviations = entry.deviations.map((d) => ({ ...d }));
    // An unknown vendor is reported above; its ids cannot be checked against it.
    if (driver)
      for (const problem of deviationProblems(entry.vendor, entry.deviations))
        ctx.problems.push(`${ctx.where(["deviations", problem.index, problem.field])}: ${problem.message}`);
  }
  // The control plane sits at the server root, below no API path (Control-M's /automation-api).
  if (entry.controlPlane) target.controlUrl = `${safeOrigin(target.baseUrl)}/__sessionprobe`;
  return target;
}
