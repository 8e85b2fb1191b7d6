import { readFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { Ajv } from "ajv";
import { InputError } from "../errors/errors.ts";
import { LineCounter, parseDocument } from "yaml";
import { findDriver, vendorIds } from "../vendors/registry.ts";
import type { Credentials } from "../vendor-api/driver.ts";
import { secrets } from "../redact/secrets.ts";
import { isSensitiveKey } from "../redact/sensitive.ts";
import { expected } from "../scenario/ajv-messages.ts";
import { locate, pointerToPath } from "../scenario/positions.ts";
import { parseDuration } from "../time/duration.ts";
import { deviationProblems } from "./deviations.ts";
import { resolveProxy, resolveTls } from "./network.ts";
import { resolveOptions } from "./options.ts";
import { type TargetEntry, TargetsFileSchema } from "./schema.ts";
import { DEFAULT_LOCKOUT_BUDGET, DEFAULT_MAX_WAIT_MS, DEFAULT_STEP_TIMEOUT_MS, type ResolvedTarget } from "./types.ts";

/** The targets file is wrong: every problem at once, with file:line:column, before any request is sent (exit code 2). */
export class TargetsError extends InputError {
  constructor(message: string) {
    super("SP_TARGETS", message);
  }
}

const validate = new Ajv({ allErrors: true, strict: false, verbose: true }).compile(TargetsFileSchema);
const ENV_REF = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;
/** What a targets file holds: said when it is empty. */
const WHOLE_TARGETS_FILE = "a targets file needs targets: a list of targets, each with name:, vendor: and baseUrl:";

/**
 * Reads a targets file. Every problem is reported at once, with file:line:column,
 * before any request is sent: a bad shape, a literal credential (secrets come only
 * from the environment), a variable that is not set, an unreadable CA file.
 */
export function loadTargets(path: string, env: NodeJS.ProcessEnv = process.env): ResolvedTarget[] {
  const file = relative(process.cwd(), path) || path;
  let source: string;
  try {
    source = readFileSync(path, "utf8");
  } catch (error) {
    throw new TargetsError(`${file}: cannot read the targets file: ${(error as Error).message}`);
  }
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false });
  const where = (p: (string | number)[]) => {
    const { line, column } = locate(doc, lines, p);
    return `${file}:${line}:${column}`;
  };
  const [first] = doc.errors;
  if (first) {
    const { line, col } = lines.linePos(first.pos[0]);
    const flowHint = /\{\s*[\w-]+:\s*\$\{/.test(source.split("\n")[line - 1] ?? "") ? ' (inside { … } write "${env:NAME}" in quotes)' : "";
    const more = doc.errors.length > 1 ? `; ${doc.errors.length - 1} more error(s) follow from it` : "";
    throw new TargetsError(`${file}:${line}:${col}: YAML syntax: ${first.message.split("\n")[0]}${flowHint}${more}`);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    throw new TargetsError(`${file}: the YAML cannot be read: ${(error as Error).message}`);
  }
  if (!validate(data)) {
    const errors = (validate.errors ?? []).filter(
      (e) =>
        (e.keyword !== "const" && e.keyword !== "type") ||
        !(validate.errors ?? []).some((u) => u.keyword === "anyOf" && u.instancePath === e.instancePath),
    );
    throw new TargetsError(errors.map((e) => `${where(pointerToPath(e.instancePath))}: ${expected(e, WHOLE_TARGETS_FILE)}`).join("\n"));
  }
  const problems: string[] = [];
  const targets = (data as { targets: TargetEntry[] }).targets.map((entry, i) =>
    resolveEntry(entry, { env, baseDir: dirname(path), problems, where: (p) => where(["targets", i, ...p]) }),
  );
  const names = targets.map((t) => t.name);
  names.forEach((name, i) => {
    if (names.indexOf(name) !== i) problems.push(`${where(["targets", i, "name"])}: duplicate target name "${name}"`);
  });
  if (problems.length) throw new TargetsError(problems.join("\n"));
  return targets;
}

function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

interface ResolveContext {
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
