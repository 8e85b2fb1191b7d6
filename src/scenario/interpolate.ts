/**
 * `${…}` in scenario strings. The names a scenario may use:
 *   ${capturedName}              a value captured by an earlier step
 *   ${credentials.<field>}       the target's credentials (username, password, apiKey…)
 *   ${users.<user>.<field>}      another user of the target
 *   ${random}                    a fresh unique suffix (per scenario run)
 *   ${date}  ${date+1d}  ${date-2d}   the target's today (UTC) as YYYY-MM-DD, shifted by days
 *   ${now}                       the target's now, ISO-8601
 *   ${options.<name>}            a deployment option of the target (declared, or the documented
 *                                default), or a value the driver derives from them
 */

import { SessionprobeError } from "../errors/errors.ts";

export const REFERENCE = /\$\{([^}]*)\}/g;

export interface InterpolationScope {
  captures: Record<string, string>;
  credentials: Record<string, string | undefined>;
  users: Record<string, Record<string, string | undefined>>;
  random: string;
  /** The target's now (mock clock or real time), ms. */
  now: number;
  /** Deployment options and what the driver derives from them. */
  options?: Record<string, string | undefined>;
}

/** A `${…}` that names nothing this target or scenario has: a configuration error at the step that holds it. */
export class InterpolationError extends SessionprobeError {
  constructor(message: string) {
    super("SP_INTERPOLATION", message);
  }
}

const DAY_MS = 86_400_000;

export function resolveReference(name: string, scope: InterpolationScope): string {
  const date = name.match(/^date(?:([+-])(\d+)d)?$/);
  if (date) {
    const shift = date[1] ? Number(date[2]) * (date[1] === "-" ? -1 : 1) : 0;
    return new Date(scope.now + shift * DAY_MS).toISOString().slice(0, 10);
  }
  if (name === "now") return new Date(scope.now).toISOString();
  if (name === "random") return scope.random;
  const [head, ...rest] = name.split(".");
  if (head === "credentials" && rest.length === 1)
    return need(own(scope.credentials, rest[0]), name, "the target's credentials have no such field (check the targets file)");
  if (head === "users" && rest.length === 2) {
    const user = own(scope.users, rest[0]);
    if (!user)
      throw new InterpolationError(
        `\${${name}}: the target has no user "${rest[0]}"; known: ${Object.keys(scope.users).join(", ") || "none"}`,
      );
    return need(own(user, rest[1]), name, `user "${rest[0]}" has no field "${rest[1]}"`);
  }
  if (head === "options" && rest.length === 1) {
    return need(
      own(scope.options ?? {}, rest[0]),
      name,
      `the target declares no option "${rest[0]}" and the vendor documents no default: declare it under options: in the targets file`,
    );
  }
  if (Object.hasOwn(scope.captures, name)) return scope.captures[name] as string;
  throw new InterpolationError(
    `\${${name}} is not defined: capture it in an earlier step, or use credentials.<field>, users.<user>.<field>, random, date, date+Nd or now`,
  );
}

/** Own properties only: `users.constructor` must not find Object's constructor. */
function own<T>(record: Readonly<Record<string, T>>, key: string | undefined): T | undefined {
  return key !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}

function need(value: string | undefined, name: string, why: string): string {
  if (typeof value !== "string") throw new InterpolationError(`\${${name}}: ${why}`);
  return value;
}

export function interpolate<T>(value: T, scope: InterpolationScope): T {
  if (typeof value === "string") return value.replace(REFERENCE, (_, name: string) => resolveReference(name.trim(), scope)) as T;
  if (Array.isArray(value)) return value.map((item) => interpolate(item, scope)) as T;
  if (value && typeof value === "object") {
    // Keys too: a body path can name a deployment's own property (`${options.sessionProperty}: …`).
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [interpolate(k, scope), interpolate(v, scope)])) as T;
  }
  return value;
}

/** Every `${name}` a value refers to, for load-time checks. Safe on values that contain themselves (YAML aliases can build them). */
export function references(value: unknown, found: string[] = [], seen = new WeakSet<object>()): string[] {
  if (typeof value === "string") for (const [, name] of value.matchAll(REFERENCE)) found.push((name ?? "").trim());
  else if (value && typeof value === "object") {
    if (seen.has(value)) return found;
    seen.add(value);
    if (Array.isArray(value)) for (const item of value) references(item, found, seen);
    else {
      for (const [k, v] of Object.entries(value)) {
        references(k, found, seen);
        references(v, found, seen);
      }
    }
  }
  return found;
}

/** Names of Object.prototype (constructor, toString, __proto__…): never a user, field, option or capture of a scenario. */
export const PROTOTYPE_NAMES: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), "prototype"]);

/** The first segment of a reference that is a JavaScript built-in name, if any: `users.constructor.name` → constructor. */
export function prototypeSegment(name: string): string | undefined {
  return name.split(".").find((segment) => PROTOTYPE_NAMES.has(segment));
}

/** A `${` that no `}` closes: it would be sent as it stands, and the password with it. */
export function unclosedReference(text: string): boolean {
  return text.replace(REFERENCE, "").includes("${");
}

/** Names the loader can check statically (captures are checked against earlier steps). */
export function isBuiltinReference(name: string): boolean {
  return /^(random|now|date([+-]\d+d)?|credentials\.[A-Za-z0-9_]+|users\.[a-z][a-z0-9-]*\.[A-Za-z0-9_]+|options\.[A-Za-z][A-Za-z0-9_]*)$/.test(
    name,
  );
}
