import type { Transport } from "../http/transport.ts";
import { type Clock, sleep } from "../time/clock.ts";
import { formatDuration, parseDuration } from "../time/duration.ts";

/** How far past (or short of) a timeout `past` / `before` land: 5% of it, between 1 s and 1 min. */
export function defaultMargin(timeoutMs: number): number {
  return Math.min(60_000, Math.max(1_000, Math.round(timeoutMs * 0.05)));
}

import { OF_OPTION } from "../time/time-expr.ts";

export { timeExprKind } from "../time/time-expr.ts";

/** Reads a duration option: whole seconds ("60", as vendors configure them) or a duration ("90s"). */
export function optionDurationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  try {
    return parseDuration(text);
  } catch {
    return undefined;
  }
}

/**
 * `past`, `before`, `95%`, `30m` or `50% of <option>`, against the timeout it is
 * relative to (or the named duration option). Throws when it needs a timeout or an
 * option the target does not declare.
 */
export function resolveTimeExpr(
  expr: string,
  timeoutMs: number | undefined,
  marginMs?: number,
  options: Readonly<Record<string, string | undefined>> = {},
): number {
  const ofOption = expr.match(OF_OPTION);
  if (ofOption) {
    const name = ofOption[2] as string;
    const base = optionDurationMs(options[name]);
    if (base === undefined)
      throw new RangeError(`"${expr}" is relative to option ${name}, which the target does not declare as a duration`);
    return Math.round((base * Number(ofOption[1])) / 100);
  }
  if (/^\d/.test(expr) && !expr.endsWith("%")) return parseDuration(expr);
  if (timeoutMs === undefined) throw new RangeError(`"${expr}" is relative to a timeout the target does not declare`);
  if (expr.endsWith("%")) return Math.round((timeoutMs * Number(expr.slice(0, -1))) / 100);
  const margin = marginMs ?? defaultMargin(timeoutMs);
  return expr === "past" ? timeoutMs + margin : Math.max(0, timeoutMs - margin);
}

/**
 * When a session is kept busy while `totalMs` of absolute time passes: every `everyMs`,
 * but never at or after `lastSafeMs` (the lifetime less its margin: the last instant the
 * session must still be alive), and once exactly then, so the final stretch to the end
 * is as short as the margin allows. Instants are elapsed ms from the start of the step.
 */
export function keepAliveSchedule(totalMs: number, everyMs: number, lastSafeMs: number): number[] {
  const end = Math.min(totalMs, lastSafeMs);
  const at: number[] = [];
  for (let t = everyMs; t < end; t += everyMs) at.push(t);
  if (lastSafeMs > 0 && lastSafeMs < totalMs && at[at.length - 1] !== lastSafeMs) at.push(lastSafeMs);
  return at;
}

export interface TimeControl {
  readonly description: string;
  /** The target's now, in ms. */
  now(): number;
  pass(ms: number, progress: (line: string) => void): Promise<void>;
}

/** Mocks: time passes by moving the mock's clock through its control plane. Instant. */
export class VirtualTime implements TimeControl {
  readonly description = "virtual clock (mock)";
  private current = 0;

  constructor(
    private readonly controlUrl: string,
    private readonly transport: Transport,
  ) {}

  /** Reads the mock's clock; with `reset`, first puts the mock back to its seeded state (one request either way). */
  async start(options: { reset?: boolean } = {}): Promise<void> {
    const exchange = options.reset
      ? await this.transport.send({ method: "POST", url: `${this.controlUrl}/reset`, headers: {} }, "reset")
      : await this.transport.send({ method: "GET", url: `${this.controlUrl}/clock`, headers: {} }, "clock");
    this.current = Number((exchange.response.parsed as { now?: number } | undefined)?.now);
    if (!Number.isFinite(this.current))
      throw new Error(`the mock control plane at ${this.controlUrl} did not report its clock (status ${exchange.response.status})`);
  }

  now(): number {
    return this.current;
  }

  async pass(ms: number): Promise<void> {
    const exchange = await this.transport.send(
      {
        method: "POST",
        url: `${this.controlUrl}/clock/advance`,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ ms }),
      },
      "clock",
    );
    const now = Number((exchange.response.parsed as { now?: number } | undefined)?.now);
    if (exchange.response.status !== 200 || !Number.isFinite(now))
      throw new Error(`the mock control plane refused to advance the clock by ${ms} ms (status ${exchange.response.status})`);
    this.current = now;
  }
}

/** Real targets with `expiry: wait`: time passes by waiting, with a progress line every few seconds. */
export class RealTime implements TimeControl {
  readonly description = "real time (waiting)";
  constructor(private readonly clock: Clock) {}

  now(): number {
    return this.clock.now();
  }

  async pass(ms: number, progress: (line: string) => void): Promise<void> {
    const every = ms > 60_000 ? 15_000 : 5_000;
    let left = ms;
    progress(`waiting ${formatDuration(ms)} in real time`);
    while (left > 0) {
      const chunk = Math.min(every, left);
      await sleep(chunk);
      left -= chunk;
      if (left > 0) progress(`… ${formatDuration(left)} left`);
    }
  }
}
