import { Hono } from "hono";
import type { AdjustableClock } from "../time/clock.ts";
import { parseDuration } from "../time/duration.ts";
import { sleep } from "../time/clock.ts";
import type { IssuedSecrets } from "./issued.ts";
import type { Journal } from "./journal.ts";
import type { MockDefect, MockInstance } from "../vendor-api/mock.ts";

export const CONTROL_PREFIX = "/__sessionprobe";

export interface ControlState {
  clock: AdjustableClock;
  instance: MockInstance;
  defects: readonly MockDefect[];
  active: Set<string>;
  journal: Journal;
  issued: IssuedSecrets;
  vendor: string;
}

const MAX_HANG_MS = 120_000;
/** One advance may move the clock at most ten years: further is a typo, and Date breaks near 275,760 years. */
export const MAX_ADVANCE_MS = 10 * 365.25 * 86_400_000;
/** The clock must stay a valid date: every Date header, journal entry and expiry is computed from it. */
const LATEST_INSTANT = Date.UTC(9999, 11, 31);

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The body as JSON, or undefined when it is not JSON at all. */
async function jsonBody(c: { req: { json(): Promise<unknown> } }): Promise<unknown> {
  return c.req.json().catch(() => undefined);
}

/**
 * The harness's side door into a mock, under a path no vendor uses: move the clock,
 * count sessions, reset, switch defects. Never part of what a scenario asserts.
 */
export function controlPlane(state: ControlState): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json({ vendor: state.vendor, now: new Date(state.clock.now()).toISOString(), defects: [...state.active] }));
  app.get("/clock", (c) => c.json({ now: state.clock.now(), iso: new Date(state.clock.now()).toISOString() }));
  app.post("/clock/advance", async (c) => {
    const body = await jsonBody(c);
    const ms = !isRecord(body)
      ? Number.NaN
      : typeof body.ms === "number"
        ? body.ms
        : typeof body.by === "string"
          ? safeDuration(body.by)
          : Number.NaN;
    // Refused before the clock moves: an advance of 1e300 ms once left every later request answering 500.
    if (!Number.isFinite(ms) || ms < 0 || ms > MAX_ADVANCE_MS || state.clock.now() + ms > LATEST_INSTANT) {
      return c.json(
        {
          error: `send {"ms": <milliseconds from 0 to ${MAX_ADVANCE_MS} (ten years)>} or {"by": "30m"}; the clock stays before the year 10000`,
        },
        400,
      );
    }
    state.clock.advance(ms);
    return c.json({ now: state.clock.now(), iso: new Date(state.clock.now()).toISOString() });
  });
  app.get("/sessions", (c) => {
    const sessions = state.instance.openSessions();
    return c.json({
      open: sessions.length,
      sessions: sessions.map((s) => ({
        user: s.user,
        createdAt: new Date(s.createdAt).toISOString(),
        lastUsedAt: new Date(s.lastUsedAt).toISOString(),
      })),
    });
  });
  app.get("/journal", (c) => c.json({ entries: state.journal.entries() }));
  app.get("/unmodelled", (c) => c.json({ entries: state.journal.unmodelled() }));
  // For proofs only: the exact credentials handed out, to search reports for them.
  app.get("/issued", (c) => c.json({ values: state.issued.list() }));
  // A server that hangs, on demand (real time, bounded): for timeout and leak-guard proofs. The hang ends with the
  // client's connection (a timed-out test's worker, or the server closing them all): a pending timer would keep a
  // stopped mock's process alive for the rest of it.
  app.get("/hang", async (c) => {
    const raw = c.req.query("ms") ?? "60000";
    const ms = /^\d{1,6}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(ms <= MAX_HANG_MS)) return c.json({ error: `send ?ms=<whole milliseconds from 0 to ${MAX_HANG_MS}>` }, 400);
    try {
      await sleep(ms, c.req.raw.signal);
    } catch {
      // The client went away: nobody reads the answer.
      return c.body(null);
    }
    return c.json({ hungFor: ms });
  });
  app.get("/defects", (c) => c.json({ available: state.defects, active: [...state.active] }));
  app.put("/defects", async (c) => {
    const body = await jsonBody(c);
    // Names only: String() of {"toString": 1} throws, and an object is never a defect's name.
    const list = isRecord(body) && Array.isArray(body.defects) ? body.defects : undefined;
    if (!list?.every((n): n is string => typeof n === "string") || list.length > state.defects.length) {
      return c.json({ error: `send {"defects": ["name", …]}: at most ${state.defects.length} defect names of ${state.vendor}` }, 400);
    }
    const names = [...new Set(list)];
    const unknown = names.filter((n) => !state.defects.some((d) => d.name === n));
    if (unknown.length)
      return c.json(
        {
          error: `unknown defect(s) for ${state.vendor}: ${unknown.map((n) => JSON.stringify(n.slice(0, 80))).join(", ")}; known: ${state.defects.map((d) => d.name).join(", ")}`,
        },
        400,
      );
    state.active.clear();
    for (const name of names) state.active.add(name);
    return c.json({ active: [...state.active] });
  });
  app.post("/reset", (c) => {
    state.instance.reset();
    state.clock.resetOffset();
    state.journal.clear();
    return c.json({ reset: true, now: state.clock.now() });
  });
  return app;
}

function safeDuration(text: string): number {
  try {
    return parseDuration(text);
  } catch {
    return Number.NaN;
  }
}
