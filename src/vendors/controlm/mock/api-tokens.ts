import { randomBytes } from "node:crypto";
import type { MockContext } from "../../../vendor-api/mock.ts";
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
// Stryker disable next-line StringLiteral: what a mask looks like is documented nowhere; any text that is not the secret (an empty one too) masks it.
export const MASKED_VALUE = "********";
const MAX_TOMBSTONES = 10_000;
const DAY_MS = 86_400_000;

/** API tokens of the Authentication service, judged against the mock clock. */
export class ApiTokenStore {
  // Stryker disable next-line ArrayDeclaration: reset(), which the constructor runs, sets it.
  private tokens: ApiToken[] = [];
  /** Values of deleted tokens → owner, kept so `deleted-token-accepted` can be switched on at any time. */
  private readonly deleted = new Map<string, string>();
  /** Deleted tokens as they were, newest last, kept so `deleted-token-still-listed` can be switched on at any time. */
  // Stryker disable next-line ArrayDeclaration: as above.
  private deletedTokens: ApiToken[] = [];

  // Stryker disable next-line BlockStatement: every run resets the mock through the control plane before its first request, which does this again.
  constructor(private readonly context: MockContext) {
    this.reset();
  }

  reset(): void {
    const now = this.context.clock.now();
    const { name, value, user, roles } = SEEDED_API_TOKEN;
    // Stryker disable next-line StringLiteral: the kind only labels the secret for the leak proof; the host records the value alone.
    this.context.issued(value, "api-token");
    // Stryker disable next-line ArrayDeclaration: the seeded test account's token: its roles are the account's data (as seededUsers'), which nothing the mock serves depends on.
    this.tokens = [{ name, value, user, roles: [...roles], expirationDate: undefined, createdAt: now, updatedAt: now }];
    this.deleted.clear();
    // Stryker disable next-line ArrayDeclaration: bookkeeping only the deleted-token-still-listed defect reads.
    this.deletedTokens = [];
  }

  /** The token that holds this name for `user` (CTM-A-04): any user's where names are unique per server (`tokenNameScope`). */
  holderOf(name: string, user: string, scope: ControlmOptions["tokenNameScope"]): ApiToken | undefined {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: names unique per server or per user are both legal (variants token-names-unique-per-server and -per-user).
    const anyOwner = scope === "server";
    // Stryker disable next-line ConditionalExpression: forced true, any owner's token holds the name (per server); anyOwner forced false, only the caller's (per user): both legal, as above. Forced false as a whole, no token holds it, which CTM-A-04 catches.
    const holds = (t: ApiToken) => anyOwner || t.user === user;
    return this.tokens.find((t) => t.name === name && holds(t));
  }

  // Stryker disable all: only the delete-ignores-owner defect looks a token up by name alone.
  /** A token of that name, whoever owns it: what a lookup that forgets the owner finds (`delete-ignores-owner`). */
  anyNamed(name: string): ApiToken | undefined {
    return this.tokens.find((t) => t.name === name);
  }
  // Stryker restore all

  create(user: string, request: TokenRequest): ApiToken {
    const now = this.context.clock.now();
    // 32 random bytes: unguessable, and base64url so it travels in a header untouched.
    const value = randomBytes(32).toString("base64url");
    // Stryker disable next-line StringLiteral: the kind only labels the secret for the leak proof; the host records the value alone.
    this.context.issued(value, "api-token");
    let { expirationDate } = request;
    // `undated-token-expires` (CTM-A-08): "no expiration" quietly becomes "tomorrow".
    // Stryker disable next-line BlockStatement: only the undated-token-expires defect enters.
    if (this.context.defect("undated-token-expires")) {
      // Stryker disable next-line all: only that defect dates an undated token.
      expirationDate ??= new Date(Math.floor(now / DAY_MS) * DAY_MS + DAY_MS).toISOString().slice(0, 10);
    }
    const token: ApiToken = { name: request.name, value, user, roles: request.roles, expirationDate, createdAt: now, updatedAt: now };
    this.tokens.push(token);
    return token;
  }

  // Stryker disable all: only the duplicate-create-overwrites defect writes a refused create over the name's holder.
  /**
   * `duplicate-create-overwrites` (CTM-A-04): the create is written over the token that holds
   * the name (a new value, the new roles and date) before the uniqueness check refuses it.
   */
  overwrite(token: ApiToken, request: TokenRequest): void {
    const value = randomBytes(32).toString("base64url");
    this.context.issued(value, "api-token");
    Object.assign(token, { value, roles: request.roles, expirationDate: request.expirationDate, updatedAt: this.context.clock.now() });
  }
  // Stryker restore all

  /** The caller's token of that name; other users' tokens stay invisible (CTM-A-12). */
  owned(user: string, name: string): ApiToken | undefined {
    return this.tokens.find((t) => t.user === user && t.name === name);
  }

  /** The user's tokens. */
  list(user: string): ApiToken[] {
    return this.tokens.filter((t) => t.user === user);
  }

  /**
   * What GET /authentication/tokens shows: the user's tokens, and under `deleted-token-still-listed`
   * (CTM-A-11) the deleted ones too, from a list cache delete forgets.
   */
  listed(user: string): ApiToken[] {
    const own = this.list(user);
    if (!this.context.defect("deleted-token-still-listed")) return own;
    // Stryker disable next-line all: only that defect lists the deleted tokens.
    return [...own, ...this.deletedTokens.filter((t) => t.user === user)];
  }

  // Stryker disable all: only the defects that reach past the token they were asked about use these.
  /** Every user's tokens: what `list-shows-all-users` (CTM-A-12) lists. */
  everyone(): ApiToken[] {
    return [...this.tokens];
  }

