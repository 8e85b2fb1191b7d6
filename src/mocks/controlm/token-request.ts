import { isFutureDay, utcDayStart } from "./token-dates.ts";
import type { ControlmTexts } from "./texts.ts";

/** A validated `TokenDataRequest` (wire notes §1.4). */
export interface TokenRequest {
  name: string;
  roles: string[];
  /** undefined = the token never expires (CTM-A-08). */
  expirationDate: string | undefined;
  /** A rename attempt on update (`newTokenName`, not in the spec): refused unless `update-renames` is on. */
  newName?: string;
}

export interface Refusal {
  status: 400 | 403;
  message: string;
  item?: string;
}

export interface RequestRules {
  /** Update needs every field present (CTM-A-10); create allows expirationDate to be left out. */
  mode: "create" | "update";
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
  /** Longest tokenName and newTokenName (the `maxTokenNameLength` option: the mock's bound, not Control-M's). */
  maxNameLength: number;
}

/**
 * Longest expirationDate kept under `expiration-date-not-validated`, which stores what it
 * is sent: the mock's bound, so the defect cannot grow the store by a megabyte a token.
 */
const MAX_UNCHECKED_DATE = 64;

const refuse = (message: string, item?: string, status: 400 | 403 = 400): { refusal: Refusal } => ({
  refusal: item === undefined ? { status, message } : { status, message, item },
});

const isRoleList = (roles: unknown): roles is string[] =>
  Array.isArray(roles) && roles.every((r) => typeof r === "string" && r.trim() !== "");

/** Checks `expirationDate` (CTM-A-07): undefined for never, the date, or a refusal. */
function expiryOf(expirationDate: unknown, rules: RequestRules): { expiry: string | undefined } | { refusal: Refusal } {
  // null is how a never-expiring token reads back on GET, so a get-then-update round trip keeps it.
  if (expirationDate === undefined || expirationDate === null) return { expiry: undefined };
  if (!rules.checkDates) {
    const text = String(expirationDate);
    return text.length > MAX_UNCHECKED_DATE ? refuse(rules.texts.badDate, "expirationDate") : { expiry: text };
  }
  const start = typeof expirationDate === "string" ? utcDayStart(expirationDate) : undefined;
  if (typeof expirationDate !== "string" || start === undefined) return refuse(rules.texts.badDate, "expirationDate");
  if (!isFutureDay(start, rules.now)) return refuse(rules.texts.dateNotFuture, "expirationDate");
  return { expiry: expirationDate };
}

/** Checks a token body the way the Authentication service documents it (CTM-A-05, -06, -07, -10). */
export function parseTokenRequest(body: Record<string, unknown>, rules: RequestRules): { request: TokenRequest } | { refusal: Refusal } {
  const { tokenName, tokenType, roles, expirationDate, newTokenName } = body;
  const { texts } = rules;
  if (typeof tokenName !== "string" || tokenName.trim() === "") return refuse(texts.tokenNameRequired, "tokenName");
  // A 900 KB name was once stored 700 times (817 MB): names are bounded like any stored field.
  if (tokenName.length > rules.maxNameLength) return refuse(texts.nameTooLong("tokenName", rules.maxNameLength), "tokenName");
  // Agent tokens (no user, no roles) are a different flow this mock does not serve.
  if (tokenType !== undefined && tokenType !== null && (typeof tokenType !== "string" || tokenType.toLowerCase() !== "user")) {
    return refuse(texts.tokenTypeUnsupported(String(tokenType)), "tokenType");
  }
  if (rules.mode === "update" && (!("roles" in body) || !("expirationDate" in body))) return refuse(texts.updateNeedsEveryField);
  const wanted = isRoleList(roles) ? roles : [];
  if (rules.requireRoles && (!isRoleList(roles) || roles.length === 0)) return refuse(texts.rolesRequired, "roles");
  if (rules.checkRoles) {
    const missing = wanted.find((role) => !rules.heldRoles.includes(role));
    // 403, not 400: the request is well formed, the caller lacks the membership it asks to delegate.
    if (missing !== undefined) return refuse(texts.notInRole(rules.user, missing), missing, 403);
  }
  const expiry = expiryOf(expirationDate, rules);
  if ("refusal" in expiry) return expiry;
  const request: TokenRequest = { name: tokenName, roles: [...new Set(wanted)], expirationDate: expiry.expiry };
  if (newTokenName !== undefined && newTokenName !== tokenName) {
    if (typeof newTokenName !== "string" || newTokenName.trim() === "") return refuse(texts.newNameEmpty, "newTokenName");
    if (newTokenName.length > rules.maxNameLength) return refuse(texts.nameTooLong("newTokenName", rules.maxNameLength), "newTokenName");
    request.newName = newTokenName;
  }
  return { request };
}
