import { findDriver } from "../../vendors/registry.ts";
import { RealTime, VirtualTime } from "../../engine/time.ts";
import { Transport } from "../../http/transport.ts";
import type { ResolvedTarget } from "../../targets/types.ts";
import { systemClock } from "../../time/clock.ts";
import { formatDuration } from "../../time/duration.ts";
import type { ServiceTimeouts, TimeoutResult } from "../types.ts";
import type { SearchResult } from "./bisect.ts";
import { bisectOnMock } from "./bisect-on-mock.ts";
import { type MeasurePlan, plansFor } from "./plans.ts";
import { SessionOps } from "./session-ops.ts";
import { measureStaggered } from "./staggered.ts";

export interface MeasureOptions {
  /** Default: 1s on a mock's clock, 10s in real time. */
  resolutionMs?: number | undefined;
  /** Real targets: the span of session ages around the expected value (default 2m). */
  windowMs?: number | undefined;
  /** Mocks: an age at which a still-live session counts as "no limit" (default 24h, or twice the expected value). */
  boundMs?: number | undefined;
  /** Real targets: the longest single wait allowed (default: the target's maxWait). */
  maxWaitMs?: number | undefined;
  /** Only these `<vendor>/<service>` names. */
  services?: readonly string[] | undefined;
  log?: ((line: string) => void) | undefined;
}

type Declared = { idleMs: number | null; absoluteMs: number | null } | undefined;

/** The target's declared timeouts for this service: always for a mock (its configuration), else only when the targets file says. */
function declared(target: ResolvedTarget, plan: MeasurePlan): Declared {
  if (!plan.usesTargetTimeouts) return undefined;
  const { idleMs, lifetimeMs } = target.timeouts;
  if (target.kind !== "mock" && idleMs === undefined && lifetimeMs === undefined) return undefined;
  return { idleMs: idleMs ?? null, absoluteMs: lifetimeMs ?? null };
}

const smallest = (...values: (number | null | undefined)[]) => {
  const known = values.filter((v): v is number => typeof v === "number");
  return known.length ? Math.min(...known) : undefined;
};

/**
 * Measures the idle and absolute timeouts of every service of the target's vendor:
 * by bisection on the virtual clock when the target has a mock control plane, else by
 * staggered sessions in real time. Returns the results and the requests they cost.
 */
export async function measureTimeouts(
  target: ResolvedTarget,
  options: MeasureOptions = {},
): Promise<{ timeouts: Record<string, ServiceTimeouts>; requests: number }> {
  const driver = findDriver(target.vendor);
  if (!driver) throw new Error(`no driver for vendor ${target.vendor}`);
  const log = options.log ?? (() => {});
  const transport = new Transport({ tls: target.tls, proxy: target.proxy, timeoutMs: target.stepTimeoutMs, clock: systemClock });
  const onMock = target.controlUrl !== undefined;
  const method = onMock ? "bisection" : "staggered";
  const res = options.resolutionMs ?? (onMock ? 1_000 : 10_000);
  const time = onMock ? new VirtualTime(target.controlUrl ?? "", transport) : new RealTime(systemClock);
  const timeouts: Record<string, ServiceTimeouts> = {};
  let requests = 0;
  try {
    for (const plan of plansFor(target.vendor).filter((p) => !options.services || options.services.includes(p.service))) {
      const config = declared(target, plan);
      // An unused session ends at its idle timeout or its lifetime, whichever comes first: that is what "idle" measures.
      const expected = (limits: { idleMs: number | null; absoluteMs: number | null }, kind: "idle" | "absolute") =>
        kind === "idle" ? (smallest(limits.idleMs, limits.absoluteMs) ?? null) : limits.absoluteMs;
      const base = (kind: "idle" | "absolute"): TimeoutResult => {
        const out: TimeoutResult = {
          documentedMs: expected(plan.documented, kind),
          measuredMs: null,
          aliveAtMs: 0,
          resolutionMs: res,
          method,
        };
        if (config) out.configuredMs = expected(config, kind);
        return out;
      };
      const withLogin = plan.loginWith(target.credentials);
      if (typeof withLogin === "string") {
        timeouts[plan.service] = { idle: { ...base("idle"), skipped: withLogin }, absolute: { ...base("absolute"), skipped: withLogin } };
        continue;
      }
      const ops = new SessionOps({ target, driver, transport, time }, withLogin, plan.probeWith);
      const idleGuess = expected(config ?? plan.documented, "idle") ?? undefined;
      const absoluteGuess = expected(config ?? plan.documented, "absolute") ?? undefined;
      const run = async (guess: number | undefined, keepAliveMs: number | undefined, label: string): Promise<SearchResult | string> => {
        log(`${plan.service} ${label}: measuring (${method}, resolution ${formatDuration(res)})`);
        if (onMock && time instanceof VirtualTime) {
          const boundMs = options.boundMs ?? Math.max(24 * 3_600_000, 2 * (guess ?? 0));
          return bisectOnMock(
            { controlUrl: target.controlUrl ?? "", transport, time, ops },
            { guessMs: guess, boundMs, resolutionMs: res, keepAliveMs },
          );
        }
        if (guess === undefined)
          return "no declared or documented value to centre the sessions on: declare session.idleTimeout / session.lifetime for the target";
        const windowMs = options.windowMs ?? 120_000;
        const wait = guess + windowMs / 2;
        const maxWait = options.maxWaitMs ?? target.maxWaitMs;
        if (wait > maxWait)
          return `would wait ${formatDuration(wait)} in real time, more than maxWait ${formatDuration(maxWait)} (raise maxWait: or pass --max-wait)`;
        return measureStaggered(ops, time, { centerMs: guess, windowMs, resolutionMs: res, keepAliveMs, log });
      };
      const finish = (kind: "idle" | "absolute", found: SearchResult | string): TimeoutResult =>
        typeof found === "string"
          ? { ...base(kind), skipped: found }
          : { ...base(kind), measuredMs: found.measuredMs, aliveAtMs: found.aliveAtMs };
      const idle = finish("idle", await run(idleGuess, undefined, "idle"));
      let absolute: TimeoutResult;
      if (idle.skipped === undefined && idle.measuredMs === null) {
        // Alive to the bound without any use: use cannot shorten a session, so the same holds kept busy.
        absolute = { ...base("absolute"), measuredMs: null, aliveAtMs: idle.aliveAtMs };
      } else {
        const known = idle.measuredMs ?? idle.aliveAtMs;
        const keepAliveMs = known > 0 ? Math.max(res, Math.floor((known * 0.9) / res) * res) : undefined;
        absolute = finish("absolute", await run(absoluteGuess, keepAliveMs, "absolute"));
      }
      timeouts[plan.service] = { idle, absolute };
      requests += ops.requests;
    }
  } finally {
    await transport.close();
  }
  return { timeouts, requests };
}
