/**
 * The smallest session age (to `resolutionMs`) at which a session is found dead,
 * given an experiment `dead(age)` that starts a fresh session and asks after `age`.
 * A guess (the declared or documented value) is checked first: when the session is
 * dead at the guess and alive one resolution before it, two experiments settle it;
 * otherwise a plain bisection (~log2(range / resolution) experiments) does.
 */
export interface SearchResult {
  /** First age found dead; null: still alive at `aliveAtMs` (the bound). */
  measuredMs: number | null;
  aliveAtMs: number;
  experiments: number;
}

export async function findTimeout(
  dead: (ageMs: number) => Promise<boolean>,
  options: { guessMs?: number | undefined; boundMs: number; resolutionMs: number },
): Promise<SearchResult> {
  const res = options.resolutionMs;
  if (!(res > 0)) throw new RangeError(`the resolution must be positive, got ${res} ms`);
  const grid = (ms: number) => Math.max(res, Math.ceil(ms / res) * res);
  const bound = grid(options.boundMs);
  let experiments = 0;
  const test = (age: number) => {
    experiments++;
    return dead(age);
  };
  let lo = 0;
  let hi: number | undefined;
  const guess = options.guessMs === undefined ? undefined : grid(options.guessMs);
  if (guess !== undefined && guess < bound) {
    if (await test(guess)) {
      hi = guess;
      if (guess - res > 0) {
        if (await test(guess - res)) hi = guess - res;
        else lo = guess - res;
      }
    } else {
      lo = guess;
    }
  }
  if (hi === undefined && !(await test(bound))) return { measuredMs: null, aliveAtMs: bound, experiments };
  let upper: number = hi ?? bound;
  while (upper - lo > res) {
    const mid: number = lo + Math.max(res, Math.floor((upper - lo) / 2 / res) * res);
    if (await test(mid)) upper = mid;
    else lo = mid;
  }
  return { measuredMs: upper, aliveAtMs: lo, experiments };
}
