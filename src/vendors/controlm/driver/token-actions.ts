import type { Exchange } from "../../../http/exchange.ts";
import type { ActionSpec, DriverContext, Session } from "../../../vendor-api/driver.ts";
import { annotationHeaders, tokenPath, tokenRequest, trackCreated, untrack } from "./token-ledger.ts";

/**
 * Authentication-service actions (API tokens, wire notes §1.4). The step's session
 * (`as`) is the credential: a password login (Bearer) or an API-key session
 * (`login: {}` with `with: { apiKey: … }`). Every `with` key goes to the body as
 * written — leave a field out to send it missing, write `null` to send null — except:
 *   auth: none        send no credential (CTM-A-01); a token created anyway is still
 *                     recorded on the step's session, so teardown deletes it
 *   annotation: none | { subject, description }   annotation headers (CTM-A-13)
 * get-token / delete-token take `tokenName` for the path; other keys become the query.
 */
type Args = Record<string, unknown>;

function split(args: Args): { body: Args; auth: unknown; annotation: unknown } {
  const { auth, annotation, ...body } = args;
  if (auth !== undefined && auth !== "none" && auth !== "session")
    throw new Error(`auth must be none or session, not ${JSON.stringify(auth)}`);
  return { body, auth, annotation };
}

function field(exchange: Exchange, name: string): unknown {
  const parsed = exchange.response.parsed;
  return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Args)[name] : undefined;
}

const ok = (exchange: Exchange) => exchange.response.status >= 200 && exchange.response.status < 300;

/**
 * A token value is a credential: registered the moment it is read, unless it is a mask.
 * A list may be `{tokens: […]}` or a bare array (wire notes §1.4: UNVERIFIED).
 */
function registerValue(ctx: DriverContext, exchange: Exchange): void {
  const parsed = exchange.response.parsed;
  const wrapped = field(exchange, "tokens");
  const items: unknown[] = Array.isArray(parsed) ? parsed : Array.isArray(wrapped) ? wrapped : [parsed];
  for (const item of items) {
    const value = item && typeof item === "object" ? (item as Args).tokenValue : undefined;
    if (typeof value === "string" && !/^\*+$/.test(value)) ctx.secret(value, "api-token");
  }
}

function stringQuery(rest: Args): Record<string, string> {
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
}

async function send(
  ctx: DriverContext,
  session: Session | undefined,
  label: string,
  spec: { method: string; path: string; body?: Args; query?: Args; auth: unknown; annotation?: unknown },
): Promise<Exchange> {
  const request = tokenRequest(ctx, spec.auth === "none" ? undefined : session, spec.method, spec.path, spec.body);
  if (spec.query && Object.keys(spec.query).length) request.url = ctx.url(spec.path, stringQuery(spec.query));
  if (spec.annotation !== false)
    Object.assign(request.headers, annotationHeaders(ctx, spec.annotation, `sessionprobe conformance: ${label}`));
  const exchange = await ctx.send(request, session ? { label, session } : { label });
  // Every answer may carry token values (create, update, get, list): registered before anything shows them.
  registerValue(ctx, exchange);
  return exchange;
}

function nameOf(args: Args): string {
  const { tokenName } = args;
  if (typeof tokenName !== "string" || tokenName === "") throw new Error("this action needs with: { tokenName: <name> }");
  return tokenName;
}

export const tokenActions: Record<string, ActionSpec> = {
  "create-token": {
    description: "POST /authentication/token {tokenName, roles, expirationDate?…}; the token is deleted at logout/teardown",
    needsSession: true,
    async run(ctx, session, args) {
      const { body, auth, annotation } = split(args);
      const exchange = await send(ctx, session, "create token", { method: "POST", path: "/authentication/token", body, auth, annotation });
      if (ok(exchange) && session) {
        const name = field(exchange, "tokenName") ?? body.tokenName;
        if (typeof name === "string") trackCreated(session, name);
      }
      return { exchange };
    },
  },
  "update-token": {
    description: "PUT /authentication/token {tokenName, roles, expirationDate} (all fields, name unchanged)",
    needsSession: true,
    async run(ctx, session, args) {
      const { body, auth, annotation } = split(args);
      const exchange = await send(ctx, session, "update token", { method: "PUT", path: "/authentication/token", body, auth, annotation });
      // A server that renames (it must not) would leave the old name to delete: follow the new one.
      const renamed = field(exchange, "tokenName");
      if (ok(exchange) && session && typeof body.tokenName === "string" && typeof renamed === "string" && renamed !== body.tokenName)
        untrack(session, body.tokenName, renamed);
      return { exchange };
    },
  },
  "get-token": {
    description: "GET /authentication/token/{tokenName}",
    needsSession: true,
    async run(ctx, session, args) {
      const { body, auth } = split(args);
      const { tokenName: _, ...query } = body;
      const exchange = await send(ctx, session, "get token", {
        method: "GET",
        path: tokenPath(nameOf(body)),
        query,
        auth,
        annotation: false,
      });
      return { exchange };
    },
  },
  "list-tokens": {
    description: "GET /authentication/tokens",
    needsSession: true,
    async run(ctx, session, args) {
      const { body: query, auth } = split(args);
      const exchange = await send(ctx, session, "list tokens", {
        method: "GET",
        path: "/authentication/tokens",
        query,
        auth,
        annotation: false,
      });
      return { exchange };
    },
  },
  "delete-token": {
    description: "DELETE /authentication/token/{tokenName}",
    needsSession: true,
    async run(ctx, session, args) {
      const { body, auth, annotation } = split(args);
      const { tokenName: _, ...query } = body;
      const name = nameOf(body);
      const exchange = await send(ctx, session, "delete token", { method: "DELETE", path: tokenPath(name), query, auth, annotation });
      if (session && (ok(exchange) || exchange.response.status === 404)) untrack(session, name);
      return { exchange };
    },
  },
};
