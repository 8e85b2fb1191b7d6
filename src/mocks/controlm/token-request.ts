import { isFutureDay, utcDayStart } from "./token-dates.ts";

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
  /** false under the `roles-not-checked` defect. */
  checkRoles: boolean;
  now: number;
}

const refuse = (message: string, item?: string, status: 400 | 403 = 400): { refusal: Refusal } => ({
  refusal: item === undefined ? { status, message } : { status, message, item },
});

/** Checks a token body the way the Authentication service documents it (CTM-A-05, -06, -07, -10). */
export function parseTokenRequest(body: Record<string, unknown>, rules: RequestRules): { request: TokenRequest } | { refusal: Refusal } {
  const { tokenName, tokenType, roles, expirationDate, newTokenName } = body;
  if (typeof tokenName !== "string" || tokenName.trim() === "") return refuse("tokenName is required", "tokenName");
  // Agent tokens (no user, no roles) are a different flow this mock does not serve.
  if (tokenType !== undefined && tokenType !== null && (typeof tokenType !== "string" || tokenType.toLowerCase() !== "user")) {
    return refuse(`Token type ${String(tokenType)} is not supported; use User`, "tokenType");
  }
  if (rules.mode === "update" && (!("roles" in body) || !("expirationDate" in body))) {
    return refuse("All token fields must be given on update: tokenName, roles, expirationDate");
  }
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => typeof r === "string" && r.trim() !== "")) {
    return refuse("At least one role is required", "roles");
  }
  const wanted = roles as string[];
  if (rules.checkRoles) {
    const missing = wanted.find((role) => !rules.heldRoles.includes(role));
    // 403, not 400: the request is well formed, the caller lacks the membership it asks to delegate.
    if (missing !== undefined) return refuse(`User ${rules.user} is not a member of role ${missing}`, missing, 403);
  }
  // null is how a never-expiring token reads back on GET, so a get-then-update round trip keeps it.
  let expiry: string | undefined;
  if (expirationDate !== undefined && expirationDate !== null) {
    const start = typeof expirationDate === "string" ? utcDayStart(expirationDate) : undefined;
    if (typeof expirationDate !== "string" || start === undefined) {
      return refuse("expirationDate must be a real date in YYYY-MM-DD format", "expirationDate");
    }
    if (!isFutureDay(start, rules.now)) return refuse("expirationDate must be a future date (UTC)", "expirationDate");
    expiry = expirationDate;
  }
  const request: TokenRequest = { name: tokenName, roles: [...new Set(wanted)], expirationDate: expiry };
  if (newTokenName !== undefined && newTokenName !== tokenName) {
    if (typeof newTokenName !== "string" || newTokenName.trim() === "") return refuse("newTokenName must be a non-empty string", "newTokenName");
    request.newName = newTokenName;
  }
  return { request };
}
