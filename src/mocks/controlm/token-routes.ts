import type { Context, Hono } from "hono";
import { annotationRefusal } from "./annotation.ts";
import { type ApiToken, type ApiTokenStore, tokenResponse } from "./api-tokens.ts";
import { errorList, readJsonObject } from "./errors.ts";
import { authenticate, type Principal, unauthorized } from "./session-routes.ts";
import { SEEDED_API_TOKEN, type ControlmState } from "./state.ts";
import { parseTokenRequest } from "./token-request.ts";

/** The Authentication service (wire notes §1.4): API tokens of the logged-in user. */
export function tokenRoutes(app: Hono, state: ControlmState, tokens: ApiTokenStore): void {
  const { context, settings, texts } = state;
  const caller = (c: Context) => authenticate(c, state, (key) => tokens.userFor(key));
  const heldRoles = (p: Principal) =>
    (state.user(p.username)?.roles ?? "")
      .split(",")
      .map((r) => r.trim())
      .filter(Boolean);
  const shown = (token: ApiToken) => tokenResponse(token, { reveal: false, settings });

  /** Auth (CTM-A-01), then annotation (CTM-A-13), then the checked body. */
  async function checkedRequest(c: Context, principal: Principal | undefined, mode: "create" | "update") {
    if (!principal) return unauthorized(c, state);
    const refusal = annotationRefusal(c, state);
    if (refusal) return refusal;
    const body = await readJsonObject(c, state);
    if (body instanceof Response) return body;
    const rules = {
      mode,
      user: principal.username,
      heldRoles: heldRoles(principal),
      texts,
      checkRoles: !context.defect("roles-not-checked"),
      requireRoles: !context.defect("roles-optional"),
      checkDates: !context.defect("expiration-date-not-validated"),
      now: context.clock.now(),
      maxNameLength: settings.maxTokenNameLength,
    };
    const parsed = parseTokenRequest(body, rules);
    if ("refusal" in parsed) return errorList(c, parsed.refusal.status, parsed.refusal.message, parsed.refusal.item);
    return { principal, request: parsed.request };
  }

  app.post("/authentication/token", async (c) => {
    const checked = await checkedRequest(c, caller(c), "create");
    if (checked instanceof Response) return checked;
    const { principal, request } = checked;
    const holder = tokens.holderOf(request.name, principal.username, settings.tokenNameScope);
    // 400: the spec lists no 409 for create_token (it does for update_token).
    if (holder && !context.defect("duplicate-names-allowed")) {
      if (context.defect("duplicate-create-overwrites")) tokens.overwrite(holder, request);
      return errorList(c, 400, texts.nameTaken(request.name), "tokenName");
    }
    // The mock's bound (`maxTokensPerUser`), answered as Control-M answers a request it refuses: 400 ErrorList.
    if (tokens.list(principal.username).length >= settings.maxTokensPerUser)
      return errorList(c, 400, texts.tooManyTokens(principal.username, settings.maxTokensPerUser), "tokenName");
    const token = tokens.create(principal.username, request);
    return c.json(tokenResponse(token, { reveal: true, settings, omitValue: context.defect("create-omits-value") }));
  });

  app.put("/authentication/token", async (c) => {
    const checked = await checkedRequest(c, caller(c), "update");
    if (checked instanceof Response) return checked;
    const { principal, request } = checked;
    // The body's tokenName names the token to update, so it cannot carry a rename; `newTokenName` tries to.
    const token = tokens.owned(principal.username, request.name);
    if (!token) return errorList(c, 404, texts.tokenNotFound(request.name), "tokenName");
    const rename = context.defect("update-renames");
    if (request.newName !== undefined) {
      if (!rename) return errorList(c, 400, texts.nameCannotChange, "newTokenName");
      if (tokens.holderOf(request.newName, principal.username, settings.tokenNameScope))
        return errorList(c, 409, texts.nameTaken(request.newName), "newTokenName");
    }
    // `update-applies-to-all-user-tokens` (CTM-A-10): the update matches the user's tokens, not the one named.
    if (context.defect("update-applies-to-all-user-tokens"))
      for (const sibling of tokens.siblingsOf(token)) tokens.update(sibling, request, false);
    return c.json(shown(tokens.update(token, request, rename)));
  });

  app.get("/authentication/token/:name", (c) => {
    const principal = caller(c);
    if (!principal) return unauthorized(c, state);
    const token = tokens.owned(principal.username, c.req.param("name"));
    return token ? c.json(shown(token)) : errorList(c, 404, texts.tokenNotFound(c.req.param("name")));
  });

  app.get("/authentication/tokens", (c) => {
    // `token-list-without-auth` (CTM-A-01): an anonymous caller is served the seeded user's list.
    const principal = caller(c) ?? (context.defect("token-list-without-auth") ? { username: SEEDED_API_TOKEN.user } : undefined);
    if (!principal) return unauthorized(c, state);
    const owner = context.defect("list-shows-all-users") ? undefined : principal.username;
    const listed = tokens.listed(owner).map(shown);
    return c.json(settings.tokenList === "bare" ? listed : { tokens: listed });
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
    return c.json({ message: texts.tokenDeleted(name) });
  });
}
