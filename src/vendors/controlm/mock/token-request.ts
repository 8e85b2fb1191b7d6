import type { ControlmTexts } from "./texts.ts";
import { isFutureDay, utcDayStart } from "./token-dates.ts";

/** A validated `TokenDataRequest` (wire notes §1.4). */
export interface TokenRequest {
  name: string;
  roles: string[];
  /** undefined = the token never expires (CTM-A-08). */
  expirationDate: string | undefined;
  /** A rename attempt on update (`newTokenName`, not in the spec), as sent: refused unless `update-renames` is on. */
  newName?: unknown;
}

export interface Refusal {
  status: 400 | 403;
  message: string;
  item?: string | undefined;
}

export interface RequestRules {
  /** Update needs every field present (CTM-A-10); create allows expirationDate to be left out. */
  everyField: boolean;
  user: string;
  heldRoles: readonly string[];
  texts: ControlmTexts;
  /** false under the `roles-not-checked` defect. */
  checkRoles: boolean;
  /** false under the `roles-optional` defect (CTM-A-05). */
  requireRoles: boolean;
  /** false under the `expiration-date-not-validated` defect (CTM-A-07). */
  checkDates: boolean;
  now: number;
  /** Longest tokenName (the `maxTokenNameLength` option: the mock's bound, not Control-M's). */
  maxNameLength: number;
}

/**
 * Longest expirationDate kept under `expiration-date-not-validated`, which stores what it
 * is sent: the mock's bound, so the defect cannot grow the store by a megabyte a token.
 */
const MAX_UNCHECKED_DATE = 64;

/** `item` names the field at fault (ErrorData.item: optional, wire notes §1.3). */
function refuse(message: string, item?: string, status: 400 | 403 = 400): { refusal: Refusal } {
  return { refusal: { status, message, item } };
}

function isRoleList(roles: unknown): roles is string[] {
  if (!Array.isArray(roles)) return false;
  // Stryker disable next-line MethodExpression,ConditionalExpression,LogicalOperator,StringLiteral: a role that is no name (blank, not a string) is refused either way, as malformed (400) or as one the user does not hold (403, which CTM-A-06 accepts); the mutants that refuse real role names fail every create.
  return roles.every((r) => typeof r === "string" && r.trim() !== "");
}

/** Checks `expirationDate` (CTM-A-07): undefined for never, the date, or a refusal. */
function expiryOf(expirationDate: unknown, rules: RequestRules): { expiry: string | undefined } | { refusal: Refusal } {
  // null is how a never-expiring token reads back on GET, so a get-then-update round trip keeps it.
  // Stryker disable next-line ObjectLiteral: an absent expiry reads as undefined too.
  if (expirationDate === undefined || expirationDate === null) return { expiry: undefined };
  // Stryker disable all: only the expiration-date-not-validated defect stores a date unchecked (forced true, past dates pass, which CTM-A-07 catches), within the mock's bound.
  if (!rules.checkDates) {
    const text = String(expirationDate);
    return text.length > MAX_UNCHECKED_DATE ? refuse(rules.texts.badDate, "expirationDate") : { expiry: text };
  }
  // Stryker restore all
  const start = typeof expirationDate === "string" ? utcDayStart(expirationDate) : undefined;
  // Stryker disable next-line ConditionalExpression,StringLiteral: forced false, a date that is none fails the future check below, 400 either way with other words (forced true, every date is refused: caught); ErrorData.item is optional.
  if (start === undefined) return refuse(rules.texts.badDate, "expirationDate");
  // Stryker disable next-line StringLiteral: ErrorData.item is optional and its values documented nowhere.
  if (!isFutureDay(start, rules.now)) return refuse(rules.texts.dateNotFuture, "expirationDate");
  return { expiry: expirationDate as string };
}

/** Checks a token body the way the Authentication service documents it (CTM-A-05, -06, -07, -10). */
export function parseTokenRequest(body: Record<string, unknown>, rules: RequestRules): { request: TokenRequest } | { refusal: Refusal } {
  const { tokenName, tokenType, roles, expirationDate, newTokenName } = body;
  const { texts } = rules;
  // Stryker disable next-line MethodExpression: whether a name of blanks alone is refused or kept as given is documented nowhere.
  const named = typeof tokenName === "string" && tokenName.trim() !== "";
  // Stryker disable next-line StringLiteral: ErrorData.item is optional and its values documented nowhere.
  if (!named) return refuse(texts.tokenNameRequired, "tokenName");
  // A 900 KB name was once stored 700 times (817 MB): names are bounded like any stored field.
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: the mock's own bound (256 by default) on a name no document limits; no suite sends one that long.
  if (tokenName.length > rules.maxNameLength) return refuse(texts.nameTooLong("tokenName", rules.maxNameLength), "tokenName");
  // Agent tokens (no user, no roles) are a different flow this mock does not serve.
  // Stryker disable next-line all: the mock's own limit, not Control-M's (a real server serves agent tokens); no suite sends a tokenType.
  if (tokenType !== undefined && tokenType !== null && (typeof tokenType !== "string" || tokenType.toLowerCase() !== "user")) {
    // Stryker disable next-line all: as above.
    return refuse(texts.tokenTypeUnsupported(String(tokenType)), "tokenType");
  }
  if (rules.everyField && (!("roles" in body) || !("expirationDate" in body))) return refuse(texts.updateNeedsEveryField);
  // Stryker disable next-line ArrayDeclaration: roles that are no list are refused just below; only the roles-optional defect goes on with them.
  const wanted = isRoleList(roles) ? roles : [];
  // Stryker disable next-line StringLiteral: ErrorData.item is optional and its values documented nowhere.
  if (rules.requireRoles && (!isRoleList(roles) || roles.length === 0)) return refuse(texts.rolesRequired, "roles");
  // Stryker disable next-line ConditionalExpression: forced true, roles are checked where only the roles-not-checked defect skips them (forced false, an escalation passes, which CTM-A-06 catches).
  if (rules.checkRoles) {
    const missing = wanted.find((role) => !rules.heldRoles.includes(role));
    // 403, not 400: the request is well formed, the caller lacks the membership it asks to delegate.
    if (missing !== undefined) return refuse(texts.notInRole(rules.user, missing), missing, 403);
  }
  const expiry = expiryOf(expirationDate, rules);
  if ("refusal" in expiry) return expiry;
  const request: TokenRequest = { name: tokenName, roles: [...new Set(wanted)], expirationDate: expiry.expiry };
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: newTokenName is not in the spec; every mutant makes an update ignore it (200, the name kept) or refuse it (400), the two answers the suites accept.
  if (newTokenName !== undefined && newTokenName !== tokenName) request.newName = newTokenName;
  return { request };
}
