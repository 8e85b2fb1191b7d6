import { randomBytes } from "node:crypto";
import type { MockContext } from "../core/types.ts";
import { SEEDED_API_TOKEN } from "./state.ts";
import { hasExpired } from "./token-dates.ts";
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

/** What GET and list show instead of the secret (wire notes: mask or omit; 9.20.250 marks it required). */
export const MASKED_VALUE = "********";
const MAX_TOMBSTONES = 10_000;

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
    const token: ApiToken = { name: request.name, value: randomBytes(32).toString("base64url"), user, roles: request.roles, expirationDate: request.expirationDate, createdAt: now, updatedAt: now };
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
      const expired = hasExpired(token.expirationDate, this.context.clock.now());
      return expired && !this.context.defect("expired-token-accepted") ? undefined : token.user;
    }
    return this.context.defect("deleted-token-accepted") ? this.deleted.get(value) : undefined;
  }
}

/** `TokenDataResponse`; the value only on create, masked everywhere else. */
export function tokenResponse(token: ApiToken, reveal: boolean) {
  return {
    tokenName: token.name,
    tokenType: "User",
    tokenValue: reveal ? token.value : MASKED_VALUE,
    user: token.user,
    roles: token.roles,
    // null (not absent) so the documented get-then-update round trip can send it back.
    expirationDate: token.expirationDate ?? null,
    createdDate: new Date(token.createdAt).toISOString(),
    lastUpdatedDate: new Date(token.updatedAt).toISOString(),
  };
}
