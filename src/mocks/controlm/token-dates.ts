const DAY_MS = 86_400_000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Start (UTC) of the day `YYYY-MM-DD`, or undefined when the text is not that
 * format or not a real calendar date (2026-02-30 would silently roll over in Date.UTC).
 */
export function utcDayStart(text: string): number | undefined {
  const match = DATE.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  const back = new Date(start);
  const real = back.getUTCFullYear() === year && back.getUTCMonth() === month - 1 && back.getUTCDate() === day;
  return real ? start : undefined;
}

/** "A future date": strictly after today's UTC date on the mock clock, so today itself is refused. */
export function isFutureDay(dayStart: number, now: number): boolean {
  return dayStart > Math.floor(now / DAY_MS) * DAY_MS;
}

/** A token dated D works through the whole UTC day D and is refused from midnight UTC after it. */
export function hasExpired(expirationDate: string | undefined, now: number): boolean {
  if (expirationDate === undefined) return false;
  const start = utcDayStart(expirationDate);
  return start !== undefined && now >= start + DAY_MS;
}
