import type { Context, Hono } from "hono";
import type { Clock } from "../time/clock.ts";

/** A named, deliberate violation of documented behaviour, to prove the suites catch it. */
export interface MockDefect {
  name: string;
  /** The behaviour ids whose scenarios must fail when this defect is on. */
  breaks: readonly string[];
  description: string;
  /**
   * A legal variant the defect shows under (a variant name): a defect in what only an
   * enabled feature does (Control-M annotation) is proved on a server with it enabled.
   */
  variant?: string;
}

/** Public, documented-in-the-README credentials of a mock's seeded user. */
export interface MockUser {
  username: string;
  password: string;
  /** Extra credential fields the vendor has (an API key, roles…). */
  [field: string]: string | undefined;
}

export interface MockConfig {
  idleMs?: number | undefined;
  lifetimeMs?: number | undefined;
  /** Vendor options (`--set name=value` on the CLI), e.g. failureBody=json. */
  options: Record<string, string>;
}

export interface MockContext {
  clock: Clock;
  config: MockConfig;
  /** Is this defect switched on right now? Read per request: defects switch at run time. */
  defect(name: string): boolean;
  /**
   * Records a secret where the mock mints it (a session id, a token value, an XSRF token,
   * a cookie value): the leak proof searches reports for exactly these, independently of
   * the redactor's own rules. Call it at every point a credential is created.
   */
  issued(value: string, kind: string): void;
}

/**
 * One legal answer to a point the wire notes leave open (UNVERIFIED / OPEN / differs
 * between releases): the suites must pass on every variant (the specificity matrix).
 */
export interface MockVariant {
  /** kebab-case, unique per vendor: e.g. token-value-omitted. */
  name: string;
  /** Other names `--variant` accepts: the release a variant stands for (`20.18`, `7.2`). */
  aliases?: readonly string[];
  description: string;
  /** The wire-note (or vendor doc) passage this variant stands for: file, section, and the words. */
  evidence: string;
  /** Mock options (the `--set` vocabulary); a target for this variant declares the same. */
  options?: Record<string, string>;
  /** Timeouts of this variant; null switches one off. Unset: the documented default. */
  idleMs?: number | null;
  lifetimeMs?: number | null;
}

export interface MockSessionSummary {
  user: string;
  createdAt: number;
  lastUsedAt: number;
}

/**
 * A request the vendor documents as NOT served (a 404, 405 or 501 the vendor docs or wire
 * notes name): an answer the suites may rely on, not a gap in the mock.
 */
export interface DocumentedAbsence {
  /** Upper case, or "*" for every method. */
  method: string;
  /** The request target below the server root, as a client sends it (a query included where it picks the answer). */
  path: string;
  /** The documented status. */
  status: number;
  /** Where the absence is documented: file, section, the words. */
  why: string;
}

export interface MockInstance {
  /** The vendor's routes. Mounted below the control plane at the server root. */
  app: Hono;
  /**
   * The vendor's answer for a request no route takes (its 404 document; a route that
   * declines a request calls `c.notFound()`). The host serves it as its not-found
   * handler and journals every such request as unmodelled, whatever it answers: the
   * vendor picks the answer, the host decides it is a gap. It is a not-found handler
   * rather than a catch-all route: a catch-all matches every request besides its own
   * route, so every request would pay for a middleware chain and an asynchronous answer.
   */
  notFound?(c: Context): Response | Promise<Response>;
  /**
   * What the vendor documents as absent under this instance's options. A route may
   * answer one; one that reaches `notFound` instead is not journaled as unmodelled.
   * Each must be answered with its status and never journaled as unmodelled (tested per vendor).
   */
  documentedAbsent?: readonly DocumentedAbsence[];
  /** Back to the seeded state: no sessions, seeded users and passwords restored. */
  reset(): void;
  openSessions(): MockSessionSummary[];
  /** Extra lines the CLI prints at start (a seeded API token, for instance). */
  banner?(): string[];
}

export interface VendorMock {
  id: string;
  title: string;
  defects: readonly MockDefect[];
  /**
   * Where the vendor's API lives below the server root on real servers (Control-M's
   * /automation-api): a mock target's baseUrl includes it, as a real target's does.
   */
  basePath?: string;
  /** Legal variants: every suite must pass against each (specs/harness/variants.spec.ts). */
  variants: readonly MockVariant[];
  /** Documented defaults, used when the CLI or the test does not say otherwise. */
  defaults: { idleMs?: number; lifetimeMs?: number; options: Record<string, string> };
  /** Vendor options accepted by `--set`, with what each does. */
  optionHelp: Record<string, string>;
  /** Seeded users: `default` is the one the target's `credentials` point at. */
  users: Record<string, MockUser>;
  create(context: MockContext): MockInstance;
}
