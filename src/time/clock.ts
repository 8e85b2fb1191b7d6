/**
 * The one place that reads the wall clock. Drivers, mocks and the engine take a
 * `Clock`, so tests can freeze or advance time and expiry never needs a real sleep.
 */
export interface Clock {
  /** Milliseconds since the epoch, as this clock sees it. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that a mock's control plane can move forward. Built on a base clock:
 * frozen (the in-process mocks: time passes only when a scenario says so) or the
 * system clock (a standalone mock used as a real target, where time really passes).
 */
export class AdjustableClock implements Clock {
  private offsetMs = 0;
  constructor(private readonly base: Clock) {}

  now(): number {
    return this.base.now() + this.offsetMs;
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot advance a clock by ${ms} ms`);
    this.offsetMs += ms;
  }

  resetOffset(): void {
    this.offsetMs = 0;
  }
}

/** The instant every in-process mock starts at: fixed, so runs are repeatable. */
export const MOCK_EPOCH = Date.UTC(2026, 0, 15, 9, 0, 0);

export function frozenClock(at: number = MOCK_EPOCH): Clock {
  return { now: () => at };
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
