import { openSessionCount } from "../targets/control-plane-client.ts";
import { Transport } from "../http/transport.ts";
import { systemClock } from "../time/clock.ts";
import type { ResolvedTarget } from "../targets/types.ts";

/**
 * Sessions still open on each target that has a control plane (a sessionprobe
 * mock started on its own), asked once at the end of the run, when no worker is
 * mid-scenario: the leak guard's proof on a shared server.
 */
export async function openSessionsAtEnd(targets: readonly ResolvedTarget[]): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  // All at once: the run's end waits for the slowest target, not for their sum.
  await Promise.all(
    targets
      .filter((t) => t.controlUrl)
      .map(async (target) => {
        const transport = new Transport({ tls: target.tls, proxy: target.proxy, timeoutMs: 5_000, clock: systemClock });
        try {
          const open = await openSessionCount(transport, target.controlUrl as string);
          if (open !== undefined) counts.set(target.name, open);
        } catch {
          // The count is evidence, not a verdict: an unreachable control plane is reported as unknown.
        } finally {
          await transport.close();
        }
      }),
  );
  // In the targets file's order, whichever answered first.
  return new Map(targets.flatMap((t) => (counts.has(t.name) ? [[t.name, counts.get(t.name) as number] as const] : [])));
}
