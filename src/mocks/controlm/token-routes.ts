import type { Context, Hono } from "hono";
import { annotationRefusal } from "./annotation.ts";
import { type ApiTokenStore, tokenResponse } from "./api-tokens.ts";
import { errorList, readJsonObject } from "./errors.ts";
import { authenticate, type Principal, unauthorized } from "./session-routes.ts";
import type { ControlmState } from "./state.ts";
import { parseTokenRequest } from "./token-request.ts";

/** The Authentication service (wire notes §1.4): API tokens of the logged-in user. */
export function tokenRoutes(app: Hono, state: ControlmState, tokens: ApiTokenStore): void {
  const { context } = state;
  const caller = (c: Context) => authenticate(c, state, (key) => tokens.userFor(key));
  const heldRoles = (p: Principal) => (state.user(p.username)?.roles ?? "").split(",").map((r) => r.trim()).filter(Boolean);

  /** Auth (CTM-A-01), then annotation (CTM-A-13), then the checked body. */
  async function checkedRequest(c: Context, principal: Principal | undefined, mode: "create" | "update") {
    if (!principal) return unauthorized(c);
    const refusal = annotationRefusal(c, context);
    if (refusal) return refusal;
    const body = await readJsonObject(c);
    if (body instanceof Response) return body;
    const rules = { mode, user: principal.username, heldRoles: heldRoles(principal), checkRoles: !context.defect("roles-not-checked"), now: context.clock.now() };
    const parsed = parseTokenRequest(body, rules);
    if ("refusal" in parsed) return errorList(c, parsed.refusal.status, parsed.refusal.message, parsed.refusal.item);
    return { principal, request: parsed.request };
  }

  app.post("/authentication/token", async (c) => {
    const checked = await checkedRequest(c, caller(c), "create");
    if (checked instanceof Response) return checked;
    const { principal, request } = checked;
    // 400: the spec lists no 409 for create_token (it does for update_token).
    if (tokens.nameTaken(request.name) && !context.defect("duplicate-names-allowed")) {
      return errorList(c, 400, `Token name ${request.name} already exists`, "tokenName");
    }
    return c.json(tokenResponse(tokens.create(principal.username, request), true));
  });

  app.put("/authentication/token", async (c) => {
    const checked = await checkedRequest(c, caller(c), "update");
    if (checked instanceof Response) return checked;
    const { principal, request } = checked;
    // The body's tokenName names the token to update, so it cannot carry a rename; `newTokenName` tries to.
    const token = tokens.owned(principal.username, request.name);
    if (!token) return errorList(c, 404, `Token ${request.name} not found`, "tokenName");
    const rename = context.defect("update-renames");
    if (request.newName !== undefined) {
      if (!rename) return errorList(c, 400, "The token name cannot be changed", "newTokenName");
      if (tokens.nameTaken(request.newName)) return errorList(c, 409, `Token name ${request.newName} already exists`, "newTokenName");
    }
    return c.json(tokenResponse(tokens.update(token, request, rename), false));
  });

  app.get("/authentication/token/:name", (c) => {
    const principal = caller(c);
    if (!principal) return unauthorized(c);
    const token = tokens.owned(principal.username, c.req.param("name"));
    return token ? c.json(tokenResponse(token, false)) : errorList(c, 404, `Token ${c.req.param("name")} not found`);
  });

  app.get("/authentication/tokens", (c) => {
    const principal = caller(c);
    if (!principal) return unauthorized(c);
    const owner = context.defect("list-shows-all-users") ? undefined : principal.username;
    return c.json({ tokens: tokens.list(owner).map((t) => tokenResponse(t, false)) });
  });

  app.delete("/authentication/token/:name", (c) => {
    const principal = caller(c);
    if (!principal) return unauthorized(c);
    const refusal = annotationRefusal(c, context);
    if (refusal) return refusal;
    const name = c.req.param("name");
    const token = tokens.owned(principal.username, name);
    if (!token) return errorList(c, 404, `Token ${name} not found`);
    tokens.remove(token);
    return c.json({ message: `Token ${name} deleted successfully` });
  });
}
