import { randomBytes } from "node:crypto";
import type { MockContext } from "../core/types.ts";
import type { ControlmOptions } from "./options.ts";
import { SEEDED_API_TOKEN } from "./state.ts";
import { hasExpired, utcDayStart } from "./token-dates.ts";
import type { TokenRequest } from "./token-request.ts";

export interface ApiToken {
  name: string;
  value: string;
  user: string;
  roles: string[];
  expirationDate: string | undefined;
  createdAt: number;
  updatedAt: number;
}

/** What GET, list and update show instead of the secret under `tokenValueOnRead=masked` (wire notes: "mask or omit it"). */
export const MASKED_VALUE = "********";
const MAX_TOMBSTONES = 10_000;
const DAY_MS = 86_400_000;

/** API tokens of the Authentication service, judged against the mock clock. */
export class ApiTokenStore {
  private tokens: ApiToken[] = [];
  /** Values of deleted tokens → owner, kept so `deleted-token-accepted` can be switched on at any time. */
  private readonly deleted = new Map<string, string>();

  constructor(private readonly context: MockContext) {
    this.reset();
  }

  reset(): void {
    const now = this.context.clock.now();
    const { name, value, user, roles } = SEEDED_API_TOKEN;
    this.context.issued(value, "api-token");
    this.tokens = [{ name, value, user, roles: [...roles], expirationDate: undefined, createdAt: now, updatedAt: now }];
    this.deleted.clear();
  }

  /** Names are unique per server, not per user (CTM-A-04). */
  nameTaken(name: string): boolean {
    return this.tokens.some((t) => t.name === name);
  }

  create(user: string, request: TokenRequest): ApiToken {
    const now = this.context.clock.now();
    // 32 random bytes: unguessable, and base64url so it travels in a header untouched.
    const value = randomBytes(32).toString("base64url");
    this.context.issued(value, "api-token");
    // `undated-token-expires` (CTM-A-08): "no expiration" quietly becomes "tomorrow".
    const tomorrow = new Date(Math.floor(now / DAY_MS) * DAY_MS + DAY_MS).toISOString().slice(0, 10);
    const expirationDate = request.expirationDate ?? (this.context.defect("undated-token-expires") ? tomorrow : undefined);
    const token: ApiToken = { name: request.name, value, user, roles: request.roles, expirationDate, createdAt: now, updatedAt: now };
    this.tokens.push(token);
    return token;
  }

  /** The caller's token of that name; other users' tokens stay invisible (CTM-A-12). */
  owned(user: string, name: string): ApiToken | undefined {
    return this.tokens.find((t) => t.user === user && t.name === name);
  }

  /** Every token when `user` is undefined (the `list-shows-all-users` defect), else only that user's. */
  list(user: string | undefined): ApiToken[] {
    return this.tokens.filter((t) => user === undefined || t.user === user);
  }

  update(token: ApiToken, request: TokenRequest, rename: boolean): ApiToken {
    token.roles = request.roles;
    token.expirationDate = request.expirationDate;
    if (rename && request.newName !== undefined) token.name = request.newName;
    token.updatedAt = this.context.clock.now();
    return token;
  }

  remove(token: ApiToken): void {
    this.tokens = this.tokens.filter((t) => t !== token);
    this.deleted.set(token.value, token.user);
    if (this.deleted.size > MAX_TOMBSTONES) {
      const oldest = this.deleted.keys().next().value;
      if (oldest !== undefined) this.deleted.delete(oldest);
    }
  }

  /** The `x-api-key` resolver for `authenticate()`: the owner of a live token, else undefined. */
  userFor(value: string): string | undefined {
    const token = this.tokens.find((t) => t.value === value);
    if (token) {
      if (this.context.defect("new-tokens-not-usable") && token.value !== SEEDED_API_TOKEN.value) return undefined;
      return this.expired(token) && !this.context.defect("expired-token-accepted") ? undefined : token.user;
    }
    return this.context.defect("deleted-token-accepted") ? this.deleted.get(value) : undefined;
  }

  /** Past its UTC day; under `token-expires-day-before` (CTM-A-09) already from the start of the day before it. */
  private expired(token: ApiToken): boolean {
    const now = this.context.clock.now();
    return hasExpired(token.expirationDate, this.context.defect("token-expires-day-before") ? now + 2 * DAY_MS : now);
  }
}

/** The date fields as the `responseDates` option renders them (wire notes §1.4: "Date formats in responses are [UNVERIFIED]"). */
function renderDates(token: ApiToken, style: ControlmOptions["responseDates"]) {
  const instant = (ms: number) => new Date(ms).toISOString();
  const day = (ms: number) => instant(ms).slice(0, 10);
  const expiry = token.expirationDate;
  const expirationDate =
    expiry === undefined ? null : style === "date-time" && utcDayStart(expiry) !== undefined ? `${expiry}T00:00:00.000Z` : expiry;
  const stamp = style === "date-only" ? day : instant;
  return { expirationDate, createdDate: stamp(token.createdAt), lastUpdatedDate: stamp(token.updatedAt) };
}

/**
 * `TokenDataResponse`. The value on create (`reveal`); on GET, list and update as
 * `tokenValueOnRead` says: masked, omitted or the value (wire notes §1.4: "Whether
 * tokenValue is returned on GET/list, or only on create, is [UNVERIFIED]").
 */
export function tokenResponse(token: ApiToken, view: { reveal: boolean; settings: ControlmOptions; omitValue?: boolean }) {
  const { settings } = view;
  const shown = view.reveal ? "value" : settings.tokenValueOnRead;
  const value = view.omitValue || shown === "omitted" ? {} : { tokenValue: shown === "value" ? token.value : MASKED_VALUE };
  // expirationDate null (not absent) so the documented get-then-update round trip can send it back.
  return {
    tokenName: token.name,
    tokenType: settings.tokenType,
    ...value,
    user: token.user,
    roles: token.roles,
    ...renderDates(token, settings.responseDates),
  };
}
