import type { DriverContext, Session, VendorDriver, Verdict } from "../drivers/types.ts";
import type { Exchange } from "../http/exchange.ts";

/** Asks the server whether a session is alive, the vendor's way: the driver's own probe, else its probe call. */
export async function probeSession(driver: VendorDriver, ctx: DriverContext, session: Session): Promise<{ verdict: Verdict; exchange: Exchange }> {
  if (driver.probe) return driver.probe(ctx, session);
  const spec = driver.calls[driver.probeCall];
  if (!spec) throw new Error(`driver ${driver.id} names probe call ${driver.probeCall}, which it does not define`);
  // Same request and label as the engine's own fallback (step-runners.ts), so records do not depend on which path ran.
  const exchange = await ctx.send(driver.authorize(ctx, session, spec.build(ctx, {})), { label: `use ${driver.probeCall}`, session });
  return { verdict: driver.classify(exchange), exchange };
}

/**
 * The driver with a probe that reports every exchange it makes: the record can then
 * tell the engine's "is this session alive?" questions (after `session:` checks and
 * keep-alives) from the step's own traffic, by identity rather than by guessing.
 */
export function probingDriver(driver: VendorDriver, seen: (exchange: Exchange, verdict: Verdict) => void): VendorDriver {
  return {
    ...driver,
    async probe(ctx, session) {
      const result = await probeSession(driver, ctx, session);
      seen(result.exchange, result.verdict);
      return result;
    },
  };
}
