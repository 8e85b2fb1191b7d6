import fc from "fast-check";
import { keepAliveSchedule } from "../../../engine/time.ts";
import { formatDuration } from "../../../time/duration.ts";
import { command, type ExploreContext, type ModelCommand } from "../../model.ts";
import { isLive, life, pick, stake, step, type VmModel, type VmSession } from "./state.ts";

/**
 * Time (VM-08, VM-09): idle time passes for every session, or absolute time passes while
 * one session is kept busy (the engine's keep-alives, at the schedule the engine runs).
 * Time only ever lands where no session is within the margin of an end, so every session
 * is alive or dead afterwards, never both.
 */

/** Shares of the idle timeout idle time passes by. */
const IDLE_SHARES = [10, 35, 60, 85, 110, 150, 220];
/**
 * How long a busy session is kept busy: well within its lifetime, just past it (after the
 * lifetime's margin, before an idle timeout since the last keep-alive could end it: only
 * the lifetime can have ended it there), or well past it.
 */
type Aim = "within" | "just-past" | "well-past";
const AIM_SHARES: Record<Exclude<Aim, "just-past">, number> = { within: 40, "well-past": 115 };
/** How often a busy session is used, as a share of the idle timeout (the suite's keep-alive). */
const KEEP_ALIVE_SHARE = 66;

const share = (base: number, percent: number) => Math.round((base * percent) / 100);

/** Would every session be alive or dead at `at`, none too close to an end to tell? */
function landsClear(model: Readonly<VmModel>, at: number, sessions: readonly VmSession[] = [...model.sessions.values()]): boolean {
  return sessions.every((s) => life(model, s, at).state !== "near");
}

/** After time passed, a session still alive is one whose idle clock (or lifetime) must not have ended it early. */
function timeAtStake(model: VmModel): void {
  stake(model, ["VM-08"], (s) => isLive(model, s));
  const { idleMs, lifetimeMs } = model;
  if (lifetimeMs !== undefined)
    stake(model, ["VM-09"], (s) => isLive(model, s) && (idleMs === undefined || s.openedAt + lifetimeMs <= s.lastUseLatest + idleMs));
}

const pass = (percent: number) =>
  command<VmModel>(`let ${percent}% of the idle timeout pass`, {
    check: (m) => {
      const base = m.context.idleMs;
      if (!m.context.allows.time || base === undefined) return false;
      const ms = share(base, percent);
      return ms <= m.context.allows.maxWaitMs && landsClear(m, m.now + ms);
    },
    run: async (model, system) => {
      await step(model, system, { expire: { idle: `${percent}%` } });
      timeAtStake(model);
    },
  });

/**
 * The keep-alives the engine sends while `total` passes for session `s` (src/engine/expire.ts):
 * every 66% of the idle timeout, stopping at the lifetime less its margin, with one then.
 */
function keepAlives(model: Readonly<VmModel>, s: VmSession, total: number): number[] | undefined {
  const { idleMs: idle, lifetimeMs: lifetime } = model.context;
  if (idle === undefined || lifetime === undefined) return undefined;
  const every = share(idle, KEEP_ALIVE_SHARE);
  const lastSafe = lifetime - model.context.marginOf(lifetime) - Math.max(0, model.now - s.openedAt);
  return keepAliveSchedule(total, every, lastSafe);
}

