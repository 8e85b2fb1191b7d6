import type { TimeControl } from "../../engine/time.ts";
import type { Transport } from "../../http/transport.ts";
import { findTimeout, type SearchResult } from "./bisect.ts";
import type { SessionOps } from "./session-ops.ts";

export interface MockClockEnv {
  controlUrl: string;
  transport: Transport;
  /** A VirtualTime on the same control plane: `start()` re-reads the clock after each reset. */
  time: TimeControl & { start(): Promise<void> };
  ops: SessionOps;
}

/**
 * Bisection on a mock's virtual clock: each experiment resets the mock (sessions and
 * clock), logs in, lets `age` pass — probing every `keepAliveMs` when measuring the
 * absolute timeout, so idleness cannot end the session first — and probes once more.
 * Time costs nothing here, so only the number of requests counts.
 */
export async function bisectOnMock(
  env: MockClockEnv,
  options: { guessMs?: number | undefined; boundMs: number; resolutionMs: number; keepAliveMs?: number | undefined },
): Promise<SearchResult> {
  const { ops, time } = env;
  const reset = async () => {
    const exchange = await env.transport.send({ method: "POST", url: `${env.controlUrl}/reset`, headers: {} }, "reset");
    if (exchange.response.status !== 200) throw new Error(`the mock control plane refused the reset (status ${exchange.response.status})`);
    await time.start();
  };
  const dead = async (age: number): Promise<boolean> => {
    await reset();
    const session = await ops.open();
    let elapsed = 0;
    const every = options.keepAliveMs;
    if (every !== undefined && every > 0) {
      while (age - elapsed > every) {
        await time.pass(every, () => {});
        elapsed += every;
        // Dead before `age` means dead at `age` too: expiry never reverses.
        if (!(await ops.alive(session))) return true;
      }
    }
    await time.pass(age - elapsed, () => {});
    return !(await ops.alive(session));
  };
  try {
    return await findTimeout(dead, options);
  } finally {
    // Leave the mock as a scenario expects to find it: no sessions, clock back at its start.
    await reset();
  }
}
