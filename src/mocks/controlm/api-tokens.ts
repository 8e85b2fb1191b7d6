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
  /** Deleted tokens as they were, newest last, kept so `deleted-token-still-listed` can be switched on at any time. */
  private deletedTokens: ApiToken[] = [];

  constructor(private readonly context: MockContext) {
    this.reset();
  }

  reset(): void {
    const now = this.context.clock.now();
    const { name, value, user, roles } = SEEDED_API_TOKEN;
    this.context.issued(value, "api-token");
    this.tokens = [{ name, value, user, roles: [...roles], expirationDate: undefined, createdAt: now, updatedAt: now }];
    this.deleted.clear();
    this.deletedTokens = [];
  }

  /** The token that holds this name for `user` (CTM-A-04): any user's where names are unique per server (`tokenNameScope`). */
  holderOf(name: string, user: string, scope: ControlmOptions["tokenNameScope"]): ApiToken | undefined {
    return this.tokens.find((t) => t.name === name && (scope === "server" || t.user === user));
  }

  /** A token of that name, whoever owns it: what a lookup that forgets the owner finds (`delete-ignores-owner`). */
  anyNamed(name: string): ApiToken | undefined {
    return this.tokens.find((t) => t.name === name);
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

  /**
   * `duplicate-create-overwrites` (CTM-A-04): the create is written over the token that holds
   * the name (a new value, the new roles and date) before the uniqueness check refuses it.
   */
  overwrite(token: ApiToken, request: TokenRequest): void {
    const value = randomBytes(32).toString("base64url");
    this.context.issued(value, "api-token");
    Object.assign(token, { value, roles: request.roles, expirationDate: request.expirationDate, updatedAt: this.context.clock.now() });
  }

  /** The caller's token of that name; other users' tokens stay invisible (CTM-A-12). */
  owned(user: string, name: string): ApiToken | undefined {
    return this.tokens.find((t) => t.user === user && t.name === name);
  }

  /** Every token when `user` is undefined (the `list-shows-all-users` defect), else only that user's. */
  list(user: string | undefined): ApiToken[] {
    return this.tokens.filter((t) => user === undefined || t.user === user);
  }

  /**
   * What GET /authentication/tokens shows: `list`, and under `deleted-token-still-listed`
   * (CTM-A-11) the deleted tokens too, from a list cache delete forgets.
   */
  listed(user: string | undefined): ApiToken[] {
    const ghosts = this.context.defect("deleted-token-still-listed") ? this.deletedTokens : [];
    return [...this.list(user), ...ghosts.filter((t) => user === undefined || t.user === user)];
  }

  update(token: ApiToken, request: TokenRequest, rename: boolean): ApiToken {
    // `update-merges-roles` (CTM-A-10): the new roles are added to the old instead of replacing them.
    token.roles = this.context.defect("update-merges-roles") ? [...new Set([...token.roles, ...request.roles])] : request.roles;
    token.expirationDate = request.expirationDate;
    if (rename && request.newName !== undefined) token.name = request.newName;
    token.updatedAt = this.context.clock.now();
    return token;
  }

  /** The user's other tokens an update also reaches under `update-applies-to-all-user-tokens` (CTM-A-10: the name left out of the match). */
  siblingsOf(token: ApiToken): ApiToken[] {
    return this.tokens.filter((t) => t.user === token.user && t !== token);
  }

  /** The user's tokens whose names start with `name`: what a `LIKE 'name%'` delete removes (`delete-removes-name-prefix`, CTM-A-11). */
  prefixedBy(user: string, name: string): ApiToken[] {
    return this.tokens.filter((t) => t.user === user && t.name.startsWith(name));
  }

  remove(token: ApiToken): void {
    this.tokens = this.tokens.filter((t) => t !== token);
    this.deleted.set(token.value, token.user);
    this.deletedTokens.push(token);
    if (this.deleted.size > MAX_TOMBSTONES) {
      const oldest = this.deleted.keys().next().value;
      if (oldest !== undefined) this.deleted.delete(oldest);
    }
    if (this.deletedTokens.length > MAX_TOMBSTONES) this.deletedTokens.shift();
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
