import type { DriverContext, Session, StepResult, VendorDriver } from "../types.ts";

/** The step's `with: { method }`, else the target's logoutMethod: GET only where the release serves nothing else. */
export function logoutMethod(ctx: DriverContext, args: Record<string, unknown>): "GET" | "POST" {
  const chosen = String(args.method ?? "").toUpperCase();
  if (chosen === "GET" || chosen === "POST") return chosen;
  return ctx.target.options.logoutMethod === "get" ? "GET" : "POST";
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
  const bare = { method, url: ctx.url("/logout", { nocache: String(ctx.now()) }), headers: {} };
  const request = args.xsrfToken === false ? bare : driver.authorize(ctx, session, bare);
  return { exchange: await ctx.send(request, { label: "logout", session }) };
}
