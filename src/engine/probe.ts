import type { DriverContext, Session, VendorDriver, Verdict } from "../vendor-api/driver.ts";
import type { Exchange } from "../http/exchange.ts";

/** What the driver's probe asks, as reports name it: the call, or the driver's own request. */
export function probeName(driver: VendorDriver): string {
  return "call" in driver.probe ? driver.probe.call : driver.probe.name;
}

/**
 * Is the session alive? Asked the vendor's way: the driver's probe call, authorized with
 * the session and classified, or the driver's own request. The one implementation the
 * engine, the observation record and the timeout measurement all use.
 */
export async function probeSession(
  driver: VendorDriver,
  ctx: DriverContext,
  session: Session,
): Promise<{ verdict: Verdict; exchange: Exchange }> {
  const probe = driver.probe;
  if (!("call" in probe)) return probe.run(ctx, session);
  const spec = Object.hasOwn(driver.calls, probe.call) ? driver.calls[probe.call] : undefined;
  if (!spec) throw new Error(`driver ${driver.id} names probe call ${probe.call}, which it does not define`);
  const exchange = await ctx.send(driver.authorize(ctx, session, spec.build(ctx, {})), { label: `probe ${probe.call}`, session });
  return { verdict: driver.classify(exchange), exchange };
}
