/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = finite(values).sort((a, b) => a - b);
  if (!sorted.length) return Number.NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function spread(values: readonly number[]): { min: number; max: number } {
  const kept = finite(values);
  return kept.length ? { min: Math.min(...kept), max: Math.max(...kept) } : { min: Number.NaN, max: Number.NaN };
}

const finite = (values: readonly number[]) => values.filter((v) => Number.isFinite(v));

/** How a figure is written: the number alone (for the min–max in brackets) and its unit after the median. */
export interface Unit {
  digits: (value: number) => string;
  suffix: string;
}

export const SECONDS: Unit = { digits: (ms) => (ms / 1000).toFixed(2), suffix: " s" };
export const MILLIS: Unit = { digits: (ms) => ms.toFixed(1), suffix: " ms" };
export const WHOLE_MILLIS: Unit = { digits: (ms) => ms.toFixed(0), suffix: " ms" };
export const MIB: Unit = { digits: (bytes) => String(Math.round(bytes / 2 ** 20)), suffix: " MiB" };
export const RATIO: Unit = { digits: (value) => value.toFixed(2), suffix: "" };
export const PER_SECOND: Unit = { digits: (value) => value.toFixed(0), suffix: " /s" };

/**
 * A table cell: the median, then the smallest and largest sample, `7.67 s (7.41–8.02)`.
 * One sample is written alone: there is no spread to show. A negative minimum is
 * written "(−3.1 to 2.0)", not with a dash.
 */
export function cell(values: readonly number[], unit: Unit): string {
  const kept = finite(values);
  if (!kept.length) return "n/a";
  const mid = `${unit.digits(median(kept))}${unit.suffix}`;
  if (kept.length === 1) return mid;
  const { min, max } = spread(kept);
  // A dash between two numbers reads as a minus when the first one is negative.
  return `${mid} (${unit.digits(min)}${min < 0 ? " to " : "–"}${unit.digits(max)})`;
}

export const seconds = (ms: number) => (Number.isFinite(ms) ? `${(ms / 1000).toFixed(2)} s` : "n/a");
export const mib = (bytes: number) => (Number.isFinite(bytes) ? `${Math.round(bytes / 2 ** 20)} MiB` : "n/a");
export const ratio = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : "n/a");