  /** The user's other tokens an update also reaches under `update-applies-to-all-user-tokens` (CTM-A-10: the name left out of the match). */
  siblingsOf(token: ApiToken): ApiToken[] {
    return this.tokens.filter((t) => t.user === token.user && t !== token);
  }

  /** The user's tokens whose names start with `name`: what a `LIKE 'name%'` delete removes (`delete-removes-name-prefix`, CTM-A-11). */
  prefixedBy(user: string, name: string): ApiToken[] {
    return this.tokens.filter((t) => t.user === user && t.name.startsWith(name));
  }
  // Stryker restore all

  update(token: ApiToken, request: TokenRequest): ApiToken {
    // `update-merges-roles` (CTM-A-10): the new roles are added to the old instead of replacing them.
    // Stryker disable next-line ArrayDeclaration: only the update-merges-roles defect merges.
    token.roles = this.context.defect("update-merges-roles") ? [...new Set([...token.roles, ...request.roles])] : request.roles;
    token.expirationDate = request.expirationDate;
    token.updatedAt = this.context.clock.now();
    return token;
  }

  remove(token: ApiToken): void {
    this.tokens = this.tokens.filter((t) => t !== token);
    // Stryker disable all: bookkeeping only the deleted-token-accepted and deleted-token-still-listed defects read, and the mock's bound on it.
    this.deleted.set(token.value, token.user);
    this.deletedTokens.push(token);
    if (this.deleted.size > MAX_TOMBSTONES) {
      const oldest = this.deleted.keys().next().value;
      if (oldest !== undefined) this.deleted.delete(oldest);
    }
    if (this.deletedTokens.length > MAX_TOMBSTONES) this.deletedTokens.shift();
  }
  // Stryker restore all

  /** The `x-api-key` resolver for `authenticate()`: the owner of a live token, else undefined. */
  userFor(value: string | undefined): string | undefined {
    const token = this.tokens.find((t) => t.value === value);
    if (token) {
      // Stryker disable next-line BlockStatement: only the new-tokens-not-usable defect enters.
      if (this.context.defect("new-tokens-not-usable")) {
        // Stryker disable next-line all: only that defect refuses the tokens the API made.
        if (token.value !== SEEDED_API_TOKEN.value) return undefined;
      }
      return this.expired(token) && !this.context.defect("expired-token-accepted") ? undefined : token.user;
    }
    // Stryker disable next-line BlockStatement: only the deleted-token-accepted defect enters.
    if (this.context.defect("deleted-token-accepted")) {
      // Stryker disable next-line all: only that defect honours a deleted token.
      return value === undefined ? undefined : this.deleted.get(value);
    }
    return undefined;
  }

  /** Past its UTC day; under `token-expires-day-before` (CTM-A-09) already from the start of the day before it. */
  private expired(token: ApiToken): boolean {
    const now = this.context.clock.now();
    // Stryker disable next-line ArithmeticOperator: only the token-expires-day-before defect moves the clock on.
    return hasExpired(token.expirationDate, this.context.defect("token-expires-day-before") ? now + 2 * DAY_MS : now);
  }
}

/** The date fields as the `responseDates` option renders them (wire notes §1.4: "Date formats in responses are [UNVERIFIED]"). */
function renderDates(token: ApiToken, style: ControlmOptions["responseDates"]) {
  const instant = (ms: number) => new Date(ms).toISOString();
  // Stryker disable next-line MethodExpression: a date-time where a date is asked is another legal rendering (variant dates-as-given).
  const day = (ms: number) => instant(ms).slice(0, 10);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: dates or date-times are legal renderings of createdDate and lastUpdatedDate (variants dates-*).
  const stamp = style === "date-only" ? day : instant;
  return {
    expirationDate: renderExpiry(token.expirationDate, style),
    createdDate: stamp(token.createdAt),
    lastUpdatedDate: stamp(token.updatedAt),
  };
}

/** expirationDate as the style renders it; null (not absent) for none, so the documented get-then-update round trip can send it back. */
function renderExpiry(expiry: string | undefined, style: ControlmOptions["responseDates"]): string | null {
  // Stryker disable next-line ConditionalExpression: how "never" reads back (null, absent) is not documented and only observed (forced true, every date reads null: caught).
  if (expiry === undefined) return null;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,StringLiteral: a date and a date-time at 00:00Z are both legal (variants dates-as-given, dates-date-time); only the expiration-date-not-validated defect stores a text that is no date.
  const asDateTime = style === "date-time" && utcDayStart(expiry) !== undefined;
  // Stryker disable next-line ConditionalExpression: as above.
  return asDateTime ? `${expiry}T00:00:00.000Z` : expiry;
}

/** `TokenDataResponse` as create answers it: with the value, the token the caller asked for (CTM-A-02). */
export function createdTokenResponse(token: ApiToken, settings: ControlmOptions) {
  return { ...tokenProperties(token, settings), tokenValue: token.value };
}

/**
 * `TokenDataResponse` as GET, the list and update answer it: the value as `tokenValueOnRead`
 * says, masked, omitted or shown (wire notes §1.4: "Whether tokenValue is returned on
 * GET/list, or only on create, is [UNVERIFIED]").
 */
export function readTokenResponse(token: ApiToken, settings: ControlmOptions) {
  const onRead = settings.tokenValueOnRead;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: on a read the value omitted, masked or shown are all legal (variants token-value-*).
  if (onRead === "omitted") return tokenProperties(token, settings);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: as above.
  return { ...tokenProperties(token, settings), tokenValue: onRead === "value" ? token.value : MASKED_VALUE };
}

function tokenProperties(token: ApiToken, settings: ControlmOptions) {
  return {
    tokenName: token.name,
    tokenType: settings.tokenType,
    user: token.user,
    roles: token.roles,
    ...renderDates(token, settings.responseDates),
  };
}
