import { expect, test } from "@playwright/test";
import { AdjustableClock, frozenClock } from "../time/clock.ts";
import { type EvictionPolicy, MAX_ENDED, MAX_OPEN_SESSIONS, SessionTable } from "./session-table.ts";

function table(eviction: EvictionPolicy, policy: { idleMs?: number; lifetimeMs?: number } = {}) {
  const clock = new AdjustableClock(frozenClock());
  let n = 0;
  return {
    clock,
    sessions: new SessionTable(
      clock,
      () => ({ ...policy, capacity: 3, eviction }),
      () => `s${++n}`,
    ),
  };
}

test("least-recently-used eviction picks the session used longest ago, even on a frozen clock", () => {
  const { sessions } = table("least-recently-used");
  sessions.open("a", {});
  sessions.open("b", {});
  sessions.open("c", {});
  sessions.find("s1", { touch: true });
  sessions.open("d", {});
  expect(sessions.find("s2", { touch: false })).toBeUndefined();
  expect(sessions.endReason("s2")).toBe("evicted");
  expect(sessions.find("s1", { touch: false })?.user).toBe("a");
});

test("oldest eviction ignores use", () => {
  const { sessions } = table("oldest");
  for (const user of ["a", "b", "c"]) sessions.open(user, {});
  sessions.find("s1", { touch: true });
  sessions.open("d", {});
  expect(sessions.find("s1", { touch: false })).toBeUndefined();
  expect(sessions.find("s2", { touch: false })?.user).toBe("b");
});

test("idle and lifetime expiry are judged on the clock, at the boundary", () => {
  const { clock, sessions } = table("least-recently-used", { idleMs: 1_000, lifetimeMs: 5_000 });
  sessions.open("a", {});
  clock.advance(999);
  expect(sessions.find("s1", { touch: true })).toBeDefined();
  clock.advance(999);
  expect(sessions.find("s1", { touch: true })).toBeDefined();
  clock.advance(1_000);
  expect(sessions.find("s1", { touch: true })).toBeUndefined();
  expect(sessions.endReason("s1")).toBe("idle");
  sessions.open("b", {});
  for (let i = 0; i < 5; i++) {
    clock.advance(900);
    sessions.find("s2", { touch: true });
  }
  clock.advance(600);
  expect(sessions.find("s2", { touch: true })).toBeUndefined();
  expect(sessions.endReason("s2")).toBe("lifetime");
});

test("without a vendor capacity the table still keeps at most MAX_OPEN_SESSIONS open, evicting the least recently used (issue 14)", () => {
  const clock = new AdjustableClock(frozenClock());
  let n = 0;
  const sessions = new SessionTable(
    clock,
    () => ({ lifetimeMs: 30 * 60_000, eviction: "least-recently-used" }),
    () => `s${++n}`,
  );
  // 3,000 unclosed sessions once grew every mock without bound; past the bound a login still works.
  for (let i = 0; i < MAX_OPEN_SESSIONS + 3_000; i++) sessions.open(`u${i % 7}`, {});
  expect(sessions.live().length).toBe(MAX_OPEN_SESSIONS);
  expect(sessions.endReason("s1")).toBe("evicted");
  expect(sessions.endReason("s3000")).toBe("evicted");
  expect(sessions.find("s3001", { touch: false })).toBeDefined();
  expect(sessions.find(`s${MAX_OPEN_SESSIONS + 3_000}`, { touch: false })).toBeDefined();
  // A vendor capacity below the bound still decides.
  const capped = new SessionTable(
    clock,
    () => ({ capacity: 5, eviction: "oldest" }),
    () => `c${++n}`,
  );
  for (let i = 0; i < 50; i++) capped.open("a", {});
  expect(capped.live().length).toBe(5);
});

test("the reasons of at least the last MAX_ENDED endings the table decided are remembered, no more than twice as many; a close needs none", () => {
  const clock = new AdjustableClock(frozenClock());
  let n = 0;
  // Capacity 1: every login evicts the one before.
  const sessions = new SessionTable(
    clock,
    () => ({ capacity: 1, eviction: "least-recently-used" }),
    () => `s${++n}`,
  );
  const total = MAX_ENDED * 2 + 500;
  for (let i = 0; i < total; i++) sessions.open("u", {});
  expect(sessions.endReason(`s${total - 1}`)).toBe("evicted");
  expect(sessions.endReason(`s${total - MAX_ENDED}`)).toBe("evicted");
  expect(sessions.endReason("s1")).toBeUndefined();
  const remembered = Array.from({ length: total }, (_, i) => sessions.endReason(`s${i + 1}`)).filter(Boolean).length;
  expect(remembered).toBeGreaterThanOrEqual(MAX_ENDED);
  expect(remembered).toBeLessThanOrEqual(2 * MAX_ENDED);
  expect(sessions.close(`s${total}`)).toBe(true);
  expect(sessions.endReason(`s${total}`)).toBeUndefined();
  expect(sessions.find(`s${total}`, { touch: false })).toBeUndefined();
});
