import type { VendorDriver, Verdict } from "../vendor-api/driver.ts";
import { probeName, probeSession } from "../engine/probe.ts";
import type { Exchange } from "../http/exchange.ts";

/**
 * The driver with a probe that reports every exchange it makes: the record can then
 * tell the engine's "is this session alive?" questions (after `session:` checks and
 * keep-alives) from the step's own traffic, by identity rather than by guessing.
 */
export function probingDriver(driver: VendorDriver, seen: (exchange: Exchange, verdict: Verdict) => void): VendorDriver {
  return {
    ...driver,
    probe: {
      name: probeName(driver),
      async run(ctx, session) {
        const result = await probeSession(driver, ctx, session);
        seen(result.exchange, result.verdict);
        return result;
      },
    },
    // Each credential carrier's question is a probe too.
    ...(driver.carriers
      ? {
          carriers: (session) =>
            (driver.carriers?.(session) ?? []).map((carrier) => ({
              ...carrier,
              async probe(ctx, s) {
                const result = await carrier.probe(ctx, s);
                seen(result.exchange, result.verdict);
                return result;
              },
            })),
        }
      : {}),
  };
}
