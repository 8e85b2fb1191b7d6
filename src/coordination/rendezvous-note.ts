/**
 * What a scenario that waits in real time notes after the rendezvous before its wait (fixtures/real-target-guards.ts):
 * how many of the target's waiting scenarios were ready, after how long. Written and read here only: the summary
 * takes the time out of a scenario's learned cost (src/coordination/timings.ts), the bench out of its own duration.
 */
export const RENDEZVOUS_ANNOTATION = "real-wait-rendezvous";

export function rendezvousNote(met: { arrived: number; of: number; waitedMs: number }, capMs: number): string {
  return `${met.arrived} of ${met.of} waiting scenarios ready after ${met.waitedMs} ms${met.arrived < met.of ? ` (the ${capMs} ms cap passed)` : ""}`;
}

/** The time a note says the scenario waited at the rendezvous; undefined without one. */
export function waitedAtRendezvousMs(note: string | undefined): number | undefined {
  const waited = /after (\d+) ms/.exec(note ?? "")?.[1];
  return waited === undefined ? undefined : Number(waited);
}
