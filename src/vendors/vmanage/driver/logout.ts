import type { Exchange } from "../../../http/exchange.ts";
import type { DriverContext, Session, StepResult, VendorDriver } from "../../../vendor-api/driver.ts";
import { isLoginPage } from "./wire.ts";

/** The step's `with: { method }`, else the target's logoutMethod: GET only where the release serves nothing else. */
export function logoutMethod(ctx: DriverContext, args: Record<string, unknown>): "GET" | "POST" {
  const chosen = String(args.method ?? "").toUpperCase();
  if (chosen === "GET" || chosen === "POST") return chosen;
  return ctx.target.options.logoutMethod === "get" ? "GET" : "POST";
}

/**
 * The token of a session logged in with the form alone (`formOnly`), read before its POST
 * logout: whether 20.12+ refuses that logout without the token is UNCERTAIN (wire notes §1.5).
 */
async function readMissingToken(ctx: DriverContext, session: Session): Promise<Exchange | undefined> {
  if (session.state.xsrf !== undefined || ctx.target.options.xsrfToken === "absent") return undefined;
  const exchange = await ctx.send(
    { method: "GET", url: ctx.url("/dataservice/client/token"), headers: {} },
    { label: "xsrf token", session },
  );
  const token = exchange.response.text.trim();
  // A session already gone answers the login page: nothing to carry, and nothing left to end.
  if (exchange.response.status === 200 && token !== "" && !isLoginPage(exchange)) {
    ctx.secret(token, "xsrf token");
    session.state.xsrf = token;
  }
  return exchange;
}

/**
 * `POST /logout?nocache=<n>`: success is the 302 to welcome.html itself, so the redirect
 * is never followed (the transport does not unless asked). `with: { xsrfToken: false }`
 * sends the cookie alone (whether 20.12+ requires the token is UNCERTAIN).
 */
export async function logout(
  driver: VendorDriver,
  ctx: DriverContext,
  session: Session,
  args: Record<string, unknown>,
): Promise<StepResult> {
  const method = logoutMethod(ctx, args);
  const withToken = args.xsrfToken !== false;
  const tokenRead = withToken && method === "POST" ? await readMissingToken(ctx, session) : undefined;
  const bare = { method, url: ctx.url("/logout", { nocache: String(ctx.now()) }), headers: {} };
  const request = withToken ? driver.authorize(ctx, session, bare) : bare;
  const exchange = await ctx.send(request, { label: "logout", session });
  return tokenRead ? { exchange, related: [tokenRead] } : { exchange };
}