/** Can `s` be kept busy for `total`: every keep-alive finds it certainly alive, and the landing is clear for every session? */
function busyPlan(model: Readonly<VmModel>, s: VmSession, total: number): number | undefined {
  const { idleMs, lifetimeMs } = model;
  if (idleMs === undefined || lifetimeMs === undefined || !isLive(model, s)) return undefined;
  const schedule = keepAlives(model, s, total);
  if (!schedule) return undefined;
  const idleMargin = model.context.marginOf(idleMs);
  // Each keep-alive within the idle timeout (less its margin) of the use before it.
  let last = s.lastUseLatest;
  let lastEarliest = s.lastUseAt;
  for (const at of schedule) {
    if (model.now + at >= lastEarliest + idleMs - idleMargin) return undefined;
    last = model.now + at;
    lastEarliest = last;
  }
  const after: VmSession = { ...s, lastUseAt: lastEarliest, lastUseLatest: last };
  const others = [...model.sessions.values()].filter((o) => o !== s);
  const landing = model.now + total;
  return landsClear(model, landing, others) && life(model, after, landing).state !== "near" ? schedule.length : undefined;
}

/**
 * The absolute time to pass for an aim, as the expire step writes it. Just past the
 * lifetime is the middle of the stretch between the lifetime's end (plus its margin) and
 * the idle timeout since the last keep-alive (less its margin), in whole seconds where a
 * duration is written so; undefined where that stretch is empty (idle short beside the margins).
 */
function busyFor(model: Readonly<VmModel>, s: VmSession, aim: Aim): { ms: number; expr: string } | undefined {
  const { idleMs, lifetimeMs } = model.context;
  if (idleMs === undefined || lifetimeMs === undefined) return undefined;
  if (aim !== "just-past") {
    const percent = AIM_SHARES[aim];
    return { ms: share(lifetimeMs, percent), expr: `${percent}%` };
  }
  const lifeMargin = model.context.marginOf(lifetimeMs);
  const end = s.openedAt + lifetimeMs;
  const from = end + lifeMargin;
  const to = end - lifeMargin + idleMs - model.context.marginOf(idleMs);
  let ms = Math.round((from + to) / 2) - model.now;
  if (ms >= 10_000) ms = Math.round(ms / 1000) * 1000;
  if (ms <= 0 || model.now + ms <= from || model.now + ms >= to) return undefined;
  return { ms, expr: formatDuration(ms) };
}

const keepBusy = (n: number, aim: Aim) =>
  command<VmModel>(
    `keep session #${n} busy ${aim === "within" ? "within" : aim === "just-past" ? "until just past" : "until well past"} its lifetime`,
    {
      check: (m) => {
        const s = pick(m, n, (x) => isLive(m, x));
        const busy = s && busyFor(m, s, aim);
        return m.context.allows.time && !!busy && busy.ms <= m.context.allows.maxWaitMs && busyPlan(m, s, busy.ms) !== undefined;
      },
      run: async (model, system) => {
        const s = pick(model, n, (x) => isLive(model, x)) as VmSession;
        const busy = busyFor(model, s, aim) as { ms: number; expr: string };
        const schedule = keepAlives(model, s, busy.ms) ?? [];
        const start = model.now;
        await step(model, system, {
          expire: { absolute: busy.expr, keepAlive: `${KEEP_ALIVE_SHARE}%` },
          as: s.slot,
          // A keep-alive refused early: use did not restart the idle clock (VM-08) or the lifetime fell short (VM-09).
          covers: [...new Set(["VM-08", "VM-09", ...s.atStake])],
        });
        for (const at of schedule) {
          s.lastUseAt = start + at;
          s.lastUseLatest = start + at;
          s.useSeq = ++model.seq;
          s.maybeSeq = s.useSeq;
        }
        if (schedule.length) s.atStake.clear();
        timeAtStake(model);
        if (schedule.length && isLive(model, s)) s.atStake.add("VM-09");
      },
    },
  );

/** The time commands, with how often each is drawn. */
export function timeCommands(_context: ExploreContext): [number, fc.Arbitrary<ModelCommand<VmModel>>][] {
  return [
    [6, fc.constantFrom(...IDLE_SHARES).map(pass)],
    [
      3,
      fc.tuple(fc.nat({ max: 5 }), fc.constantFrom<Aim>("within", "just-past", "just-past", "well-past")).map(([i, a]) => keepBusy(i, a)),
    ],
  ];
}
