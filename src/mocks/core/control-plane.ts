import { Hono } from "hono";
import type { AdjustableClock } from "../../time/clock.ts";
import { parseDuration } from "../../time/duration.ts";
import { sleep } from "../../time/clock.ts";
import type { IssuedSecrets } from "./issued.ts";
import type { Journal } from "./journal.ts";
import type { MockDefect, MockInstance } from "./types.ts";

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

/**
 * The harness's side door into a mock, under a path no vendor uses: move the clock,
 * count sessions, reset, switch defects. Never part of what a scenario asserts.
 */
export function controlPlane(state: ControlState): Hono {
  const app = new Hono();
  app.get("/", (c) => c.json({ vendor: state.vendor, now: new Date(state.clock.now()).toISOString(), defects: [...state.active] }));
  app.get("/clock", (c) => c.json({ now: state.clock.now(), iso: new Date(state.clock.now()).toISOString() }));
  app.post("/clock/advance", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { ms?: unknown; by?: unknown };
    const ms = typeof body.ms === "number" ? body.ms : typeof body.by === "string" ? safeDuration(body.by) : Number.NaN;
    if (!Number.isFinite(ms) || ms < 0) return c.json({ error: 'send {"ms": <non-negative number>} or {"by": "30m"}' }, 400);
    state.clock.advance(ms);
    return c.json({ now: state.clock.now(), iso: new Date(state.clock.now()).toISOString() });
  });
  app.get("/sessions", (c) => {
    const sessions = state.instance.openSessions();
    return c.json({ open: sessions.length, sessions: sessions.map((s) => ({ user: s.user, createdAt: new Date(s.createdAt).toISOString(), lastUsedAt: new Date(s.lastUsedAt).toISOString() })) });
  });
  app.get("/journal", (c) => c.json({ entries: state.journal.entries() }));
  app.get("/unmodelled", (c) => c.json({ entries: state.journal.unmodelled() }));
  // For proofs only: the exact credentials handed out, to search reports for them.
  app.get("/issued", (c) => c.json({ values: state.issued.list() }));
  // A server that hangs, on demand (real time, bounded): for timeout and leak-guard proofs.
  app.get("/hang", async (c) => {
    const ms = Math.min(Number(c.req.query("ms") ?? 60_000) || 0, MAX_HANG_MS);
    await sleep(ms);
    return c.json({ hungFor: ms });
  });
  app.get("/defects", (c) => c.json({ available: state.defects, active: [...state.active] }));
  app.put("/defects", async (c) => {
    const body = (await c.req.json().catch(() => ({}))) as { defects?: unknown };
    const names = Array.isArray(body.defects) ? body.defects.map(String) : undefined;
    if (!names) return c.json({ error: 'send {"defects": ["name", …]}' }, 400);
    const unknown = names.filter((n) => !state.defects.some((d) => d.name === n));
    if (unknown.length) return c.json({ error: `unknown defect(s) for ${state.vendor}: ${unknown.join(", ")}; known: ${state.defects.map((d) => d.name).join(", ")}` }, 400);
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
