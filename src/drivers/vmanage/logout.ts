import type { DriverContext, Session, StepResult, VendorDriver } from "../types.ts";

/** Releases before 20.12 log out with GET (catalystwan, sastre); 20.12 and later with POST. */
function beforeTwentyTwelve(version: string | undefined): boolean {
  const [major, minor] = (version ?? "").split(".").map(Number);
  if (major === undefined || minor === undefined || Number.isNaN(major) || Number.isNaN(minor)) return false;
  return major < 20 || (major === 20 && minor < 12);
}

/** The step's `with: { method }`, else the target's `options.logoutMethod`, else by release. */
export function logoutMethod(ctx: DriverContext, session: Session, args: Record<string, unknown>): "GET" | "POST" {
  const chosen = String(args.method ?? ctx.target.options.logoutMethod ?? "").toUpperCase();
  if (chosen === "GET" || chosen === "POST") return chosen;
  return beforeTwentyTwelve(session.state.version) ? "GET" : "POST";
}

/**
 * `POST /logout?nocache=<n>`: success is the 302 to welcome.html itself, so the redirect
 * is never followed (the transport does not unless asked).
 */
export async function logout(driver: VendorDriver, ctx: DriverContext, session: Session, args: Record<string, unknown>): Promise<StepResult> {
  const method = logoutMethod(ctx, session, args);
  const request = driver.authorize(ctx, session, { method, url: ctx.url("/logout", { nocache: String(ctx.now()) }), headers: {} });
  return { exchange: await ctx.send(request, { label: "logout", session }) };
}
