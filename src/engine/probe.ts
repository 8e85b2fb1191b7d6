import type { DriverContext, Session, VendorDriver, Verdict } from "../drivers/types.ts";
import type { Exchange } from "../http/exchange.ts";

/**
 * Is the session alive? Asked the vendor's way: the driver's own probe, else its
 * probe call, authorized with the session. The one implementation the engine, the
 * observation record and the timeout measurement all use.
 */
export async function probeSession(
  driver: VendorDriver,
  ctx: DriverContext,
  session: Session,
): Promise<{ verdict: Verdict; exchange: Exchange }> {
  if (driver.probe) return driver.probe(ctx, session);
  const spec = driver.calls[driver.probeCall];
  if (!spec) throw new Error(`driver ${driver.id} names probe call ${driver.probeCall}, which it does not define`);
  const exchange = await ctx.send(driver.authorize(ctx, session, spec.build(ctx, {})), { label: `probe ${driver.probeCall}`, session });
  return { verdict: driver.classify(exchange), exchange };
}
