import type { Session } from "../../vendor-api/driver.ts";
import type { TimeControl } from "../../engine/time.ts";
import type { SearchResult } from "./bisect.ts";
import type { SessionOps } from "./session-ops.ts";

export interface StaggerOptions {
  /** Where the timeout is expected (declared or documented): the sessions' ages are spread around it. */
  centerMs: number;
  /** The span of ages covered; one session per `resolutionMs` of it. */
  windowMs: number;
  resolutionMs: number;
  /** Absolute timeout: use every session this often, so idleness cannot end it first. */
  keepAliveMs?: number | undefined;
  log(line: string): void;
}

/**
 * Real targets, where time cannot be rewound: open sessions `resolutionMs` apart, then
 * probe them all at one moment, when their ages span `centerMs ± windowMs/2`. The
 * youngest dead session and the oldest live one bracket the timeout. One wait of about
 * `centerMs + windowMs/2` measures it, whatever the resolution (which only sets how
 * many sessions are opened).
 */
export async function measureStaggered(ops: SessionOps, time: TimeControl, options: StaggerOptions): Promise<SearchResult> {
  const { resolutionMs: res } = options;
  const count = Math.floor(options.windowMs / res) + 1;
  const sessions: { session: Session; openedAt: number; deadAtAge?: number }[] = [];
  /** Probes every open session now; one found dead keeps the age it was found dead at. */
  const probeAll = async () => {
    const now = time.now();
    await Promise.all(
      sessions
        .filter((s) => s.session.open)
        .map(async (s) => {
          if (!(await ops.alive(s.session))) s.deadAtAge = now - s.openedAt;
        }),
    );
  };
  try {
    for (let i = 0; i < count; i++) {
      if (i > 0) await time.pass(res, options.log);
      sessions.push({ session: await ops.open(), openedAt: time.now() });
    }
    const first = sessions[0]?.openedAt ?? time.now();
    const probeAt = first + options.centerMs + Math.floor(options.windowMs / 2);
    options.log(`${count} sessions opened ${res} ms apart; probing them all in ${Math.max(0, probeAt - time.now())} ms`);
    const every = options.keepAliveMs;
    if (every !== undefined && every > 0) {
      while (probeAt - time.now() > every) {
        await time.pass(every, options.log);
        await probeAll();
      }
    }
    await time.pass(Math.max(0, probeAt - time.now()), options.log);
    const at = time.now();
    await probeAll();
    const deadAges = sessions.flatMap((s) => (s.deadAtAge === undefined ? [] : [s.deadAtAge]));
    const aliveAges = sessions.filter((s) => s.deadAtAge === undefined).map((s) => at - s.openedAt);
    return {
      measuredMs: deadAges.length ? Math.min(...deadAges) : null,
      aliveAtMs: aliveAges.length ? Math.max(...aliveAges) : 0,
      experiments: count,
    };
  } finally {
    await ops.close(sessions.map((s) => s.session));
  }
}
