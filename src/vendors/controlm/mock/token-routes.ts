import type { Context, Hono } from "hono";
import { annotationRefusal } from "./annotation.ts";
import { type ApiToken, type ApiTokenStore, createdTokenResponse, readTokenResponse } from "./api-tokens.ts";
import { errorList, readJsonObject } from "./errors.ts";
import { authenticate, type Principal, unauthorized } from "./session-routes.ts";
import { SEEDED_API_TOKEN, type ControlmState } from "./state.ts";
import { parseTokenRequest } from "./token-request.ts";
import { jacksonJson } from "./jackson.ts";

/** The Authentication service (wire notes §1.4): API tokens of the logged-in user. */
export function tokenRoutes(app: Hono, state: ControlmState, tokens: ApiTokenStore): void {
  const { context, settings, texts } = state;
  const caller = (c: Context) => authenticate(c, state, (key) => tokens.userFor(key));
  // Stryker disable next-line OptionalChaining,ArrayDeclaration: every caller is a seeded user (an API token's owner is one too).
  const heldRoles = (p: Principal) => state.user(p.username)?.roles.split(",") ?? [];
  const shown = (token: ApiToken) => readTokenResponse(token, settings);

  /** Auth (CTM-A-01), then annotation (CTM-A-13), then the checked body. */
  async function checkedRequest(c: Context, principal: Principal | undefined, everyField: boolean) {
    if (!principal) return unauthorized(c, state);
    const refusal = annotationRefusal(c, state);
    if (refusal) return refusal;
    const read = await readJsonObject(c, state);
    if ("refusal" in read) return read.refusal;
    const rules = {
      everyField,
      user: principal.username,
      heldRoles: heldRoles(principal),
      texts,
      checkRoles: !context.defect("roles-not-checked"),
      requireRoles: !context.defect("roles-optional"),
      checkDates: !context.defect("expiration-date-not-validated"),
      now: context.clock.now(),
      maxNameLength: settings.maxTokenNameLength,
    };
    const parsed = parseTokenRequest(read.body, rules);
    if ("refusal" in parsed) return errorList(c, parsed.refusal.status, parsed.refusal.message, parsed.refusal.item);
    return { principal, request: parsed.request };
  }

  app.post("/authentication/token", async (c) => {
    const checked = await checkedRequest(c, caller(c), false);
    if (checked instanceof Response) return checked;
    const { principal, request } = checked;
    const holder = tokens.holderOf(request.name, principal.username, settings.tokenNameScope);
    // 400: the spec lists no 409 for create_token (it does for update_token).
    if (holder && !context.defect("duplicate-names-allowed")) {
      if (context.defect("duplicate-create-overwrites")) tokens.overwrite(holder, request);
      return errorList(c, 400, texts.nameTaken(request.name), "tokenName");
    }
    // The mock's bound (`maxTokensPerUser`), answered as Control-M answers a request it refuses: 400 ErrorList.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: the mock's own bound (1000 tokens a user by default), not Control-M's: no suite holds that many.
    if (tokens.list(principal.username).length >= settings.maxTokensPerUser)
      return errorList(c, 400, texts.tooManyTokens(principal.username, settings.maxTokensPerUser), "tokenName");
    const created = createdTokenResponse(tokens.create(principal.username, request), settings);
    // `create-omits-value` (CTM-A-02): the token is made, its value never shown.
    const { tokenValue: _value, ...withoutValue } = created;
    return jacksonJson(c, context.defect("create-omits-value") ? withoutValue : created);
  });

  app.put("/authentication/token", async (c) => {
    const checked = await checkedRequest(c, caller(c), true);
    if (checked instanceof Response) return checked;
    const { principal, request } = checked;
    // The body's tokenName names the token to update, so it cannot carry a rename; `newTokenName` tries to.
    const token = tokens.owned(principal.username, request.name);
    if (!token) return errorList(c, 404, texts.tokenNotFound(request.name), "tokenName");
    // Stryker disable next-line ConditionalExpression,BlockStatement: forced false or emptied, the rename is ignored (200, the name kept), an answer the suites accept (forced true, every update is refused: caught).
    if (request.newName !== undefined) {
      if (!context.defect("update-renames")) return errorList(c, 400, texts.nameCannotChange, "newTokenName");
      // Stryker disable all: only the update-renames defect gets here.
      const newName = request.newName;
      if (typeof newName !== "string" || newName.trim() === "") return errorList(c, 400, texts.newNameEmpty, "newTokenName");
      if (newName.length > settings.maxTokenNameLength)
        return errorList(c, 400, texts.nameTooLong("newTokenName", settings.maxTokenNameLength), "newTokenName");
      if (tokens.holderOf(newName, principal.username, settings.tokenNameScope))
        return errorList(c, 409, texts.nameTaken(newName), "newTokenName");
      token.name = newName;
    }
    // Stryker restore all
    // `update-applies-to-all-user-tokens` (CTM-A-10): the update matches the user's tokens, not the one named.
    // Stryker disable next-line BlockStatement: only the update-applies-to-all-user-tokens defect enters.
    if (context.defect("update-applies-to-all-user-tokens")) {
      // Stryker disable next-line all: only that defect reaches the user's other tokens.
      for (const sibling of tokens.siblingsOf(token)) tokens.update(sibling, request);
    }
    return jacksonJson(c, shown(tokens.update(token, request)));
  });

  app.get("/authentication/token/:name", (c) => {
    const principal = caller(c);
    if (!principal) return unauthorized(c, state);
    const token = tokens.owned(principal.username, c.req.param("name"));
    return token ? jacksonJson(c, shown(token)) : errorList(c, 404, texts.tokenNotFound(c.req.param("name")));
  });

  app.get("/authentication/tokens", (c) => {
    // `token-list-without-auth` (CTM-A-01): an anonymous caller is served the seeded user's list.
    // Stryker disable next-line ObjectLiteral: only that defect serves an anonymous caller.
    const principal = caller(c) ?? (context.defect("token-list-without-auth") ? { username: SEEDED_API_TOKEN.user } : undefined);
    if (!principal) return unauthorized(c, state);
    // `list-shows-all-users` (CTM-A-12): every user's tokens.
    const listed = (context.defect("list-shows-all-users") ? tokens.everyone() : tokens.listed(principal.username)).map(shown);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: {tokens: […]} and a bare array are both legal (variants token-list-wrapped and -bare).
    return jacksonJson(c, settings.tokenList === "bare" ? listed : { tokens: listed });
  });

  app.delete("/authentication/token/:name", (c) => {
    const principal = caller(c);
    if (!principal) return unauthorized(c, state);
    const refusal = annotationRefusal(c, state);
    if (refusal) return refusal;
    const name = c.req.param("name");
    // `delete-ignores-owner` (CTM-A-11): the token is looked up by name alone, so another user's goes too.
    const token = context.defect("delete-ignores-owner") ? tokens.anyNamed(name) : tokens.owned(principal.username, name);
    if (!token) return errorList(c, 404, texts.tokenNotFound(name));
    const doomed = context.defect("delete-removes-name-prefix") ? tokens.prefixedBy(token.user, name) : [token];
    for (const gone of doomed) tokens.remove(gone);
    return jacksonJson(c, { message: texts.tokenDeleted(name) });
  });
}
