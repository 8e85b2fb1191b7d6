import type { SessionCookies } from "../http/cookie-jar.ts";
import type { Exchange, HttpRequest } from "../http/exchange.ts";

/**
 * A vendor driver: how to log in, carry the credential, call, and log out for one
 * vendor's session API. Drivers never import Playwright and never read the wall
 * clock: they are usable from any Node program, through the `DriverContext` seam.
 */

/** The shared vocabulary every vendor's way of saying "no" is mapped onto. */
export type Verdict = "ok" | "unauthenticated" | "forbidden" | "rejected" | "error";

export interface Credentials {
  username?: string | undefined;
  password?: string | undefined;
  apiKey?: string | undefined;
  [field: string]: string | undefined;
}

export interface Session {
  /** The scenario's name for it: default, admin, user… */
  name: string;
  cookies: SessionCookies;
  /** What the driver needs to authorize later calls (token, XSRF token…). Values are secrets. */
  state: Record<string, string>;
  /** True between a successful login and a logout (or an observed expiry). */
  open: boolean;
  username?: string;
  /** When its login answered, on the target's clock (for `expire: { since: login }`). */
  openedAt?: number;
}

export interface TargetView {
  name: string;
  vendor: string;
  baseUrl: string;
  /** Vendor options from the targets file (`options:`), e.g. vManage `logoutMethod: get`. */
  options: Record<string, unknown>;
}

export interface DriverContext {
  target: TargetView;
  /** Sends a request; with a session, its cookie jar is read and updated. */
  send(request: HttpRequest, meta: { label: string; session?: Session }): Promise<Exchange>;
  /** baseUrl + path (+ query). */
  url(path: string, query?: Record<string, string>): string;
  /** Registers a value as a secret so no artifact ever shows it. */
  secret(value: string | undefined, kind: string): void;
  /** Milliseconds since the epoch as the harness sees it (for nocache-style counters). */
  now(): number;
}

/** What a step produced: the exchange its expectations read, and any helper exchanges. */
export interface StepResult {
  exchange: Exchange;
  related?: Exchange[];
}

export interface LoginResult extends StepResult {
  /** The driver's own judgement, per the vendor's documented success test. */
  ok: boolean;
  /** Release reported at login, for the report's environment. */
  serverVersion?: string;
}

export interface CallSpec {
  description: string;
  build(ctx: DriverContext, args: Record<string, unknown>): HttpRequest;
}

export interface ActionSpec {
  description: string;
  /** Does the action act through a logged-in session (the step's `as`)? */
  needsSession: boolean;
  run(ctx: DriverContext, session: Session | undefined, args: Record<string, unknown>): Promise<StepResult>;
}

/**
 * Something a deployment configures (an allow-list, a cap, a cookie name, a throttle):
 * declared per target under `options:` with the same name as the mock's `--set` option,
 * so what you set on a mock is what you declare for a real server.
 */
/**
 * One way a session's credential can travel (a header, a cookie). A behaviour holds along
 * every path: a logout must end the session whichever way its token is then sent, so
 * `session: valid | invalid` is judged through every carrier the driver lists.
 */
export interface CredentialCarrier {
  /** How it travels, as a reader of the report knows it: "Authorization: Bearer", "x-api-key", "Cookie iPlanetDirectoryPro". */
  name: string;
  /**
   * documented: the vendor (or captured traffic) says the credential is accepted this way,
   * so acceptance is asserted while the session lives and refusal after it ended.
   * unverified: nobody says whether it is accepted: while the session lives, acceptance is
   * observed, never assumed either way; once the session must be dead, refusal is asserted.
   */
  sureness: "documented" | "unverified";
  /** Where the carrier comes from (wire notes section, vendor doc). */
  evidence: string;
  /**
   * Asks the server through this carrier alone (no other credential, no cookie jar) whether
   * the session is alive. `inconclusive` says why an answer judges nothing (a legal server
   * that does not read the credential this way for the probe's request): recorded, not judged.
   */
  probe(ctx: DriverContext, session: Session): Promise<{ verdict: Verdict; exchange: Exchange; inconclusive?: string }>;
}

export interface DeploymentOption {
  description: string;
  /** The documented default; undefined when the vendor documents none (a scenario needing it is skipped). */
  default?: string;
  /** Accepted values, when the option is an enumeration. */
  values?: readonly string[];
  /** A duration option: whole seconds ("60") or a duration ("90s"). Usable in time expressions as `50% of <name>`. */
  duration?: boolean;
  /** A count: a whole number within these bounds (the mock refuses the same values for its `--set`). */
  wholeNumber?: { min: number; max?: number };
}

export interface VendorDriver {
  id: string;
  title: string;
  services: readonly string[];
  /** Named authenticated calls for the `use` step. */
  calls: Record<string, CallSpec>;
  /** How the engine asks whether a session is alive: `session: valid | invalid`, a keep-alive without `using:`. */
  probe: SessionProbe;
  actions: Record<string, ActionSpec>;
  /** What the vendor documents; a target may declare otherwise. */
  documentedTimeouts: { idleMs?: number; lifetimeMs?: number };
  /** Deployment settings a target declares under `options:`, by the mock's `--set` names. */
  deploymentOptions: Record<string, DeploymentOption>;
  /**
   * Values derived from the target's options that scenarios read as `${options.<name>}`
   * (e.g. an allow-listed session property that may be set). Undefined: the target lacks it.
   */
  deploymentFacts?(options: Readonly<Record<string, string>>): Record<string, string | undefined>;
  /**
   * Every way this session's credential may travel (see CredentialCarrier), judged beside the
   * probe by `session: valid | invalid`. Unset: the probe's own way is the only one.
   */
  carriers?(session: Session): readonly CredentialCarrier[];
  /**
   * The target user (a name under `users:`) a scenario's `other-user` bystander logs in as:
   * a second account whose sessions a behaviour of the first must leave untouched.
   */
  secondUser?: string;
  login(ctx: DriverContext, session: Session, input: { credentials: Credentials; with: Record<string, unknown> }): Promise<LoginResult>;
  /** Adds the session's credential to a request (header, cookie is added by the jar). */
  authorize(ctx: DriverContext, session: Session, request: HttpRequest): HttpRequest;
  logout(ctx: DriverContext, session: Session, args: Record<string, unknown>): Promise<StepResult>;
  classify(exchange: Exchange): Verdict;
}

/**
 * Asking whether a session is alive. Either one of the driver's `calls`, sent with the
 * session and judged by `classify`; or, where no call asks it right (AM's validate must send
 * no caller, and its 200 `{valid:false}` is a "no"), the driver's own request, named for the
 * reports by what it asks.
 */
export type SessionProbe =
  | { call: string }
  | { name: string; run(ctx: DriverContext, session: Session): Promise<{ verdict: Verdict; exchange: Exchange }> };

export function jsonRequest(ctx: DriverContext, method: string, path: string, body?: unknown): HttpRequest {
  const request: HttpRequest = { method, url: ctx.url(path), headers: { accept: "application/json" } };
  if (body !== undefined) {
    request.headers["content-type"] = "application/json";
    request.body = JSON.stringify(body);
  }
  return request;
}
